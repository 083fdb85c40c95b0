import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { planReplicas } from '../../../core/placement/kubefed/planner';
import { fnv32 } from '../../../core/placement/fnv';
import { replicasByName } from './fixtures';

const KEY = 'default/web';
const orderByHash = (names: string[]) => [...names].sort((a, b) => fnv32(a + KEY) - fnv32(b + KEY));

function plan(total: number, preferences: Record<string, { minReplicas?: number; maxReplicas?: number; weight?: number }>, extra: Partial<Parameters<typeof planReplicas>[0]> = {}) {
  const prefs = Object.fromEntries(Object.entries(preferences).map(([k, v]) => [k, { minReplicas: v.minReplicas ?? 0, maxReplicas: v.maxReplicas, weight: v.weight ?? 0 }]));
  return planReplicas({ totalReplicas: total, rebalance: true, preferences: prefs, availableClusters: ['A', 'B', 'C'], key: KEY, ...extra });
}

test('upstream vectors: 10 at 1:1:1 -> 4/4/2 and 50 at 1:1:1 -> 17/17/16, equal weights ordered by FNV-32', () => {
  const ten = plan(10, { '*': { weight: 1 } });
  const order = orderByHash(['A', 'B', 'C']);
  assert.deepEqual(order.map((n) => ten.plan[n]), [4, 4, 2]);
  const fifty = plan(50, { '*': { weight: 1 } });
  assert.deepEqual(order.map((n) => fifty.plan[n]), [17, 17, 16]);
});

test('per-cluster preferences win over "*"; clusters with neither get nothing', () => {
  const out = planReplicas({ totalReplicas: 9, rebalance: true, preferences: { A: { minReplicas: 0, weight: 2 } }, availableClusters: ['A', 'B'], key: KEY });
  assert.deepEqual(out.plan, { A: 9 });
  assert.deepEqual(out.unpreferred, ['B']);
});

test('minReplicas are handed out first, then weights; maxReplicas caps and the rest flows to others', () => {
  const out = plan(10, { A: { minReplicas: 5, weight: 1 }, B: { weight: 1 }, C: { weight: 1, maxReplicas: 1 } });
  assert.equal(out.plan.A + out.plan.B + out.plan.C, 10);
  assert.ok(out.plan.A >= 5);
  assert.equal(out.plan.C, 1);
});

test('capacity caps a cluster and the excess becomes overflow', () => {
  const out = plan(9, { '*': { weight: 1 } }, { capacity: { A: 1 } });
  assert.equal(out.plan.A, 1);
  assert.equal(out.plan.A + out.plan.B + out.plan.C, 9);
  assert.ok((out.overflow.A ?? 0) > 0);
});

test('rebalance=false keeps current replicas first; overflow is trimmed to what is unplaced', () => {
  const out = plan(6, { '*': { weight: 1 } }, { rebalance: false, currentReplicas: { A: 6 } });
  assert.deepEqual(out.plan, { A: 6, B: 0, C: 0 });
  const trimmed = plan(6, { '*': { weight: 1 } }, { rebalance: false, capacity: { A: 0 } });
  assert.equal(trimmed.plan.B + trimmed.plan.C, 6);
  assert.equal(trimmed.overflow.A, 0);
});

test('planPlacement for an RSP reads KubeFedClusters and the FederatedDeployment placement', () => {
  const clusters = ['cluster1', 'cluster2', 'cluster3'].map((name, i) => ({
    apiVersion: 'core.kubefed.io/v1beta1', kind: 'KubeFedCluster',
    metadata: { name, namespace: 'kube-federation-system', labels: { tier: i < 2 ? 'front' : 'back' } },
    spec: { apiEndpoint: `https://${name}` },
    status: { conditions: [{ type: 'Ready', status: i === 1 ? 'False' : 'True' }] },
  }));
  const rsp = { apiVersion: 'scheduling.kubefed.io/v1alpha1', kind: 'ReplicaSchedulingPreference', metadata: { name: 'web', namespace: 'default' }, spec: { targetKind: 'FederatedDeployment', totalReplicas: 10, rebalance: true, clusters: { '*': { weight: 1 } } } };
  const federated = { apiVersion: 'types.kubefed.io/v1beta1', kind: 'FederatedDeployment', metadata: { name: 'web', namespace: 'default' }, spec: { placement: { clusterSelector: { matchLabels: { tier: 'front' } } }, template: { spec: { replicas: 3 } } } };
  const outcome = planPlacement({ policy: rsp, resource: federated, clusters });
  assert.equal(outcome.engine, 'kubefed');
  assert.deepEqual(replicasByName(outcome), { cluster1: 5, cluster3: 5 });
  assert.equal(outcome.excluded.find((e) => e.name === 'cluster2')?.reason, 'not Ready');
  const intersect = planPlacement({ policy: { ...rsp, spec: { ...rsp.spec, intersectWithClusterSelector: true } }, resource: federated, clusters });
  assert.deepEqual(replicasByName(intersect), { cluster1: 10 });
  assert.match(intersect.excluded.find((e) => e.name === 'cluster3')?.reason ?? '', /clusterSelector/);
  const noWeights = planPlacement({ policy: { ...rsp, spec: { ...rsp.spec, clusters: { '*': { weight: 0 } } } }, resource: federated, clusters });
  assert.match(noWeights.error ?? '', /no cluster has a positive weight/);
});
