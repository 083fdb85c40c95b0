import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePlacementLenses, planPlacement } from '../../../core/placement';
import { managedCluster } from './fixtures';

const SET = 'cluster.open-cluster-management.io/clusterset';
const clusters = [
  managedCluster('cluster1', { [SET]: 'prod', region: 'eu' }, { claims: { 'platform.open-cluster-management.io': 'AWS' } }),
  managedCluster('cluster2', { [SET]: 'prod', region: 'us' }, { taints: [{ key: 'gpu', value: 'true', effect: 'NoSelect' }] }),
  managedCluster('cluster3', { [SET]: 'dev', region: 'eu' }),
];
const sets = [
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'prod' }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'global' }, spec: { clusterSelector: { selectorType: 'LabelSelector', labelSelector: {} } } },
];
const binding = (set: string, namespace = 'apps') => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: set, namespace }, spec: { clusterSet: set } });

function placement(spec: Record<string, unknown>) {
  return { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec };
}

const names = (o: { clusters: { name: string }[] }) => o.clusters.map((c) => c.name);

test('only clusters of sets bound into the placement namespace are eligible; taints need tolerations', () => {
  const outcome = planPlacement({ policy: placement({}), clusters, documents: [...sets, binding('prod')] });
  assert.deepEqual(names(outcome), ['cluster1']);
  assert.match(outcome.excluded.find((e) => e.name === 'cluster2')?.reason ?? '', /untolerated taint gpu=true:NoSelect/);
  assert.match(outcome.excluded.find((e) => e.name === 'cluster3')?.reason ?? '', /not in a bound cluster set/);
  const tolerated = planPlacement({ policy: placement({ tolerations: [{ key: 'gpu', operator: 'Exists' }] }), clusters, documents: [...sets, binding('prod')] });
  assert.deepEqual(names(tolerated), ['cluster1', 'cluster2']);
});

test('a set requested but not bound in the namespace selects nothing', () => {
  const outcome = planPlacement({ policy: placement({ clusterSets: ['prod'] }), clusters, documents: [...sets, binding('prod', 'other')] });
  assert.match(outcome.error ?? '', /no ManagedClusterSet is bound to namespace apps among prod/);
});

test('predicates: labelSelector and claimSelector, ORed across predicates; numberOfClusters caps', () => {
  const docs = [...sets, binding('global')];
  const byLabel = planPlacement({ policy: placement({ predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { region: 'eu' } } } }] }), clusters, documents: docs });
  assert.deepEqual(names(byLabel), ['cluster1', 'cluster3']);
  const byClaim = planPlacement({ policy: placement({ predicates: [{ requiredClusterSelector: { claimSelector: { matchExpressions: [{ key: 'platform.open-cluster-management.io', operator: 'In', values: ['AWS'] }] } } }] }), clusters, documents: docs });
  assert.deepEqual(names(byClaim), ['cluster1']);
  const capped = planPlacement({ policy: placement({ numberOfClusters: 1, predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { region: 'eu' } } } }] }), clusters, documents: docs });
  assert.deepEqual(names(capped), ['cluster1']);
  assert.match(capped.excluded.find((e) => e.name === 'cluster3')?.reason ?? '', /numberOfClusters is 1/);
  assert.ok(capped.clusters.every((c) => c.replicas === undefined));
});

test('the OCM lens notes whether the live PlacementDecision agrees with the preview', () => {
  const decision = (names: string[]) => ({
    apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'PlacementDecision',
    metadata: { name: 'p-decision-1', namespace: 'apps', labels: { 'cluster.open-cluster-management.io/placement': 'p' } },
    status: { decisions: names.map((clusterName) => ({ clusterName, reason: '' })) },
  });
  const docs = [{ uri: 'u', index: 0, value: placement({}) }];
  const agree = computePlacementLenses(docs, [...clusters, ...sets, binding('prod'), decision(['cluster1'])]);
  assert.ok(agree[0].explanation.outcome.notes.includes('the live PlacementDecision agrees (cluster1)'));
  const differ = computePlacementLenses(docs, [...clusters, ...sets, binding('prod'), decision(['cluster1', 'cluster2'])]);
  assert.ok(differ[0].explanation.outcome.notes.includes('the live PlacementDecision differs: cluster1, cluster2'));
});
