import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPlacement } from '../../../core/placement';
import { parseResourceModels, replicasFromModels } from '../../../core/placement/karmada/resourceModels';

// The first grades of the resource models Karmada's webhook gives every Cluster by default.
const defaultModels = [
  { grade: 0, ranges: [{ name: 'cpu', min: '0', max: '1' }, { name: 'memory', min: '0', max: '4Gi' }] },
  { grade: 1, ranges: [{ name: 'cpu', min: '1', max: '2' }, { name: 'memory', min: '4Gi', max: '16Gi' }] },
  { grade: 2, ranges: [{ name: 'cpu', min: '2', max: '4' }, { name: 'memory', min: '16Gi', max: '32Gi' }] },
];

function cluster(name: string, counts: [number, number][], allocatable = { cpu: '12', memory: '48Gi', pods: '330' }) {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, labels: { env: 'prod' } },
    spec: { resourceModels: defaultModels },
    status: { resourceSummary: { allocatable, allocated: { cpu: '2', pods: '11' }, allocatableModelings: counts.map(([grade, count]) => ({ grade, count })) } },
  };
}

test('virtual nodes take as many replicas as the grade minimum allows, capped at 110 pods a node', () => {
  const models = parseResourceModels(cluster('m', [[0, 0], [1, 3], [2, 1]]))!;
  assert.equal(replicasFromModels(models, { cpu: 500 }), 3 * 2 + 1 * 4);
  assert.equal(replicasFromModels(models, { cpu: 500, memory: 3 * 2 ** 30 * 1000 }), 3 * 1 + 1 * 4, 'the scarcer resource decides');
  assert.equal(replicasFromModels(models, {}), 4 * 110, 'a best-effort replica needs only a pod slot');
  assert.equal(replicasFromModels(models, { 'nvidia.com/gpu': 1000 }), 0, 'no grade has the resource');
});

test('a cluster without allocatableModelings, or without models, is estimated from its summary', () => {
  const noModelings = cluster('m', []);
  assert.equal(parseResourceModels(noModelings), undefined);
  const noSpec = { ...cluster('m', [[1, 3]]), spec: {} };
  assert.equal(replicasFromModels(parseResourceModels(noSpec)!, { cpu: 500 }), undefined);
});

test('dynamic weights from resource models: two members with three grade-1 nodes each split evenly', () => {
  // As karmada-scheduler did in the lab: member1's nodes are bigger, but both sets of nodes fall in grade 1.
  const clusters = [cluster('member1', [[1, 3]]), cluster('member2', [[1, 3]], { cpu: '6', memory: '24Gi', pods: '330' })];
  const policy = {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'p', namespace: 'shop' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }], placement: { replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } } },
  };
  const resource = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 10, template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '500m' } } }] } } } };
  const plan = planPlacement({ policy, resource, clusters });
  assert.deepEqual(plan.clusters.map((c) => [c.name, c.replicas]), [['member1', 5], ['member2', 5]]);
});
