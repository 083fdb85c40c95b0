import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { decisionGroups, groupLength } from '../../../core/placement/ocm/decisionGroups';
import { formatSummary } from '../../../core/placement/summary';
import { managedCluster } from './fixtures';

const SET = 'cluster.open-cluster-management.io/clusterset';
const fleet = ['c5', 'c1', 'c4', 'c2', 'c3', 'c6'].map((name, i) => managedCluster(name, { [SET]: 'prod', ring: i < 2 ? 'canary' : 'main' }, { claims: { rack: i % 2 ? 'r1' : 'r2' } }));
const documents = [{ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'prod', namespace: 'apps' }, spec: { clusterSet: 'prod' } }];

function plan(spec: Record<string, unknown>) {
  const policy = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec: { clusterSets: ['prod'], ...spec } };
  return planPlacement({ policy, resource: undefined, clusters: fleet, documents });
}

const groupsOf = (outcome: ReturnType<typeof plan>) => {
  const byIndex = new Map<string, string[]>();
  for (const c of outcome.clusters) {
    const key = `${c.decisionGroup!.index}:${c.decisionGroup!.name}`;
    byIndex.set(key, [...(byIndex.get(key) ?? []), c.name]);
  }
  return Object.fromEntries(byIndex);
};

test('clustersPerDecisionGroup as calculateLength reads it: a count, a percentage rounded up, and out of range means all', () => {
  assert.equal(groupLength(2, 6), 2);
  assert.equal(groupLength('25%', 6), 2);
  assert.equal(groupLength('100%', 6), 6);
  assert.equal(groupLength(0, 6), 6);
  assert.equal(groupLength(9, 6), 6);
  assert.deepEqual(groupLength('two', 6), { error: 'two invalid type: string is not a percentage' });
});

test('named groups take the clusters their selectors match first, the rest are cut by name into unnamed groups', () => {
  const outcome = plan({
    decisionStrategy: { groupStrategy: {
      clustersPerDecisionGroup: 2,
      decisionGroups: [{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { ring: 'canary' } } } }, { groupName: 'rack1', groupClusterSelector: { claimSelector: { matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1'] }] } } }],
    } },
  });
  assert.equal(outcome.error, undefined);
  // c5 and c1 are the canaries; of the rest, rack r1 holds c2 and c6 (c1 is already taken); c3 and c4 are left.
  assert.deepEqual(groupsOf(outcome), { '0:canary': ['c1', 'c5'], '1:rack1': ['c2', 'c6'], '2:': ['c3', 'c4'] });
  assert.ok(outcome.notes.includes('decision groups: #0 canary: c1, c5; #1 rack1: c2, c6; #2: c3, c4'), outcome.notes.join('; '));
  assert.equal(formatSummary(outcome), 'c1 · c2 · c3 · c4 · c5 · c6 (OCM Placement, 3 decision groups)');
});

test('a group larger than clustersPerDecisionGroup is split under the same name, and only the chosen clusters are grouped', () => {
  const outcome = plan({ numberOfClusters: 5, decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '40%', decisionGroups: [{ groupName: 'main', groupClusterSelector: { labelSelector: { matchLabels: { ring: 'main' } } } }] } } });
  const chosen = outcome.clusters.map((c) => c.name);
  assert.equal(chosen.length, 5);
  const groups = decisionGroups({ decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '40%', decisionGroups: [{ groupName: 'main', groupClusterSelector: { labelSelector: { matchLabels: { ring: 'main' } } } }] } } }, []);
  assert.deepEqual(groups, [{ index: 0, name: '', clusters: [] }], 'nothing chosen: one empty group, as the controller writes one empty PlacementDecision');
  const grouped = groupsOf(outcome);
  // 40% of 5 is 2: the main ring's chosen clusters in pairs, then the canaries.
  const main = chosen.filter((n) => ['c4', 'c2', 'c3', 'c6'].includes(n)).sort();
  assert.deepEqual(grouped['0:main'], main.slice(0, 2));
  assert.deepEqual(grouped['1:main'], main.slice(2, 4));
  assert.equal(Object.keys(grouped).length, main.length > 2 ? 3 : 2);
});

test('without a decisionStrategy the clusters carry no group and the notes say nothing of groups', () => {
  const outcome = plan({});
  assert.ok(outcome.clusters.every((c) => c.decisionGroup === undefined));
  assert.ok(!outcome.notes.some((n) => n.startsWith('decision groups')));
});
