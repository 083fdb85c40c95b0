import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPlacement } from '../../../core/placement';
import { websterNameOrder } from '../../../core/placement/karmada/schedule';
import { fnv32a } from '../../../core/placement/fnv';
import { deployment, karmadaCluster, propagationPolicy, replicasByName, staticWeights } from './fixtures';

const three = [karmadaCluster('member1'), karmadaCluster('member2'), karmadaCluster('member3')];

function plan(placement: Record<string, unknown>, clusters: unknown[] = three, resource: unknown = deployment(10)) {
  return planPlacement({ policy: propagationPolicy(placement), resource, clusters });
}

function excludedReason(outcome: { excluded: { name: string; reason: string }[] }, name: string): string | undefined {
  return outcome.excluded.find((e) => e.name === name)?.reason;
}

test('no replicaScheduling means Duplicated: every cluster runs spec.replicas', () => {
  const outcome = plan({});
  assert.equal(outcome.strategy, 'Duplicated');
  assert.deepEqual(replicasByName(outcome), { member1: 10, member2: 10, member3: 10 });
});

test('Divided without a preference divides by equal weights (10 at 1:1:1 -> 4/3/3)', () => {
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
  assert.equal(outcome.strategy, 'Divided, equal weights');
  assert.deepEqual(replicasByName(outcome), { member1: 4, member2: 3, member3: 3 });
});

test('static weight vectors: 9 at 1:3 -> 2/7 and 12 at 20:12:6 -> 6/4/2', () => {
  const two = plan(staticWeights({ member1: 1, member2: 3 }), three.slice(0, 2), deployment(9));
  assert.deepEqual(replicasByName(two), { member1: 2, member2: 7 });
  const three3 = plan(staticWeights({ member1: 20, member2: 12, member3: 6 }), three, deployment(12));
  assert.deepEqual(replicasByName(three3), { member1: 6, member2: 4, member3: 2 });
  assert.equal(three3.strategy, 'Divided, static weights');
});

test('a cluster whose largest matching static weight is 0 gets nothing and says why', () => {
  const outcome = plan(staticWeights({ member1: 1, member2: 1, member3: 0 }));
  assert.deepEqual(replicasByName(outcome), { member1: 5, member2: 5 });
  assert.match(excludedReason(outcome, 'member3') ?? '', /static weight 0/);
});

test('all static weights 0 fall back to weight 1 each', () => {
  const outcome = plan(staticWeights({ member1: 0, member2: 0, member3: 0 }));
  assert.deepEqual(replicasByName(outcome), { member1: 4, member2: 3, member3: 3 });
  assert.ok(outcome.notes.some((n) => /every static weight is 0/.test(n)));
});

test('the Webster tie-break order comes from the parity of the FNV-32a hash of the UID', () => {
  const uids = ['uid-0', 'uid-1', 'uid-2', 'uid-3'];
  const even = uids.find((u) => fnv32a(u) % 2 === 0)!;
  const odd = uids.find((u) => fnv32a(u) % 2 === 1)!;
  assert.equal(websterNameOrder(even), 'ascending');
  assert.equal(websterNameOrder(odd), 'descending');
  assert.equal(websterNameOrder(undefined), 'ascending');
  const divided = { replicaScheduling: { replicaSchedulingType: 'Divided' } };
  assert.deepEqual(replicasByName(plan(divided, three, deployment(10, { uid: odd }))), { member1: 3, member2: 3, member3: 4 });
  assert.deepEqual(replicasByName(plan(divided, three, deployment(10, { uid: even }))), { member1: 4, member2: 3, member3: 3 });
});

test('labelSelector matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist)', () => {
  const clusters = [
    karmadaCluster('a', { labels: { env: 'prod', tier: 'gold' } }),
    karmadaCluster('b', { labels: { env: 'dev' } }),
    karmadaCluster('c', { labels: { env: 'prod' } }),
  ];
  const names = (expr: unknown) => plan({ clusterAffinity: { labelSelector: expr } }, clusters).clusters.map((c) => c.name);
  assert.deepEqual(names({ matchLabels: { env: 'prod' } }), ['a', 'c']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }), ['b']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }), ['a', 'c']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }), ['a']);
  assert.deepEqual(names({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }), ['b', 'c']);
  const outcome = plan({ clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } }, clusters);
  assert.match(excludedReason(outcome, 'b') ?? '', /labelSelector: label env=dev does not match env=prod/);
});

