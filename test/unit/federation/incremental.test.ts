import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFederation, IncrementalFederation, type FederationDocument, type FederationFinding } from '../../../core/federation';
import { seededRandom } from '../../support/gitopsRepo';
import { karmadaCluster } from '../placement/fixtures';

/** A small vocabulary, so that random documents keep selecting, claiming and exporting one another. */
function randomDocuments(random: () => number): unknown[] {
  const one = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const name = () => one(['a', 'b', 'c']);
  const namespace = () => one(['default', 'ns1']);
  const labels = () => ({ app: one(['a', 'b']), tier: one(['x', 'y']) });
  const selector = () => {
    const kind = one(['Deployment', 'Deployment', 'Service']);
    const base = { apiVersion: kind === 'Service' ? 'v1' : 'apps/v1', kind };
    const form = random();
    if (form < 0.4) return { ...base, name: name() };
    if (form < 0.7) return { ...base, labelSelector: { matchLabels: random() < 0.5 ? { app: one(['a', 'b']) } : { tier: one(['x', 'y']), app: one(['a', 'b']) } } };
    if (form < 0.85) return { ...base, labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [one(['x', 'y'])] }] } };
    return random() < 0.5 ? base : { ...base, namespace: namespace() };
  };
  const makers: Array<() => unknown> = [
    () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: name(), namespace: namespace(), labels: labels() }, spec: { replicas: 2, template: { spec: { containers: [{ name: one(['main', 'web']), image: 'nginx' }] } } } }),
    () => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: name(), namespace: namespace(), labels: labels() } }),
    () => ({ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: name(), namespace: namespace() } }),
    () => ({
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: one(['PropagationPolicy', 'ClusterPropagationPolicy']),
      metadata: { name: name(), namespace: namespace() },
      spec: {
        priority: one([0, 1]),
        resourceSelectors: [selector(), ...(random() < 0.3 ? [selector()] : [])],
        placement: {
          clusterAffinity: random() < 0.8 ? { clusterNames: [one(['member1', 'member2', 'membr3', 'member4'])] } : { labelSelector: { matchLabels: { env: 'prod' } } },
          ...(random() < 0.3 ? { spreadConstraints: [{ spreadByField: one(['cluster', 'region']), minGroups: one([1, 2]) }] } : {}),
        },
      },
    }),
    () => ({
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: one(['OverridePolicy', 'ClusterOverridePolicy']),
      metadata: { name: name(), namespace: namespace() },
      spec: { resourceSelectors: [selector()], overrideRules: [{ overriders: { plaintext: [{ path: one(['/spec/replicas', '/spec/missing']), operator: 'replace', value: 1 }], argsOverrider: [{ containerName: one(['main', 'web']), operator: 'add', value: ['x'] }] } }] },
    }),
    () => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: name(), namespace: namespace() }, spec: { clusterSets: [one(['prod', 'edge'])] } }),
    () => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'b', namespace: namespace() }, spec: { clusterSet: one(['prod', 'edge']) } }),
  ];
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => one(makers)());
}

const canonical = (findings: FederationFinding[]) => findings.map((f) => JSON.stringify(f)).sort();

function fullByUri(files: Map<string, FederationDocument[]>, clusters: unknown[]): Map<string, string[]> {
  const findings = checkFederation({ documents: [...files.values()].flat(), clusters });
  const out = new Map<string, FederationFinding[]>();
  for (const f of findings) out.set(f.uri, [...(out.get(f.uri) ?? []), f]);
  return new Map([...out].map(([uri, list]) => [uri, canonical(list)]));
}

test('after random edit sequences, incremental findings equal a full recomputation, and every file whose findings changed is reported', () => {
  const clusters = [karmadaCluster('member1'), karmadaCluster('member2')];
  for (let seed = 1; seed <= 40; seed++) {
    const random = seededRandom(seed);
    const files = new Map<string, FederationDocument[]>();
    const incremental = new IncrementalFederation({ clusters });
    let expected = fullByUri(files, clusters);
    for (let step = 0; step < 60; step++) {
      const uri = `file:///w/f${Math.floor(random() * 8)}.yaml`;
      const docs = random() < 0.15 ? undefined : randomDocuments(random).map((value, index) => ({ uri, index, value }));
      if (docs) files.set(uri, docs);
      else files.delete(uri);
      const changed = incremental.setFile(uri, docs);
      const next = fullByUri(files, clusters);
      for (const u of new Set([...files.keys(), ...expected.keys()])) {
        const actual = canonical(incremental.findingsOf(u));
        assert.deepEqual(actual, next.get(u) ?? [], `seed ${seed} step ${step}: findings of ${u}`);
        if (JSON.stringify(expected.get(u) ?? []) !== JSON.stringify(next.get(u) ?? [])) assert.ok(changed.has(u), `seed ${seed} step ${step}: ${u} changed but was not reported`);
      }
      expected = next;
    }
  }
});

