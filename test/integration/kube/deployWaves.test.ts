/**
 * A deploy on a real API server reads every object it can before the first wave, so each wave costs one
 * round trip; a custom resource whose CRD comes in the same deploy is read in its own wave instead, at the
 * path the established CRD gives, since discovery may list its group only a moment later.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterClients, type KubeRequest } from '../../../core/kube/clients';
import { deleteFromClusters, deployToClusters } from '../../../core/kube/deploy';
import { parseManifests, ResourceResolver } from '../../../core/kube/manifests';
import { namespacedCrd } from '../../unit/language/fixtures';
import { kubeLab } from './lab';

const options = { concurrency: 4, timeoutMs: 30_000, fieldManager: 'flotilla-test' };

function manifests(run: string): string {
  const group = `waves${run}.flotilla.test`;
  return `apiVersion: v1
kind: Namespace
metadata: {name: flotilla-waves-${run}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: flotilla-waves-${run}}
data: {mode: fast}
---
apiVersion: ${group}/v1
kind: Gadget
metadata: {name: first, namespace: flotilla-waves-${run}}
spec: {size: 3}
---
${namespacedCrd({ group, kind: 'Gadget', plural: 'gadgets' }, '            spec: {type: object, properties: {size: {type: integer}}}\n')}`;
}

/** The lab's clients, recording each request as "METHOD path" in the order they were sent. */
function recordingClients(base: ClusterClients): { clients: ClusterClients; sent: string[] } {
  const sent: string[] = [];
  const request = base.request.bind(base);
  base.request = (<T>(cluster: string, req: KubeRequest) => {
    sent.push(`${req.method ?? 'GET'} ${req.path}`);
    return request<T>(cluster, req);
  }) as ClusterClients['request'];
  return { clients: base, sent };
}

test('reads go out before the first apply; the custom resource of a CRD in the same deploy is read in its wave; a redeploy is unchanged', async () => {
  const lab = await kubeLab();
  const { clients, sent } = recordingClients(lab.clients());
  const resolver = new ResourceResolver(clients);
  const run = Date.now().toString(36);
  const { objects } = parseManifests(manifests(run));
  try {
    const [outcome] = await deployToClusters(clients, resolver, ['member1'], objects, options);
    assert.ok(outcome.ok, outcome.summary);
    assert.deepEqual(outcome.objects.map((o) => [o.ref.split(' ')[0], o.result]), [
      ['Namespace', 'created'],
      ['CustomResourceDefinition', 'created'],
      ['ConfigMap', 'created'],
      ['Gadget', 'created'],
    ]);
    const objectCalls = sent.filter((line) => /\/(namespaces|configmaps|customresourcedefinitions|gadgets)\b/.test(line) && !line.endsWith('/namespaces'));
    const firstApply = objectCalls.findIndex((line) => line.startsWith('PATCH'));
    const readsBeforeApply = objectCalls.slice(0, firstApply);
    assert.equal(readsBeforeApply.length, 3, `the Namespace, CRD and ConfigMap are read before any apply:\n${objectCalls.join('\n')}`);
    assert.ok(readsBeforeApply.every((line) => line.startsWith('GET')));
    const gadgetCalls = objectCalls.filter((line) => line.includes('/gadgets/'));
    assert.deepEqual(gadgetCalls.map((line) => line.split(' ')[0]), ['GET', 'PATCH'], 'the Gadget is read once, in its wave, then applied');
    assert.ok(objectCalls.indexOf(gadgetCalls[0]) > objectCalls.findIndex((line) => line.startsWith('PATCH') && line.includes('customresourcedefinitions')));
    // Established does not mean discovery lists the group yet: the Gadget's path comes from the CRD itself.
    const crdApplied = sent.findIndex((line) => line.startsWith('PATCH') && line.includes('customresourcedefinitions'));
    assert.ok(!sent.slice(crdApplied).includes(`GET /apis/waves${run}.flotilla.test/v1`), sent.join('\n'));

    const [again] = await deployToClusters(clients, resolver, ['member1'], objects, options);
    assert.equal(again.summary, 'unchanged', JSON.stringify(again.objects));
  } finally {
    await deleteFromClusters(clients, resolver, ['member1'], objects, options);
    clients.dispose();
  }
});