test('fieldSelector on provider, region and zone', () => {
  const clusters = [
    karmadaCluster('a', { provider: 'aws', region: 'eu-west-1', zone: 'eu-west-1a' }),
    karmadaCluster('b', { provider: 'gcp', region: 'us-east1', zone: 'us-east1-b' }),
  ];
  const names = (key: string, operator: string, values: string[]) =>
    plan({ clusterAffinity: { fieldSelector: { matchExpressions: [{ key, operator, values }] } } }, clusters).clusters.map((c) => c.name);
  assert.deepEqual(names('provider', 'In', ['aws']), ['a']);
  assert.deepEqual(names('region', 'NotIn', ['eu-west-1']), ['b']);
  assert.deepEqual(names('zone', 'In', ['us-east1-b']), ['b']);
});

test('clusterNames and exclude', () => {
  const outcome = plan({ clusterAffinity: { clusterNames: ['member1', 'member2'], exclude: ['member2'] } });
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['member1']);
  assert.match(excludedReason(outcome, 'member2') ?? '', /exclude/);
  assert.match(excludedReason(outcome, 'member3') ?? '', /not listed in clusterAffinity.clusterNames/);
});

test('NoSchedule and NoExecute taints reject a cluster unless tolerated (Equal and Exists)', () => {
  const clusters = [
    karmadaCluster('member1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    karmadaCluster('member2', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] }),
    karmadaCluster('member3', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
  ];
  const untolerated = plan({}, clusters);
  assert.deepEqual(untolerated.clusters.map((c) => c.name), ['member3']);
  assert.match(excludedReason(untolerated, 'member1') ?? '', /untolerated taint dedicated=gpu:NoSchedule/);
  const equal = plan({ clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }, clusters);
  assert.deepEqual(equal.clusters.map((c) => c.name), ['member1', 'member3']);
  const wrongValue = plan({ clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }, clusters);
  assert.deepEqual(wrongValue.clusters.map((c) => c.name), ['member3']);
  const exists = plan({ clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }] }, clusters);
  assert.deepEqual(exists.clusters.map((c) => c.name), ['member2', 'member3']);
  const everything = plan({ clusterTolerations: [{ operator: 'Exists' }] }, clusters);
  assert.equal(everything.clusters.length, 3);
});

test('the resource API must be enabled in the cluster when it reports apiEnablements', () => {
  const clusters = [
    karmadaCluster('member1', { apiEnablements: [{ groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] }] }),
    karmadaCluster('member2', { apiEnablements: [{ groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod' }] }] }),
    karmadaCluster('member3'),
  ];
  const outcome = plan({}, clusters);
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['member1', 'member3']);
  assert.match(excludedReason(outcome, 'member2') ?? '', /apps\/v1 Deployment is not enabled/);
  assert.ok(outcome.notes.some((n) => /API enablement not checked/.test(n)));
});

test('clusters being deleted are dropped', () => {
  const outcome = plan({}, [karmadaCluster('member1'), karmadaCluster('member2', { deleting: true })]);
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['member1']);
  assert.equal(excludedReason(outcome, 'member2'), 'being deleted');
});

test('ordered clusterAffinities: the first term that schedules wins', () => {
  const clusters = [karmadaCluster('primary', { labels: { site: 'a' }, taints: [{ key: 'down', effect: 'NoSchedule' }] }), karmadaCluster('backup', { labels: { site: 'b' } })];
  const outcome = plan({
    clusterAffinities: [
      { affinityName: 'main', labelSelector: { matchLabels: { site: 'a' } } },
      { affinityName: 'fallback', labelSelector: { matchLabels: { site: 'b' } } },
    ],
  }, clusters);
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['backup']);
  assert.ok(outcome.notes.some((n) => /clusterAffinities\[0\] \(main\) failed/.test(n)));
  assert.ok(outcome.notes.some((n) => /clusterAffinities\[1\] \(fallback\) scheduled/.test(n)));
  const first = plan({ clusterAffinities: [{ affinityName: 'any' }, { affinityName: 'never', clusterNames: ['none'] }] }, clusters);
  assert.deepEqual(first.clusters.map((c) => c.name), ['backup']);
  assert.ok(first.notes.some((n) => /\(any\) scheduled/.test(n)));
});

test('clusterAffinity together with clusterAffinities is invalid', () => {
  const outcome = plan({ clusterAffinity: {}, clusterAffinities: [{ affinityName: 'x' }] });
  assert.match(outcome.error ?? '', /mutually exclusive/);
});

const summary = (cpu: string, allocatedCpu = '0', pods = '110') => ({ allocatable: { cpu, pods }, allocated: { cpu: allocatedCpu, pods: '0' }, allocating: {} });

