/**
 * ResourceWatch against a scripted HTTP API server: it lists, watches from the list's resourceVersion
 * with bookmarks, relists on 410 Gone, and reconnects with backoff after the server goes away.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClusterClients } from '../../../core/kube/clients';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { ResourceWatch } from '../../../core/kube/watch';

function kubeconfigFor(port: number, extraUser: Record<string, unknown> = { token: 'unit-test-token-abcdef' }): string {
  const file = join(mkdtempSync(join(tmpdir(), 'flotilla-watch-')), 'config');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [{ name: 'fake', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: extraUser }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'u' } }],
    }),
  );
  return file;
}

const cm = (name: string, rv: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });

test('list from the cache, watch from resourceVersion with bookmarks, relist consistently on 410 Gone', async () => {
  const requests: string[] = [];
  let watches = 0;
  const server = http.createServer((req, res) => {
    requests.push(req.url!);
    const url = new URL(req.url!, 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (url.searchParams.get('watch') !== '1') {
      const second = requests.filter((r) => !r.includes('watch=1')).length > 1;
      res.end(JSON.stringify({ metadata: { resourceVersion: second ? '20' : '10' }, items: second ? [cm('a', '5'), cm('c', '20')] : [cm('a', '5')] }));
      return;
    }
    watches++;
    if (watches === 1) {
      res.write(JSON.stringify({ type: 'ADDED', object: cm('b', '11') }) + '\n');
      res.write(JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } }) + '\n');
      res.end(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } }) + '\n');
    } else {
      res.write(JSON.stringify({ type: 'DELETED', object: cm('a', '21') }) + '\n');
      // keep the stream open until the watch stops
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const clients = new ClusterClients(loadKubeconfigs([kubeconfigFor(port)]));
  const watch = new ResourceWatch(clients, 'fake', '/api/v1/configmaps', { timeoutMs: 2000, firstListFromCache: true }).start();
  await new Promise<void>((resolve) => {
    const check = () => watches >= 2 && watch.items().length === 1 && resolve();
    watch.onChange(check);
  });
  assert.deepEqual(watch.items().map((o) => o.metadata.name), ['c']);
  assert.equal(watch.lists, 2);
  const listUrls = requests.filter((r) => !r.includes('watch=1'));
  assert.match(listUrls[0], /limit=500&resourceVersion=0$/, 'the first list may come from the apiserver cache');
  assert.doesNotMatch(listUrls[1], /resourceVersion/, 'the relist after 410 reads consistently');
  const watchUrls = requests.filter((r) => r.includes('watch=1'));
  assert.match(watchUrls[0], /resourceVersion=10&allowWatchBookmarks=true/);
  assert.match(watchUrls[1], /resourceVersion=20&/);
  watch.stop();
  clients.dispose();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('a server that goes away: error state with the reason, then recovery with backoff', async () => {
  let up = true;
  const lists: string[] = [];
  const server = http.createServer((req, res) => {
    if (!up) return req.socket.destroy();
    if (!req.url!.includes('watch=1')) lists.push(req.url!);
    res.setHeader('Content-Type', 'application/json');
    if (req.url!.includes('watch=1')) return void res.end();
    res.end(JSON.stringify({ metadata: { resourceVersion: '1' }, items: [cm('x', '1')] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const clients = new ClusterClients(loadKubeconfigs([kubeconfigFor(port)]));
  up = false;
  const watch = new ResourceWatch(clients, 'fake', '/api/v1/configmaps', { timeoutMs: 1000, backoff: { initialMs: 20, maxMs: 100 } }).start();
  await watch.ready();
  assert.equal(watch.state, 'error');
  assert.match(watch.error!.describe(), /^unreachable/);
  up = true;
  await new Promise<void>((resolve) => watch.onChange(() => watch.state === 'live' && resolve()));
  assert.deepEqual(watch.items().map((o) => o.metadata.name), ['x']);
  assert.deepEqual(lists, ['/api/v1/configmaps?limit=500'], 'without firstListFromCache the list reads consistently');
  watch.stop();
  clients.dispose();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('exec credentials wait for a trusted workspace', () => {
  const file = kubeconfigFor(1, { exec: { command: 'some-plugin', apiVersion: 'client.authentication.k8s.io/v1' } });
  const config = loadKubeconfigs([file]);
  assert.equal(new ClusterClients(config, { trusted: false }).problem('fake'), 'exec credentials need a trusted workspace');
  assert.equal(new ClusterClients(config, { trusted: true }).problem('fake'), undefined);
});

test('a resource the server does not serve (404) is reported once, without retrying', async () => {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: 'Status', code: 404, message: 'the server could not find the requested resource' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const clients = new ClusterClients(loadKubeconfigs([kubeconfigFor(port)]));
  const watch = new ResourceWatch(clients, 'fake', '/apis/multicluster.x-k8s.io/v1alpha1/serviceexports', { timeoutMs: 1000, backoff: { initialMs: 1, maxMs: 1 } }).start();
  await watch.ready();
  assert.equal(watch.state, 'error');
  assert.equal(watch.error!.kind, 'notFound');
  // a retry would come within the 1 ms backoff; one server round trip later there is still one request
  await clients.request('fake', { path: '/x' }).catch(() => undefined);
  assert.equal(requests, 2);
  watch.stop();
  clients.dispose();
  await new Promise((r) => server.close(r));
});

test('retries against a server that stays away leave no abort listener behind', async () => {
  let attempts = 0;
  let enough: () => void;
  const reached = new Promise<void>((resolve) => (enough = resolve));
  const server = http.createServer((req) => {
    if (++attempts === 40) enough();
    req.socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const clients = new ClusterClients(loadKubeconfigs([kubeconfigFor(port)]));
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  const watch = new ResourceWatch(clients, 'fake', '/api/v1/configmaps', { timeoutMs: 1000, backoff: { initialMs: 1, maxMs: 1 } }).start();
  try {
    await reached;
    watch.stop();
    // Node reports a listener leak on the next tick.
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')), []);
  } finally {
    process.off('warning', onWarning);
    watch.stop();
    clients.dispose();
    await new Promise((r) => server.close(r));
  }
});
