// Karmada v1.18's overflow tiers: the term's own clusters first, then each overflow group in order, each
// tier taking at most its free capacity (core/common.go assignWorkloadReplicas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { deployment, karmadaCluster, propagationPolicy, replicasByName } from './fixtures';

const withCpu = (name: string, cpu: string) => karmadaCluster(name, { resourceSummary: { allocatable: { cpu, pods: '110' } } });
const clusters = [withCpu('c1', '2'), withCpu('c2', '10'), withCpu('c3', '10')];
const overflowPolicy = (preference: Record<string, unknown>) => propagationPolicy({
  clusterAffinities: [{ affinityName: 'primary', clusterNames: ['c1'], overflowAffinities: [{ affinityName: 'burst', clusterNames: ['c2'] }] }],
  replicaScheduling: { replicaSchedulingType: 'Divided', ...preference },
});

test('replicas beyond the primary group\'s room overflow to the next group, and no further', () => {
  const dynamic = planPlacement({ policy: overflowPolicy({ replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } }), resource: deployment(5, { cpu: '1' }), clusters });
  assert.deepEqual(replicasByName(dynamic), { c1: 2, c2: 3 });
  const small = planPlacement({ policy: overflowPolicy({ replicaDivisionPreference: 'Aggregated' }), resource: deployment(2, { cpu: '1' }), clusters });
  assert.deepEqual(replicasByName(small), { c1: 2 }, 'the primary group suffices');
  const tooMany = planPlacement({ policy: overflowPolicy({ replicaDivisionPreference: 'Aggregated' }), resource: deployment(13, { cpu: '1' }), clusters });
  assert.match(tooMany.error ?? '', /not enough capacity/);
});

test('overflow groups need dynamic weights or Aggregated', () => {
  const outcome = planPlacement({ policy: overflowPolicy({}), resource: deployment(5, { cpu: '1' }), clusters });
  assert.match(outcome.error ?? '', /overflowAffinities can only be used together with dynamic weight or aggregated scheduling/);
});
