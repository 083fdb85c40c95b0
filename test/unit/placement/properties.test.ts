import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planPlacement } from '../../../core/placement';
import { allocateWebster } from '../../../core/placement/webster';
import { planReplicas } from '../../../core/placement/kubefed/planner';
import { deployment, karmadaCluster, propagationPolicy } from './fixtures';

const clusterNames = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { minLength: 1, maxLength: 6 });

test('Webster: seats add up, weight-0 parties get none, and the result is deterministic', () => {
  fc.assert(fc.property(clusterNames, fc.array(fc.nat(20), { minLength: 6, maxLength: 6 }), fc.nat(200), fc.boolean(), (names, votes, total, asc) => {
    const parties = names.map((name, i) => ({ name, votes: votes[i], seats: 0 }));
    if (!parties.some((p) => p.votes > 0)) return;
    const order = asc ? 'ascending' : 'descending';
    const result = allocateWebster(total, parties, order);
    assert.equal(result.reduce((s, p) => s + p.seats, 0), total);
    for (const p of result) if (p.votes === 0) assert.equal(p.seats, 0);
    assert.deepEqual(allocateWebster(total, [...parties].reverse(), order), result);
    // What makes it Webster's: one divisor fits every party, so no seat could move to another party and bring
    // both nearer their rounded shares: (2·s_i − 1)/v_i ≤ (2·s_j + 1)/v_j for every pair. (Staying within
    // one seat of the exact quota is not guaranteed: 196 seats by votes 3, 19, 6, 1, 1 breaks it.)
    const voting = result.filter((p) => p.votes > 0);
    for (const a of voting) {
      if (a.seats === 0) continue;
      for (const b of voting) assert.ok((2 * a.seats - 1) * b.votes <= (2 * b.seats + 1) * a.votes, `${a.name} ${a.seats} vs ${b.name} ${b.seats}`);
    }
  }));
});

test('Karmada static weights: totals add up, weight 0 never gets replicas, excluded clusters never appear', () => {
  fc.assert(fc.property(clusterNames, fc.array(fc.nat(5), { minLength: 6, maxLength: 6 }), fc.nat(100), fc.subarray([0, 1, 2, 3, 4, 5]), (names, weights, replicas, excludedIdx) => {
    const exclude = excludedIdx.map((i) => names[i]).filter(Boolean);
    if (exclude.length === names.length) return;
    const clusters = names.map((n) => karmadaCluster(n));
    const policy = propagationPolicy({
      clusterAffinity: { exclude },
      replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: names.map((n, i) => ({ targetCluster: { clusterNames: [n] }, weight: weights[i] })) } },
    });
    const outcome = planPlacement({ policy, resource: deployment(replicas), clusters });
    assert.equal(outcome.error, undefined);
    const placed = outcome.clusters;
    assert.equal(placed.reduce((s, c) => s + (c.replicas ?? 0), 0), replicas);
    for (const c of placed) {
      assert.ok(!exclude.includes(c.name));
      // A workload scaled to 0 still lands on every selected cluster, with 0 replicas, as in Karmada.
      if (replicas === 0) continue;
      assert.ok((c.replicas ?? 0) > 0);
      const allZero = names.every((n, i) => exclude.includes(n) || weights[i] === 0);
      if (!allZero) assert.notEqual(weights[names.indexOf(c.name)], 0);
    }
    // every cluster is accounted for exactly once
    assert.deepEqual([...placed.map((c) => c.name), ...outcome.excluded.map((e) => e.name)].sort(), [...names].sort());
    assert.deepEqual(planPlacement({ policy, resource: deployment(replicas), clusters }), outcome);
  }));
});

test('Karmada dynamic weights: never more than a cluster can take, or an error when capacity is short', () => {
  fc.assert(fc.property(clusterNames, fc.array(fc.nat(8), { minLength: 6, maxLength: 6 }), fc.nat(30), (names, cores, replicas) => {
    const clusters = names.map((n, i) => karmadaCluster(n, { resourceSummary: { allocatable: { cpu: String(cores[i]), pods: '100' }, allocated: {}, allocating: {} } }));
    const policy = propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } });
    const outcome = planPlacement({ policy, resource: deployment(replicas, { cpu: '1' }), clusters });
    const capacity = names.reduce((s, _n, i) => s + cores[i], 0);
    if (capacity < replicas) {
      assert.match(outcome.error ?? '', /not enough capacity/);
      return;
    }
    assert.equal(outcome.clusters.reduce((s, c) => s + (c.replicas ?? 0), 0), replicas);
    for (const c of outcome.clusters) assert.ok((c.replicas ?? 0) <= cores[names.indexOf(c.name)]);
  }));
});

