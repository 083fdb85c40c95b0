// An unset maxGroups is Go's zero value to karmada-scheduler: a region spread constraint without it
// selects no region (the scheduler answers "the number of clusters is less than the cluster
// spreadConstraint.MinGroups"), as a fidelity run against karmada-scheduler v1.18.2 showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { deployment, karmadaCluster, propagationPolicy } from './fixtures';

const clusters = [karmadaCluster('member1', { region: 'eu' }), karmadaCluster('member2', { region: 'us' })];

test('a region spread constraint without maxGroups cannot be satisfied', () => {
  const outcome = planPlacement({
    policy: propagationPolicy({ spreadConstraints: [{ spreadByField: 'region', minGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] }),
    resource: deployment(2), clusters,
  });
  assert.ok(outcome.error, 'no placement');
  const bounded = planPlacement({
    policy: propagationPolicy({ spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] }),
    resource: deployment(2), clusters,
  });
  assert.equal(bounded.clusters.length, 1, 'one region covers the cluster constraint\'s minGroups');
});

test('a cluster spread constraint without maxGroups selects no cluster, which karmada-scheduler refuses', () => {
  const outcome = planPlacement({ policy: propagationPolicy({ spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1 }] }), resource: deployment(2), clusters });
  assert.match(outcome.error ?? '', /no clusters available to schedule/);
});