test('dynamic weights divide by AvailableReplicas from the resource summary', () => {
  const clusters = [
    karmadaCluster('member1', { resourceSummary: summary('4') }), // 8 replicas of 500m
    karmadaCluster('member2', { resourceSummary: summary('4', '2') }), // 2 cores free -> 4
    karmadaCluster('member3', { resourceSummary: summary('2', '1500m') }), // 1 replica
  ];
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } } }, clusters, deployment(13, { cpu: '500m' }));
  assert.equal(outcome.strategy, 'Divided, dynamic weights (AvailableReplicas)');
  assert.deepEqual(replicasByName(outcome), { member1: 8, member2: 4, member3: 1 });
  assert.match(outcome.clusters[0].reason, /room for 8/);
});

test('dynamic weights fail with a reason when capacity is short', () => {
  const clusters = [karmadaCluster('member1', { resourceSummary: summary('1') }), karmadaCluster('member2', { resourceSummary: summary('1') })];
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } }, clusters, deployment(5, { cpu: '500m' }));
  assert.equal(outcome.clusters.length, 0);
  assert.match(outcome.error ?? '', /not enough capacity: the selected clusters can take 4 of 5 replicas/);
});

test('a cluster without a resource summary counts as room for spec.replicas', () => {
  const clusters = [karmadaCluster('member1'), karmadaCluster('member2', { resourceSummary: summary('1') })];
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } }, clusters, deployment(6, { cpu: '500m' }));
  // Weights 6 (no estimate: spec.replicas) and 2 (1 core / 500m): Webster gives 4/2.
  assert.deepEqual(replicasByName(outcome), { member1: 4, member2: 2 });
  assert.match(outcome.clusters.find((c) => c.name === 'member1')?.reason ?? '', /no resource summary/);
});

test('Aggregated fills the clusters with most room first and stops once they cover the replicas', () => {
  const clusters = [
    karmadaCluster('small', { resourceSummary: summary('1') }), // 2
    karmadaCluster('big', { resourceSummary: summary('5') }), // 10
    karmadaCluster('mid', { resourceSummary: summary('3') }), // 6
  ];
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } }, clusters, deployment(8, { cpu: '500m' }));
  assert.equal(outcome.strategy, 'Divided, aggregated');
  assert.deepEqual(replicasByName(outcome), { big: 8 });
  const more = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } }, clusters, deployment(12, { cpu: '500m' }));
  assert.deepEqual(Object.keys(replicasByName(more)).sort(), ['big', 'mid']);
  assert.match(excludedReason(more, 'small') ?? '', /Aggregated/);
});

test('spread by region: minGroups unmet is an error, maxGroups limits the regions', () => {
  const clusters = [
    karmadaCluster('a1', { region: 'eu' }), karmadaCluster('a2', { region: 'eu' }), karmadaCluster('b1', { region: 'us' }),
  ];
  const spread = (regionMin: number, regionMax: number, clusterMax: number) => plan({
    spreadConstraints: [{ spreadByField: 'region', minGroups: regionMin, maxGroups: regionMax }, { spreadByField: 'cluster', minGroups: 1, maxGroups: clusterMax }],
  }, clusters);
  const oneRegion = spread(1, 1, 3);
  assert.equal(oneRegion.clusters.length, 2);
  assert.deepEqual(oneRegion.clusters.map((c) => c.name), ['a1', 'a2']);
  assert.match(excludedReason(oneRegion, 'b1') ?? '', /region us not chosen/);
  const twoRegions = spread(2, 2, 2);
  assert.deepEqual(twoRegions.clusters.map((c) => c.name), ['a1', 'b1']);
  const impossible = spread(3, 3, 3);
  assert.match(impossible.error ?? '', /needs at least 3 regions, but the fitting clusters span 2/);
});

test('spread constraints drop clusters missing the field, and a field constraint needs a cluster constraint', () => {
  const clusters = [karmadaCluster('a', { region: 'eu' }), karmadaCluster('b')];
  const outcome = plan({ spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] }, clusters);
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['a']);
  assert.match(excludedReason(outcome, 'b') ?? '', /has no region to spread by/);
  const invalid = plan({ spreadConstraints: [{ spreadByField: 'region', minGroups: 1 }] }, clusters);
  assert.match(invalid.error ?? '', /requires a spreadByField: cluster constraint/);
});