test('KubeFed planner: never over total, respects min/max and capacity, deterministic', () => {
  const pref = fc.record({ minReplicas: fc.nat(5), maxReplicas: fc.option(fc.nat(20), { nil: undefined }), weight: fc.nat(5) });
  fc.assert(fc.property(clusterNames, fc.array(pref, { minLength: 6, maxLength: 6 }), fc.nat(60), fc.array(fc.option(fc.nat(15), { nil: undefined }), { minLength: 6, maxLength: 6 }), (names, prefs, total, caps) => {
    const preferences = Object.fromEntries(names.map((n, i) => [n, prefs[i]]));
    const capacity = Object.fromEntries(names.flatMap((n, i) => (caps[i] === undefined ? [] : [[n, caps[i]!]])));
    const input = { totalReplicas: total, rebalance: true, preferences, availableClusters: names, key: 'ns/web', capacity };
    const { plan } = planReplicas(input);
    const placed = Object.values(plan).reduce((s, v) => s + v, 0);
    assert.ok(placed <= total);
    for (const [name, count] of Object.entries(plan)) {
      const p = preferences[name];
      assert.ok(count >= 0);
      if (p.maxReplicas !== undefined && p.maxReplicas >= Math.min(p.minReplicas, total)) assert.ok(count <= Math.max(p.maxReplicas, p.minReplicas));
      if (capacity[name] !== undefined) assert.ok(count <= capacity[name]);
    }
    const unbounded = names.some((n) => preferences[n].weight > 0 && preferences[n].maxReplicas === undefined && capacity[n] === undefined);
    if (unbounded) assert.equal(placed, total);
    assert.deepEqual(planReplicas(input), planReplicas(input));
  }));
});

test('Karmada spread constraints: group and cluster counts stay within their bounds, every cluster accounted once', () => {
  const regionOf = fc.constantFrom('eu', 'us', 'ap');
  fc.assert(fc.property(
    clusterNames, fc.array(regionOf, { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 6 }),
    fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.nat(20),
    (names, regions, cores, regionMin, regionExtra, clusterMin, clusterExtra, divided, replicas) => {
      const clusters = names.map((n, i) => karmadaCluster(n, { region: regions[i], resourceSummary: { allocatable: { cpu: String(cores[i]), pods: '100' }, allocated: {}, allocating: {} } }));
      const policy = propagationPolicy({
        spreadConstraints: [
          { spreadByField: 'region', minGroups: regionMin, maxGroups: regionMin + regionExtra },
          { spreadByField: 'cluster', minGroups: clusterMin, maxGroups: clusterMin + clusterExtra },
        ],
        ...(divided ? { replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } } : {}),
      });
      const outcome = planPlacement({ policy, resource: deployment(replicas, { cpu: '1' }), clusters });
      assert.deepEqual(planPlacement({ policy, resource: deployment(replicas, { cpu: '1' }), clusters }), outcome);
      if (outcome.error) return;
      const placed = outcome.clusters.map((c) => c.name);
      const usedRegions = new Set(placed.map((n) => regions[names.indexOf(n)]));
      if (!divided || replicas > 0) {
        assert.ok(usedRegions.size <= regionMin + regionExtra);
        assert.ok(placed.length <= clusterMin + clusterExtra);
      }
      if (!divided) {
        assert.ok(usedRegions.size >= regionMin);
        assert.ok(placed.length >= clusterMin);
      } else {
        assert.equal(outcome.clusters.reduce((s, c) => s + (c.replicas ?? 0), 0), replicas);
      }
      assert.deepEqual([...placed, ...outcome.excluded.map((e) => e.name)].sort(), [...names].sort());
    },
  ));
});
