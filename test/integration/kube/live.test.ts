/**
 * Live behaviour against real API servers: a watch survives its API server restarting and sees objects
 * created afterwards; the explorer shows a stopped member as an error node naming it, keeps the other
 * members, and shows the member again when it is back, all driven by watch events (no polling).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { ClusterClients } from '../../../core/kube/clients';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import { ResourceWatch } from '../../../core/kube/watch';
import { startTcpProxy } from '../../support/tcpProxy';
import { kubeLab, whenTrue } from './lab';
import { needsCRDs, needsLive } from '../../support/federation';

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });

test('a watch recovers after its API server restarts and sees new objects', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const watch = new ResourceWatch(clients, 'member2', '/api/v1/namespaces/default/configmaps', { timeoutMs: 3000, backoff: { initialMs: 100, maxMs: 1000 } }).start();
  const names = () => watch.items().map((o) => o.metadata.name);
  try {
    await watch.ready();
    assert.equal(watch.state, 'live');
    const before = `flotilla-watch-a-${Date.now()}`;
    await clients.request('member2', { method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: configMap(before) });
    await whenTrue((fire) => watch.onChange(fire), () => names().includes(before), 'the watch to deliver the first ConfigMap');
    const stored = await clients.request<{ metadata: { managedFields?: unknown[] } }>('member2', { path: `/api/v1/namespaces/default/configmaps/${before}` });
    assert.ok(stored.metadata.managedFields?.length, 'the server keeps managedFields');
    assert.ok(watch.items().every((o) => !('managedFields' in o.metadata)), 'the watch keeps none');

    await lab.stopCluster('member2');
    await whenTrue((fire) => watch.onChange(fire), () => watch.state === 'error', 'the watch to report the outage');
    assert.match(watch.error!.describe(), /unreachable|ECONNRE/);
    await lab.startCluster('member2');

    const after = `flotilla-watch-b-${Date.now()}`;
    await clients.request('member2', { method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: configMap(after) });
    await whenTrue((fire) => watch.onChange(fire), () => watch.state === 'live' && names().includes(after), 'the watch to recover and see the new ConfigMap');
    assert.ok(names().includes(before));
    // The restarted apiserver's watch cache starts after the version the watch had: 410 Gone, one relist.
    assert.equal(watch.lists, 2, 'relisted once');
  } finally {
    watch.stop();
    clients.dispose();
  }
});

test('after a network outage the watch resumes from its resourceVersion: a deletion during the outage arrives, with no relist', async () => {
  const lab = await kubeLab();
  const member2 = lab.info.clusters.find((c) => c.name === 'member2')!;
  const proxy = await startTcpProxy(member2.port);
  const config = parse(readFileSync(lab.kubeconfigPath, 'utf8'));
  config.clusters = config.clusters.map((c: { name: string; cluster: { server: string } }) => (c.name === 'member2' ? { ...c, cluster: { ...c.cluster, server: proxy.url() } } : c));
  const file = join(mkdtempSync(join(tmpdir(), 'flotilla-resume-')), 'kubeconfig');
  writeFileSync(file, stringify(config));
  const direct = lab.clients();
  const proxied = new ClusterClients(loadKubeconfigs([file]));
  const path = '/api/v1/namespaces/default/configmaps';
  const gone = `flotilla-resume-a-${Date.now()}`;
  await direct.request('member2', { method: 'POST', path, body: configMap(gone) });
  const watch = new ResourceWatch(proxied, 'member2', path, { timeoutMs: 3000, backoff: { initialMs: 100, maxMs: 500 } }).start();
  const names = () => watch.items().map((o) => o.metadata.name);
  try {
    await watch.ready();
    assert.ok(names().includes(gone));
    proxy.refuse(true);
    proxy.drop();
    await whenTrue((fire) => watch.onChange(fire), () => watch.state === 'error', 'the watch to see the connection cut');
    await direct.request('member2', { method: 'DELETE', path: `${path}/${gone}` });
    proxy.refuse(false);
    await whenTrue((fire) => watch.onChange(fire), () => watch.state === 'live' && !names().includes(gone), 'the resumed watch to deliver the deletion');
    assert.equal(watch.lists, 1, 'resumed, not relisted');
  } finally {
    watch.stop();
    proxied.dispose();
    direct.dispose();
    await proxy.close();
  }
});

test('the explorer shows a stopped member as an error node by name and recovers it when it is back', async (t) => {
  const skip = needsLive(await kubeLab(), 'karmada') ?? needsLive(await kubeLab(), 'ocm') ?? needsCRDs(await kubeLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const model = new ExplorerModel(clients, { timeoutMs: 2000, concurrency: 8, coalesceMs: 50, watchBackoff: { initialMs: 100, maxMs: 1000 } });
  const changed = new Set<string>();
  model.onDidChange((node) => node && changed.add(node.id));
  const subscribe = (fire: () => void) => model.onDidChange(() => fire());
  try {
    const roots = await model.roots();
    assert.deepEqual(roots.map((r) => r.label), ['Karmada on host', 'OCM on host', 'KubeFed on host', 'Clusters']);
    const karmada = roots[0];
    const members = await model.children(karmada);
    assert.deepEqual(members.map((m) => m.label).slice(0, 3), ['member1', 'member2', 'member3']);
    assert.equal(members.at(-1)!.label, 'Policies');
    const byName = new Map(members.map((m) => [m.label, m]));
    const member1 = byName.get('member1')!;
    const member3 = byName.get('member3')!;
    const namespaces = await model.children(member3);
    assert.ok(namespaces.some((n) => n.label === 'shop'));
    const shop = namespaces.find((n) => n.label === 'shop')!;
    const workloads = (await model.children(shop)).map((w) => w.label);
    assert.ok(workloads.includes('web 3/3'), workloads.join(', '));
    await model.children(member1);

    await lab.stopCluster('member3');
    let kids: ExplorerNode[] = [];
    await whenTrue(subscribe, async () => {
      kids = await model.children(member3);
      return kids[0]?.kind === 'error';
    }, 'member3 to show an error node');
    await whenTrue(subscribe, () => member3.icon === 'error', 'member3 row to show the error');
    assert.match(member3.description!, /^unreachable/);
    assert.match(member3.tooltip!, /\nerror: unreachable/);
    assert.match(kids[0].label, /^member3: unreachable \((connect ECONNREFUSED 127\.0\.0\.1:\d+|connection reset \(ECONNRESET\))\)$/);
    const others = await model.children(member1);
    assert.ok(others.some((n) => n.label === 'shop'), 'member1 unaffected');

    await lab.startCluster('member3');
    await whenTrue(subscribe, async () => {
      kids = await model.children(member3);
      return kids.some((n) => n.label === 'shop');
    }, 'member3 to come back');
    await whenTrue(subscribe, () => member3.icon === 'healthy', 'member3 row to look healthy again');
    assert.equal(member3.description, 'Ready');
    assert.ok(changed.has(member3.id), `the member node itself was refreshed: ${[...changed].join(', ')}`);
  } finally {
    await lab.startCluster('member3');
    model.dispose();
    clients.dispose();
  }
});

test('a tree refresh costs requests per cluster and resource type, not per object', async (t) => {
  const skip = needsLive(await kubeLab(), 'karmada') ?? needsLive(await kubeLab(), 'ocm') ?? needsCRDs(await kubeLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const model = new ExplorerModel(clients, { timeoutMs: 5000, concurrency: 8 });
  try {
    const [karmada] = await model.roots();
    const members = (await model.children(karmada)).filter((m) => m.kind === 'member');
    const toMembers = () => members.reduce((n, m) => n + (clients.requestCounts.get(m.context!) ?? 0), 0);
    const before = toMembers();
    for (const m of members) for (const ns of await model.children(m)) await model.children(ns);
    const perCluster = (toMembers() - before) / members.length;
    // namespaces + 7 workload kinds, each one list (+ the watch connection it opens)
    assert.ok(perCluster <= 16, `requests per cluster: ${perCluster}`);
  } finally {
    model.dispose();
    clients.dispose();
  }
});

test('the federation snapshot for the language server carries members, labels, taints and namespaces', async (t) => {
  const skip = needsLive(await kubeLab(), 'karmada') ?? needsLive(await kubeLab(), 'ocm') ?? needsCRDs(await kubeLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const model = new ExplorerModel(clients, { timeoutMs: 5000, concurrency: 8 });
  // A ManagedClusterSet no member belongs to yet: only the hub knows it.
  const emptySet = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: `empty-${process.pid}` }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } };
  await clients.request('host', { method: 'POST', path: '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets', body: emptySet });
  try {
    const snapshot = await model.snapshot();
    const member1 = snapshot.clusters.find((c) => c.name === 'member1')!;
    assert.equal(member1.context, 'member1');
    assert.ok(member1.namespaces.includes('shop'));
    assert.ok(Object.keys(member1.labels).length > 0);
    assert.deepEqual(member1.federations, ['Karmada on host', 'OCM on host', 'KubeFed on host']);
    assert.ok(snapshot.clusters.some((c) => c.taints.some((t) => t.effect === 'NoSchedule')));
    assert.ok(snapshot.karmadaClusters.length >= 3);
    // The hub's ManagedClusters as the OCM placement preview reads them: allocatable from the members' nodes, no managedFields.
    const managed = (snapshot.ocmClusters ?? []) as { metadata: { name: string; managedFields?: unknown }; status?: { allocatable?: { cpu?: string } } }[];
    const managed1 = managed.find((c) => c.metadata.name === 'member1');
    assert.ok(managed1?.status?.allocatable?.cpu, JSON.stringify(managed1?.status));
    assert.ok(managed.every((c) => c.metadata.managedFields === undefined));
    // default and global are the sets OCM's registration controller makes itself.
    const expected = ['default', emptySet.metadata.name, 'global', 'prod'];
    const sets = snapshot.clusterSets ?? [];
    assert.deepEqual(sets.filter((set) => expected.includes(set)), expected, 'the OCM members\' cluster-set labels and the hub\'s ManagedClusterSets');
    assert.deepEqual(sets, [...new Set(sets)].sort(), 'sorted, once each (other tests may add sets of their own)');
    assert.ok(snapshot.clusters.some((c) => c.name === 'member1-viewer' && c.federations.length === 0));
  } finally {
    await clients.request('host', { method: 'DELETE', path: `/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets/${emptySet.metadata.name}` });
    model.dispose();
    clients.dispose();
  }
});

test('members no kubeconfig context reaches are listed with the route that reaches them', async (t) => {
  const skip = needsLive(await kubeLab(), 'karmada') ?? needsLive(await kubeLab(), 'ocm') ?? needsCRDs(await kubeLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const config = parse(readFileSync(lab.kubeconfigPath, 'utf8'));
  config.contexts = config.contexts.filter((c: { name: string }) => c.name === 'host');
  const file = join(mkdtempSync(join(tmpdir(), 'flotilla-hostonly-')), 'kubeconfig');
  writeFileSync(file, stringify(config));
  const clients = new ClusterClients(loadKubeconfigs([file]));
  const model = new ExplorerModel(clients, { timeoutMs: 5000, concurrency: 8 });
  try {
    const roots = await model.roots();
    assert.deepEqual(roots.map((r) => r.label), ['Karmada on host', 'OCM on host', 'KubeFed on host']);
    const members = (await model.children(roots[0])).filter((n) => n.label.startsWith('member'));
    assert.ok(members.length >= 3);
    // Karmada's members are reached through its cluster proxy instead (proxyRoute.test.ts browses them).
    for (const m of members) {
      assert.equal(m.context, `${m.label} via Karmada host proxy`);
      assert.match(m.description!, / · via Karmada host proxy$/);
      assert.equal(m.collapsible, true);
      assert.match(m.tooltip!, new RegExp(`\nroute: ${m.label} via Karmada host proxy \\(no kubeconfig context reaches it\\)`));
    }
  } finally {
    model.dispose();
    clients.dispose();
  }
});