test('spread by cluster with maxGroups keeps the best-ranked clusters; a label constraint neither chooses nor filters', () => {
  const byCluster = plan({ spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] });
  assert.deepEqual(byCluster.clusters.map((c) => c.name), ['member1', 'member2']);
  assert.match(excludedReason(byCluster, 'member3') ?? '', /maxGroups/);
  const tooFew = plan({ spreadConstraints: [{ spreadByField: 'cluster', minGroups: 4, maxGroups: 5 }] });
  assert.match(tooFew.error ?? '', /needs at least 4 clusters, but only 3 fit/);
  const labelled = [karmadaCluster('x', { labels: { rack: 'r1' } }), karmadaCluster('y', { labels: { rack: 'r1' } }), karmadaCluster('z')];
  const byLabelOnly = plan({ spreadConstraints: [{ spreadByLabel: 'rack', minGroups: 2, maxGroups: 2 }] }, labelled);
  assert.match(byLabelOnly.error ?? '', /only cluster and region spread constraints choose clusters/);
  // karmada-scheduler's SpreadConstraint filter checks provider, region and zones only (spread_constraint.go),
  // and SelectBestClusters chooses by region or cluster: z, without the label, is still selected.
  const byLabel = plan({ spreadConstraints: [{ spreadByLabel: 'rack', minGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 3 }] }, labelled);
  assert.deepEqual(byLabel.clusters.map((c) => c.name), ['x', 'y', 'z']);
  assert.ok(byLabel.notes.includes('spreadByLabel rack changes nothing: karmada-scheduler groups clusters by region and cluster only'), byLabel.notes.join('; '));
});

test('Divided by capacity under a cluster constraint takes maxGroups clusters, swapping for room as Karmada does', () => {
  const cores: Record<string, string> = { c2: '1', c3: '1500m', c6: '3', c7: '3500m' }; // room for 2, 3, 6, 7 replicas of 500m
  const clusters = Object.entries(cores).map(([name, cpu]) => karmadaCluster(name, { resourceSummary: { allocatable: { cpu, pods: '110' }, allocated: {}, allocating: {} } }));
  const dynamic = { replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } };
  const outcome = plan({ ...dynamic, spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] }, clusters, deployment(7, { cpu: '500m' }));
  assert.deepEqual(replicasByName(outcome), { c6: 3, c7: 4 });
  const tooBig = plan({ ...dynamic, spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }] }, clusters, deployment(8, { cpu: '500m' }));
  assert.match(tooBig.error ?? '', /not enough capacity: the 1 clusters with the most room \(spread constraint cluster maxGroups\) can take 7 of 8 replicas/);
  // v1.18 takes min(fitting, maxGroups) clusters even when fewer would do (select_clusters_by_cluster.go).
  const roomy = plan({ ...dynamic, spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 3 }] }, clusters, deployment(2, { cpu: '500m' }));
  assert.deepEqual(replicasByName(roomy), { c6: 1, c7: 1 });
});

test('a region is chosen by how well its clusters cover the replicas, not by its name', () => {
  const clusters = [
    karmadaCluster('a1', { region: 'alpha', resourceSummary: { allocatable: { cpu: '500m', pods: '110' }, allocated: {}, allocating: {} } }),
    karmadaCluster('z1', { region: 'zulu', resourceSummary: { allocatable: { cpu: '4', pods: '110' }, allocated: {}, allocating: {} } }),
  ];
  const outcome = plan({
    spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
    replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
  }, clusters, deployment(4, { cpu: '500m' }));
  assert.deepEqual(replicasByName(outcome), { z1: 4 });
  assert.ok(outcome.notes.includes('regions chosen: zulu'));
});

test('resources without replicas are propagated as they are', () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: {} };
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided' } }, three, configMap);
  assert.deepEqual(replicasByName(outcome), { member1: 0, member2: 0, member3: 0 });
  assert.ok(outcome.notes.some((n) => /do not select ConfigMap default\/cfg/.test(n)));
});

test('no fitting cluster is an error that lists why each was excluded', () => {
  const outcome = plan({ clusterAffinity: { clusterNames: ['nope'] } });
  assert.match(outcome.error ?? '', /no cluster fits/);
  assert.equal(outcome.excluded.length, 3);
});

test('dynamic division says it is an estimate and shows the free capacity it used', () => {
  const clusters = [karmadaCluster('c1', { resourceSummary: { allocatable: { cpu: '2', pods: '110' } } }), karmadaCluster('c2', { resourceSummary: { allocatable: { cpu: '1', pods: '110' } } })];
  const outcome = plan({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } }, clusters, deployment(3, { cpu: '500m' }));
  assert.ok(outcome.notes.some((n) => n.startsWith('an estimate:') && n.includes('c1: room for 4, c2: room for 2')), outcome.notes.join('\n'));
  assert.ok(!plan({}, clusters, deployment(3)).notes.some((n) => n.startsWith('an estimate')), 'Duplicated is no estimate');
});
