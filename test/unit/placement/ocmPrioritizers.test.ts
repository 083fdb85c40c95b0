// OCM's prioritizers order the feasible clusters before numberOfClusters cuts them, as the fidelity runs
// against the placement controller showed: taking clusters by name alone chose the wrong ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';

const cluster = (name: string, cpu: string) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels: {} },
  spec: { hubAcceptsClient: true }, status: { allocatable: { cpu, memory: '8Gi' }, capacity: { cpu, memory: '8Gi' } },
});
const clusters = [cluster('c1', '4'), cluster('c2', '16'), cluster('c3', '8')];
const global = [
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'global' }, spec: { clusterSelector: { selectorType: 'LabelSelector', labelSelector: {} } } },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'global', namespace: 'apps' }, spec: { clusterSet: 'global' } },
];
const placement = (spec: Record<string, unknown>) => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec });
const decision = (placementName: string, names: string[]) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision', metadata: { name: `${placementName}-decision-1`, namespace: 'apps', labels: { 'cluster.open-cluster-management.io/placement': placementName } },
  status: { decisions: names.map((clusterName) => ({ clusterName, reason: '' })) },
});
const score = (name: string, value: number) => ({ apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { name: 'load', namespace: name }, status: { scores: [{ name: 'free', value }] } });
const chosen = (spec: Record<string, unknown>, documents: unknown[] = []) => planPlacement({ policy: placement(spec), clusters, documents: [...global, ...documents] }).clusters.map((c) => c.name);

test('Balance (a default prioritizer) avoids the clusters other Placements chose', () => {
  assert.deepEqual(chosen({ numberOfClusters: 2 }, [decision('other', ['c1'])]), ['c2', 'c3']);
  assert.deepEqual(chosen({ numberOfClusters: 2 }), ['c1', 'c2'], 'equal scores: by name');
});

test('ResourceAllocatableCPU in Exact mode takes the largest clusters first', () => {
  const spec = { numberOfClusters: 2, prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { type: 'BuiltIn', builtIn: 'ResourceAllocatableCPU' }, weight: 1 }] } };
  assert.deepEqual(chosen(spec), ['c2', 'c3']);
});

test('AddOn scores, weighted, add to the default prioritizers', () => {
  const spec = { numberOfClusters: 1, prioritizerPolicy: { configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'load', scoreName: 'free' } }, weight: 2 }] } };
  assert.deepEqual(chosen(spec, [score('c1', -10), score('c2', 5), score('c3', 30)]), ['c3']);
  assert.deepEqual(chosen(spec, [score('c1', -10), score('c2', 5), score('c3', 30), decision('other', ['c3', 'c2'])]), ['c1'], 'Balance: -100 for c2 and c3 outweighs their scores');
});

test('the chosen clusters are listed by name, as the PlacementDecisions list them', () => {
  const spec = { numberOfClusters: 2, prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'load', scoreName: 'free' } }, weight: 1 }] } };
  assert.deepEqual(chosen(spec, [score('c1', 10), score('c2', -5), score('c3', 30)]), ['c1', 'c3']);
});
