// Karmada's Steady-mode division from a previous schedule (scale up and down of dynamic weights and
// Aggregated), as the fidelity runs against karmada-scheduler found it: the previous result changes the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { deployment, karmadaCluster, propagationPolicy, replicasByName } from './fixtures';

const withCpu = (name: string, cpu: string) => karmadaCluster(name, { resourceSummary: { allocatable: { cpu, pods: '110' } } });
const dynamic = propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } } });
const aggregated = propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } });

test('scale up divides only the added replicas by free capacity and keeps the previous ones', () => {
  const clusters = [withCpu('member1', '6'), withCpu('member2', '2')];
  const previous = [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 3 }];
  const outcome = planPlacement({ policy: dynamic, resource: deployment(8, { cpu: '1' }), clusters, previous });
  assert.deepEqual(replicasByName(outcome), { member1: 4, member2: 4 });
  assert.deepEqual(replicasByName(planPlacement({ policy: dynamic, resource: deployment(8, { cpu: '1' }), clusters })), { member1: 6, member2: 2 }, 'a first schedule divides all by capacity');
});

test('scale down weighs by the previous counts, not by capacity', () => {
  const clusters = [withCpu('member1', '2'), withCpu('member2', '6')];
  const previous = [{ name: 'member1', replicas: 6 }, { name: 'member2', replicas: 2 }];
  assert.deepEqual(replicasByName(planPlacement({ policy: dynamic, resource: deployment(4, { cpu: '1' }), clusters, previous })), { member1: 3, member2: 1 });
});

test('Aggregated scale up fills the clusters it already uses first', () => {
  const clusters = [withCpu('member1', '10'), withCpu('member2', '3')];
  const previous = [{ name: 'member2', replicas: 1 }];
  assert.deepEqual(replicasByName(planPlacement({ policy: aggregated, resource: deployment(3, { cpu: '1' }), clusters, previous })), { member2: 3 });
  assert.deepEqual(replicasByName(planPlacement({ policy: aggregated, resource: deployment(3, { cpu: '1' }), clusters })), { member1: 3 });
});

test('the same total keeps the previous assignment', () => {
  const clusters = [withCpu('member1', '10'), withCpu('member2', '10')];
  const previous = [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 4 }];
  assert.deepEqual(replicasByName(planPlacement({ policy: dynamic, resource: deployment(5, { cpu: '1' }), clusters, previous })), { member1: 1, member2: 4 });
});

test('a region the previous schedule used wins a tie of region scores (locality counts in calcGroupScore)', () => {
  const clusters = [
    karmadaCluster('member1', { region: 'eu', resourceSummary: { allocatable: { cpu: '20', pods: '110' } } }),
    karmadaCluster('member2', { region: 'us', resourceSummary: { allocatable: { cpu: '20', pods: '110' } } }),
  ];
  const policy = propagationPolicy({
    spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
  });
  const previous = [{ name: 'member2', replicas: 11 }];
  assert.deepEqual(replicasByName(planPlacement({ policy, resource: deployment(7, { cpu: '1' }), clusters, previous })), { member2: 7 });
});
