import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterClients, KubeRequest } from '../../../core/kube/clients';
import { servedResources } from '../../../core/kube/crdEstablished';
import { ClusterError } from '../../../core/kube/errors';
import { parseManifests, ResourceResolver, type ApiResource } from '../../../core/kube/manifests';
import { namespacedCrd } from '../language/fixtures';

const gadgets: ApiResource = { name: 'gadgets', kind: 'Gadget', namespaced: true, verbs: ['get'] };
const widgets: ApiResource = { name: 'widgets', kind: 'Widget', namespaced: true, verbs: ['get'] };

/** Discovery as a cluster serves it: `served` maps a group/version path to its resources; others are 404. */
function discovery(served: Map<string, ApiResource[]>): { clients: ClusterClients; asked: string[] } {
  const asked: string[] = [];
  const clients = {
    request: async (cluster: string, req: KubeRequest) => {
      asked.push(`${cluster} ${req.path}`);
      const resources = served.get(req.path);
      if (!resources) throw new ClusterError('notFound', 'the server could not find the requested resource', 404);
      return { resources };
    },
  } as unknown as ClusterClients;
  return { clients, asked };
}

test('a kind missing from a cached discovery document is asked for once more: a CRD installed since then resolves', async () => {
  const served = new Map([['/apis/example.com/v1', [widgets]]]);
  const { clients, asked } = discovery(served);
  const resolver = new ResourceResolver(clients);
  assert.equal((await resolver.resolve('c1', 'example.com/v1', 'Widget')).name, 'widgets');
  served.set('/apis/example.com/v1', [widgets, gadgets]);
  assert.equal((await resolver.resolve('c1', 'example.com/v1', 'Gadget')).name, 'gadgets');
  assert.equal((await resolver.resolve('c1', 'example.com/v1', 'Widget')).name, 'widgets');
  assert.deepEqual(asked, ['c1 /apis/example.com/v1', 'c1 /apis/example.com/v1']);
  await assert.rejects(resolver.resolve('c1', 'example.com/v1', 'Sprocket'), /kind Sprocket is not served in example\.com\/v1 by this cluster/);
  assert.equal(asked.length, 3, 'a kind still missing costs one more look, not a loop');
});

test('the kinds of an established CRD resolve while discovery does not list its group yet, on that cluster only, until it is deleted', async () => {
  const { clients, asked } = discovery(new Map());
  const resolver = new ResourceResolver(clients);
  const crd = parseManifests(namespacedCrd({ group: 'example.com', kind: 'Gadget', plural: 'gadgets' }, '            spec: {type: object}\n')).objects[0];
  resolver.learn('c1', servedResources(crd));
  const resolved = await resolver.resolve('c1', 'example.com/v1', 'Gadget');
  assert.deepEqual([resolved.name, resolved.namespaced], ['gadgets', true]);
  assert.deepEqual(asked, []);
  await assert.rejects(resolver.resolve('c2', 'example.com/v1', 'Gadget'), /example\.com\/v1 is not served by this cluster/);
  resolver.forget('c1', servedResources(crd));
  await assert.rejects(resolver.resolve('c1', 'example.com/v1', 'Gadget'), /example\.com\/v1 is not served by this cluster/);
});

test('a CRD serves its kind in each served version only, under its plural and scope', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Gadget', plural: 'gadgets' }, versions: [{ name: 'v1', served: true }, { name: 'v1beta1', served: false }, { name: 'v2', served: true }] },
  };
  assert.deepEqual(servedResources(crd).map((s) => [s.apiVersion, s.resource.name, s.resource.kind, s.resource.namespaced]), [
    ['example.com/v1', 'gadgets', 'Gadget', false],
    ['example.com/v2', 'gadgets', 'Gadget', false],
  ]);
  assert.deepEqual(servedResources({ ...crd, spec: { versions: [{ name: 'v1', served: true }] } }), [], 'no group or names, nothing served');
});
