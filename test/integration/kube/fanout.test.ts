/**
 * Fan-out against real API servers: every context answers or says why, by name; a deploy to five
 * targets with one forbidden reports exactly four successes and one failure with the server's reason;
 * slow, stopped, misconfigured and badly-authenticated clusters never hold up the others.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { ClusterClients } from '../../../core/kube/clients';
import { checkAccess, deleteFromClusters, deployToClusters } from '../../../core/kube/deploy';
import { fanOut } from '../../../core/kube/fanout';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { parseManifests, ResourceResolver } from '../../../core/kube/manifests';
import type { KubeList } from '../../../core/kube/watch';
import { startTcpProxy } from '../../support/tcpProxy';
import { kubeLab } from './lab';

const messages: string[] = [];
const options = (timeoutMs = 8000) => ({ concurrency: 8, timeoutMs });
const listNamespaces = (clients: ClusterClients) => (ctx: string, signal: AbortSignal) =>
  clients.request<KubeList>(ctx, { path: '/api/v1/namespaces', signal }).then((l) => l.items.map((n) => n.metadata.name));

const manifest = (suffix: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: flotilla-fanout-${suffix}
  namespace: default
data:
  run: "${suffix}"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: flotilla-fanout-${suffix}
  namespace: default
spec:
  replicas: 1
  selector: { matchLabels: { app: fanout } }
  template:
    metadata: { labels: { app: fanout } }
    spec: { containers: [{ name: c, image: nginx:1.27 }] }
`;

test('every context lists namespaces, viewers included', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const contexts = clients.contextNames();
  assert.ok(contexts.includes('host') && contexts.includes('member1-viewer'));
  const results = await fanOut(contexts, listNamespaces(clients), options());
  for (const r of results) {
    assert.ok(r.ok, `${r.cluster}: ${!r.ok && r.error.describe()}`);
    assert.ok(r.value.includes('kube-system'));
  }
  clients.dispose();
});

test('deploy to five targets where one may not write: four successes, one failure with the server reason', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const resolver = new ResourceResolver(clients);
  const { objects } = parseManifests(manifest(String(Date.now())));
  const targets = ['host', 'member1', 'member2', 'member3', 'member1-viewer'];
  const access = await checkAccess(clients, resolver, targets, objects, options());
  assert.deepEqual(access.filter((a) => !a.allowed).map((a) => a.cluster), ['member1-viewer']);
  assert.match(access.find((a) => a.cluster === 'member1-viewer')!.denied[0], /^cannot create configmaps in default$/);

  const dry = await deployToClusters(clients, resolver, targets, objects, { ...options(), fieldManager: 'flotilla-test', dryRun: true });
  assert.deepEqual(dry.map((o) => o.summary), ['created', 'created', 'created', 'created', dry[4].summary]);
  const outcomes = await deployToClusters(clients, resolver, targets, objects, { ...options(), fieldManager: 'flotilla-test' });
  messages.push(...outcomes.map((o) => o.summary));
  assert.equal(outcomes.filter((o) => o.ok).length, 4);
  const failed = outcomes.filter((o) => !o.ok);
  assert.deepEqual(failed.map((o) => o.cluster), ['member1-viewer']);
  assert.match(failed[0].summary, /403 forbidden: configmaps "flotilla-fanout-\d+" is forbidden: User "[^"]+" cannot patch resource "configmaps"/);
  for (const o of outcomes.filter((x) => x.ok)) assert.deepEqual(o.objects.map((x) => x.result), ['created', 'created']);

  const again = await deployToClusters(clients, resolver, targets.slice(0, 4), objects, { ...options(), fieldManager: 'flotilla-test' });
  assert.deepEqual(again.map((o) => o.summary), ['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  const changed = parseManifests(manifest('x').replace(/flotilla-fanout-x/g, objects[0].metadata.name).replace('run: "x"', 'run: "changed"')).objects;
  const configured = await deployToClusters(clients, resolver, ['member2'], changed, { ...options(), fieldManager: 'flotilla-test' });
  assert.equal(configured[0].summary, '1 configured, 1 unchanged');
  const removed = await deleteFromClusters(clients, resolver, targets.slice(0, 4), objects, options());
  assert.deepEqual(removed.map((o) => o.summary), ['deleted', 'deleted', 'deleted', 'deleted']);
  clients.dispose();
});

test('a member behind a 5 s delay is reported as a timeout after 1 s; the others answer', async () => {
  const lab = await kubeLab();
  const member2 = lab.info.clusters.find((c) => c.name === 'member2')!;
  const proxy = await startTcpProxy(member2.port, { delayMs: 5000 });
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-slow-'));
  const config = parse(readFileSync(lab.kubeconfigPath, 'utf8'));
  config.clusters = config.clusters.map((c: { name: string; cluster: { server: string } }) =>
    c.name === 'member2' ? { ...c, cluster: { ...c.cluster, server: proxy.url() } } : c,
  );
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, stringify(config));
  const clients = new ClusterClients(loadKubeconfigs([file]));
  const started = Date.now();
  const results = await fanOut(['member1', 'member2', 'member3'], listNamespaces(clients), { concurrency: 8, timeoutMs: 1000 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 2500, `took ${elapsed} ms`);
  assert.deepEqual(results.map((r) => [r.cluster, r.ok]), [['member1', true], ['member2', false], ['member3', true]]);
  const slow = results[1];
  assert.ok(!slow.ok);
  assert.equal(slow.error.kind, 'timeout');
  assert.equal(slow.error.describe(), 'timeout (no answer within 1000 ms)');
  messages.push(slow.error.describe());
  clients.dispose();
  await proxy.close();
});

test('malformed entries, an invalid token and a stopped member are each reported by name while the rest answer', async () => {
  const lab = await kubeLab();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-broken-'));
  const config = parse(readFileSync(lab.kubeconfigPath, 'utf8'));
  const viewer = config.users.find((u: { name: string }) => u.name === 'member2-viewer');
  const broken = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'bad-ca', cluster: { server: lab.info.clusters[1].server, 'certificate-authority-data': Buffer.from('garbage').toString('base64') } }],
    users: [{ name: 'wrong-token', user: { token: 'flotilla-invalid-token-0123456789' } }],
    contexts: [
      { name: 'bad-cert', context: { cluster: 'bad-ca', user: 'wrong-token' } },
      { name: 'ghost-user', context: { cluster: 'member1', user: 'nobody' } },
      { name: 'invalid-token', context: { cluster: 'member2', user: 'wrong-token' } },
    ],
  };
  const extra = join(dir, 'broken.yaml');
  writeFileSync(extra, stringify(broken));
  const clients = lab.clients({}, [join(dir, 'missing.yaml'), extra]);
  assert.match(clients.config.fileProblems[0].reason, /file not found/);
  assert.match(clients.problem('bad-cert')!, /^bad certificate authority/);
  assert.equal(clients.problem('ghost-user'), 'unknown user "nobody"');

  await lab.stopCluster('member3');
  try {
    const targets = ['member1', 'member2', 'member3', 'bad-cert', 'ghost-user', 'invalid-token', 'member2-viewer'];
    const results = await fanOut(targets, listNamespaces(clients), options(3000));
    const byName = new Map(results.map((r) => [r.cluster, r]));
    const why = (name: string) => {
      const r = byName.get(name)!;
      return r.ok ? 'ok' : r.error.describe();
    };
    messages.push(...targets.map(why));
    assert.equal(why('member1'), 'ok');
    assert.equal(why('member2'), 'ok');
    assert.equal(why('member2-viewer'), 'ok');
    assert.match(why('member3'), /^unreachable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    assert.match(why('bad-cert'), /^not connected \(bad certificate authority/);
    assert.equal(why('ghost-user'), 'not connected (unknown user "nobody")');
    assert.equal(why('invalid-token'), '401 unauthorized (expired or invalid credentials): Unauthorized');
    assert.ok(results.every((r) => r.ms < 3000));
    for (const secret of [viewer.user.token, 'flotilla-invalid-token-0123456789']) {
      assert.ok(!messages.join('\n').includes(secret), 'a token leaked into a message');
    }
  } finally {
    await lab.startCluster('member3');
    clients.dispose();
  }
});

test('no message produced above carries a token or key', async () => {
  const lab = await kubeLab();
  const text = readFileSync(lab.kubeconfigPath, 'utf8');
  const secrets = [...text.matchAll(/(?:token|client-key-data): (\S+)/g)].map((m) => m[1]);
  assert.ok(secrets.length >= 4);
  assert.ok(messages.length >= 8);
  for (const s of secrets) assert.ok(!messages.some((m) => m.includes(s)));
});

test('per-context KubeConfig copies serve client-node APIs; the user kubeconfig is never written or switched', async () => {
  const lab = await kubeLab();
  const before = readFileSync(lab.kubeconfigPath, 'utf8');
  const clients = lab.clients();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const k8s = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' } });
  const kc = await clients.kubeConfig('member2');
  assert.equal(kc.getCurrentContext(), 'member2');
  const namespaces = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
  assert.ok(namespaces.items.some((n) => n.metadata?.name === 'shop'));
  const viewer = await clients.kubeConfig('member2-viewer');
  const objects = k8s.KubernetesObjectApi.makeApiClient(viewer);
  await assert.rejects(objects.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nope', namespace: 'default' } }), /403|forbidden/i);
  assert.equal(readFileSync(lab.kubeconfigPath, 'utf8'), before);
  assert.match(before, /current-context: host/);
  clients.dispose();
});
