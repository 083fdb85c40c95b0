import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KarmadaCase, OcmCase } from '../../fidelity/generate';
import { karmadaReductions, ocmReductions, shrink } from '../../fidelity/shrink';

const karmada: KarmadaCase = {
  id: 'k1-7', fleet: 0, strategy: 'Divided dynamic', policyKind: 'ClusterPropagationPolicy', replicas: 9, requests: { cpu: '500m' }, scaleTo: 12,
  placement: {
    clusterAffinities: [{ affinityName: 'term0', clusterNames: ['member1', 'member2'] }, { affinityName: 'term1', labelSelector: { matchLabels: { tier: 'gold' } } }],
    clusterTolerations: [{ key: 'dedicated', operator: 'Exists' }, { key: 'gpu', operator: 'Exists' }],
    spreadConstraints: [{ spreadByField: 'region', minGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
  },
};

test('a Karmada case shrinks to the parts the disagreement needs: here the gpu toleration and more than 4 replicas', async () => {
  let runs = 0;
  const disagrees = async (c: KarmadaCase) => {
    runs++;
    const tolerations = (c.placement.clusterTolerations ?? []) as { key: string }[];
    return tolerations.some((t) => t.key === 'gpu') && c.replicas > 4;
  };
  const { value, tries } = await shrink(karmada, karmadaReductions, disagrees);
  assert.equal(tries, runs);
  assert.deepEqual(value.placement.clusterTolerations, [{ key: 'gpu', operator: 'Exists' }]);
  assert.equal(value.replicas, 9, 'halving to 4 would lose the disagreement');
  assert.equal(value.placement.spreadConstraints, undefined);
  assert.deepEqual((value.placement.clusterAffinities as unknown[]).length, 1, 'one affinity term stays');
  assert.equal(value.scaleTo, undefined);
  assert.equal(value.requests, undefined);
  assert.equal(value.policyKind, 'PropagationPolicy');
  assert.ok(await disagrees(value));
  const smaller = karmadaReductions(value);
  assert.ok(smaller.length > 0);
  for (const v of smaller) assert.equal(await disagrees(v), false, 'a minimal case: no smaller variant still disagrees');
});

test('a variant never leaves a field spread constraint without the cluster one, and the budget caps the lab runs', async () => {
  for (const v of karmadaReductions(karmada)) {
    const fields = ((v.placement.spreadConstraints ?? []) as { spreadByField?: string }[]).map((s) => s.spreadByField);
    assert.ok(fields.length === 0 || fields.includes('cluster'), JSON.stringify(v.placement.spreadConstraints));
  }
  const { tries } = await shrink(karmada, karmadaReductions, async () => true, 5);
  assert.equal(tries, 5);
});

test('an OCM case shrinks its spec the same way', async () => {
  const ocm: OcmCase = {
    id: 'o1-2', fleet: 0, feature: 'Exact: combined + decision groups',
    spec: {
      clusterSets: ['fid-all'], numberOfClusters: 2, tolerations: [{ key: 'dedicated', operator: 'Exists' }],
      predicates: [{ requiredClusterSelector: { labelSelector: {} } }, { requiredClusterSelector: { claimSelector: {} } }],
      prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { builtIn: 'Steady' }, weight: 1 }, { scoreCoordinate: { builtIn: 'Balance' }, weight: 1 }] },
      decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: 1 } },
    },
  };
  const { value } = await shrink(ocm, ocmReductions, async (c) => c.spec.numberOfClusters === 2);
  assert.deepEqual(value.spec, { numberOfClusters: 2 });
});
