// A server-side apply that meets fields another field manager owns fails on that cluster only, naming the
// manager and the fields; applying with force there (kubectl's --force-conflicts) takes them over, and
// the other clusters are left as they were.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictedClusters, deployToClusters } from '../../../core/kube/deploy';
import { parseManifests, ResourceResolver } from '../../../core/kube/manifests';
import type { KubeObject } from '../../../core/kube/watch';
import { labClients } from '../../support/labClients';

const name = `conflict-${process.pid}`;
const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: main, image: nginx:1.27}]}
`;

test('an apply conflict names the other manager and its fields, and force fixes that cluster only', { timeout: 60_000 }, async (t) => {
  const { clients } = await labClients();
  const resolver = new ResourceResolver(clients);
  const path = `/apis/apps/v1/namespaces/default/deployments/${name}`;
  t.after(() => Promise.all(['member1', 'member2'].map((c) => clients.request(c, { method: 'DELETE', path }).catch(() => undefined))));
  // Another team owns replicas on member1.
  await clients.request('member1', { method: 'PATCH', path, query: { fieldManager: 'other-team' }, body: manifest(5), contentType: 'application/apply-patch+yaml' });

  const { objects } = parseManifests(manifest(3));
  const options = { concurrency: 4, timeoutMs: 10_000, fieldManager: 'flotilla-test' };
  const outcomes = await deployToClusters(clients, resolver, ['member1', 'member2'], objects, options);
  assert.deepEqual(outcomes.map((o) => [o.cluster, o.ok]), [['member1', false], ['member2', true]], outcomes.map((o) => o.summary).join('; '));
  assert.equal(outcomes[0].summary, `failed: Deployment default/${name}: apply conflict: .spec.replicas managed by "other-team"`);
  assert.deepEqual(outcomes[0].objects[0].conflicts, [{ manager: 'other-team', field: '.spec.replicas' }]);
  assert.deepEqual(conflictedClusters(outcomes).map((o) => o.cluster), ['member1']);

  const forced = await deployToClusters(clients, resolver, ['member1'], objects, { ...options, force: true });
  assert.equal(forced[0].summary, 'configured');
  const after = await clients.request<KubeObject & { spec: { replicas: number } }>('member1', { path });
  assert.equal(after.spec.replicas, 3);
  const owners = (after.metadata.managedFields as { manager: string; fieldsV1?: { 'f:spec'?: Record<string, unknown> } }[])
    .filter((f) => f.fieldsV1?.['f:spec']?.['f:replicas']).map((f) => f.manager);
  assert.deepEqual(owners, ['flotilla-test'], 'replicas now belong to Flotilla alone');
});
