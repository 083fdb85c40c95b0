/** Completion of fields that name another resource or a member: selectors, scale targets, exports, MultiClusterService clusters. */
import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { caret, service, SNAPSHOT } from './fixtures';

const URI = 'file:///work/policy.yaml';
const WORKSPACE = [
  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: 'shop' },
  { apiVersion: 'v1', kind: 'Service', name: 'web-svc', namespace: 'shop' },
];

function labels(marked: string, resources = WORKSPACE): string[] {
  const { text, line, character } = caret(marked);
  return service({ snapshot: SNAPSHOT, resources }).completion(URI, text, { line, character }).items.map((i) => i.label);
}

const POLICY = (selector: string) => `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: shop}
spec:
  resourceSelectors:
${selector}
`;

test('a resource selector completes the names of the workspace resources of its apiVersion and kind', () => {
  assert.deepEqual(labels(POLICY('    - apiVersion: apps/v1\n      kind: Deployment\n      name: |')), ['api', 'web']);
  assert.deepEqual(labels(POLICY('    - apiVersion: apps/v1\n      kind: StatefulSet\n      name: |')), ['db']);
  assert.deepEqual(labels(POLICY('    - name: |\n      kind: Service\n      apiVersion: v1')), ['web-svc'], 'siblings below the cursor count too');
});

test('a selector kind is narrowed by its apiVersion, and an apiVersion by its kind', () => {
  const kinds = labels(POLICY('    - apiVersion: apps/v1\n      kind: |'));
  assert.ok(kinds.includes('Deployment') && kinds.includes('StatefulSet'), kinds.join());
  assert.ok(!kinds.includes('Service') && !kinds.includes('PropagationPolicy'), kinds.join());
  assert.deepEqual(labels(POLICY('    - kind: Deployment\n      apiVersion: |')), ['apps/v1']);
});

test('a FederatedHPA scale target and a ServiceExport name complete from the workspace', () => {
  const hpa = labels(`apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: web}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: |
`);
  assert.deepEqual(hpa, ['api', 'web']);
  const exported = labels(`apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata:
  name: |
`);
  assert.deepEqual(exported, ['web-svc']);
});

test('without a workspace, names come from the same file', () => {
  const { text, line, character } = caret(`apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout}
---
${POLICY('    - apiVersion: apps/v1\n      kind: Deployment\n      name: |')}`);
  const items = service({ snapshot: SNAPSHOT }).completion(URI, text, { line, character }).items;
  assert.deepEqual(items.map((i) => i.label), ['checkout']);
});

test('a MultiClusterService completes member names for its provider and consumer clusters', () => {
  const mcs = (field: string) => labels(`apiVersion: networking.karmada.io/v1alpha1
kind: MultiClusterService
metadata: {name: web}
spec:
  types: [CrossCluster]
  ${field}
`);
  assert.deepEqual(mcs('providerClusters:\n    - name: |'), ['member1', 'member2']);
  assert.deepEqual(mcs('range:\n    clusterNames:\n      - |'), ['member1', 'member2']);
  assert.deepEqual(mcs('ports:\n    - name: |'), [], 'a port name is no member');
});