test('new members rerun the documents that read them, with the findings of a full recomputation; a bulk load equals file-by-file loading', () => {
  const random = seededRandom(7);
  const files = new Map<string, FederationDocument[]>();
  for (let i = 0; i < 12; i++) {
    const uri = `file:///w/f${i}.yaml`;
    files.set(uri, randomDocuments(random).map((value, index) => ({ uri, index, value })));
  }
  const bulk = new IncrementalFederation({ clusters: [karmadaCluster('member1')] });
  bulk.setFiles(files);
  const one = new IncrementalFederation({ clusters: [karmadaCluster('member1')] });
  for (const [uri, docs] of files) one.setFile(uri, docs);
  for (const uri of files.keys()) assert.deepEqual(canonical(bulk.findingsOf(uri)), canonical(one.findingsOf(uri)));
  const clusters = [karmadaCluster('member1'), karmadaCluster('member2'), karmadaCluster('membr3')];
  const changed = bulk.setSetting({ clusters });
  const full = fullByUri(files, clusters);
  for (const uri of files.keys()) {
    assert.deepEqual(canonical(bulk.findingsOf(uri)), full.get(uri) ?? []);
  }
  assert.ok([...full.keys()].every((uri) => changed.has(uri) || canonical(one.findingsOf(uri)).join() === full.get(uri)!.join()));
  assert.ok(full.size > 0, 'the random workspace has findings to compare');
});

test('a member whose status alone changed reruns nothing; a new label reruns only the documents with spread constraints', () => {
  const random = seededRandom(11);
  const uri = 'file:///w/f.yaml';
  const docs = randomDocuments(random).map((value, index) => ({ uri, index, value }));
  const summary = (allocated: string) => ({ resourceSummary: { allocatable: { cpu: '8', pods: '110' }, allocated: { cpu: allocated, pods: '3' } } });
  const federation = new IncrementalFederation({ clusters: [karmadaCluster('member1', summary('1'))] });
  federation.setFile(uri, docs);
  assert.ok(federation.lastRerun > 0);
  assert.deepEqual([...federation.setSetting({ clusters: [karmadaCluster('member1', summary('2'))] })], []);
  assert.equal(federation.lastRerun, 0, 'resource summary only');
  federation.setSetting({ clusters: [karmadaCluster('member1', { ...summary('2'), labels: { env: 'prod' } })] });
  const spreading = docs.filter((d) => (d.value as { spec?: { placement?: { spreadConstraints?: unknown } } }).spec?.placement?.spreadConstraints);
  assert.equal(federation.lastRerun, spreading.length, 'a label can change which members a spread constraint can use');
});

/** One change to the members: one joins, leaves, is relabelled, tainted, moved to another region, or they reorder. */
function changeMembers(random: () => number, members: Record<string, unknown>[]): Record<string, unknown>[] {
  const one = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const names = members.map((m) => (m.metadata as { name: string }).name);
  const absent = ['member1', 'member2', 'membr3', 'member4', 'member5'].filter((n) => !names.includes(n));
  const rebuilt = (m: Record<string, unknown>, extra: Parameters<typeof karmadaCluster>[1]) => {
    const spec = m.spec as { region?: string; taints?: unknown[] };
    const labels = (m.metadata as { labels: Record<string, string> }).labels;
    return karmadaCluster((m.metadata as { name: string }).name, { labels, region: spec.region, taints: spec.taints as never, ...extra });
  };
  const at = Math.floor(random() * members.length);
  switch (one(['join', 'leave', 'label', 'taint', 'region', 'reorder'])) {
    case 'join':
      return absent.length ? [...members, karmadaCluster(one(absent), { region: one(['r1', 'r2']) })] : members;
    case 'leave':
      return members.length > 1 ? members.filter((_, i) => i !== at) : members;
    case 'label':
      return members.map((m, i) => (i === at ? rebuilt(m, { labels: random() < 0.5 ? { env: 'prod' } : {} }) : m));
    case 'taint':
      return members.map((m, i) => (i === at ? rebuilt(m, { taints: random() < 0.5 ? [{ key: 'drain', effect: 'NoSchedule' }] : [] }) : m));
    case 'region':
      return members.map((m, i) => (i === at ? rebuilt(m, { region: one(['r1', 'r2', 'r3']) }) : m));
    default:
      return [...members].reverse();
  }
}

test('after random member changes between edits, incremental findings equal a full recomputation, every changed file is reported, and fewer documents rerun', () => {
  let reran = 0;
  let documents = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const random = seededRandom(seed);
    const files = new Map<string, FederationDocument[]>();
    for (let i = 0; i < 10; i++) {
      const uri = `file:///w/f${i}.yaml`;
      files.set(uri, randomDocuments(random).map((value, index) => ({ uri, index, value })));
    }
    let clusters: Record<string, unknown>[] = [karmadaCluster('member1', { region: 'r1' }), karmadaCluster('member2', { region: 'r2' })];
    const incremental = new IncrementalFederation({ clusters });
    incremental.setFiles(files);
    let expected = fullByUri(files, clusters);
    for (let step = 0; step < 25; step++) {
      if (random() < 0.3) {
        // An edit between member changes: the entries that read members are kept up to date file by file.
        const uri = `file:///w/f${Math.floor(random() * 10)}.yaml`;
        const docs = randomDocuments(random).map((value, index) => ({ uri, index, value }));
        files.set(uri, docs);
        incremental.setFile(uri, docs);
        expected = fullByUri(files, clusters);
      }
      clusters = changeMembers(random, clusters);
      const changed = incremental.setSetting({ clusters });
      reran += incremental.lastRerun;
      documents += [...files.values()].flat().length;
      const next = fullByUri(files, clusters);
      for (const uri of files.keys()) {
        assert.deepEqual(canonical(incremental.findingsOf(uri)), next.get(uri) ?? [], `seed ${seed} step ${step}: findings of ${uri}`);
        if (JSON.stringify(expected.get(uri) ?? []) !== JSON.stringify(next.get(uri) ?? [])) assert.ok(changed.has(uri), `seed ${seed} step ${step}: ${uri} changed but was not reported`);
      }
      expected = next;
    }
  }
  assert.ok(reran < documents / 2, `member changes reran ${reran} of ${documents} documents`);
});
