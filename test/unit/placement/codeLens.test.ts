import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache } from '../../../core/language/document';
import { placementCodeLenses, EXPLAIN_PLACEMENT_COMMAND } from '../../../server/features/placement';
import { karmadaCluster } from './fixtures';

const FILE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 10
  template:
    spec:
      containers:
        - name: web
          image: nginx
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
  namespace: default
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: web
  placement:
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
          - targetCluster:
              clusterNames: [member1, member2, member3]
            weight: 1
`;

test('a CodeLens sits on the first line of each placement policy and carries the explanation', () => {
  const docs = new DocumentCache().parse('file:///w/app.yaml', FILE);
  const clusters = ['member1', 'member2', 'member3'].map((n) => karmadaCluster(n));
  const lenses = placementCodeLenses('file:///w/app.yaml', docs, clusters);
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].range.start.line, 13);
  assert.equal(lenses[0].command?.title, 'member1: 4 · member2: 3 · member3: 3 (Divided, static weights)');
  assert.equal(lenses[0].command?.command, EXPLAIN_PLACEMENT_COMMAND);
  const [explanation] = lenses[0].command?.arguments ?? [];
  assert.equal(explanation.policy, 'PropagationPolicy default/web');
  assert.equal(explanation.resource, 'Deployment default/web');
});

test('the lens follows the members: a new taint changes the title', () => {
  const docs = new DocumentCache().parse('file:///w/app.yaml', FILE);
  const tainted = [karmadaCluster('member1'), karmadaCluster('member2'), karmadaCluster('member3', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })];
  const [lens] = placementCodeLenses('file:///w/app.yaml', docs, tainted);
  assert.equal(lens.command?.title, 'member1: 5 · member2: 5 (Divided, static weights)');
  assert.deepEqual(placementCodeLenses('file:///w/other.yaml', docs, tainted), []);
});
