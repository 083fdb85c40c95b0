/**
 * A member no context reaches is asked through the control plane's context under Karmada's
 * clusters/<name>/proxy path, with the control plane's credentials; its errors name the route, the
 * control plane and the member, and say what grants the impersonation when the member refused it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { karmadaProxyRoute } from '../../../core/karmada/proxyRoute';
import { ClusterClients } from '../../../core/kube/clients';
import { ClusterError } from '../../../core/kube/errors';
import type { MergedKubeconfig } from '../../../core/kube/kubeconfig';

test('requests for a routed member go to the control plane under the proxy path; errors name the route', async (t) => {
  const seen: { url?: string; auth?: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    if (req.url?.includes('/clusters/member4/proxy/api/v1/namespaces/secret')) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', message: 'namespaces "secret" is forbidden: User "system:serviceaccount:karmada-cluster:karmada-impersonator" cannot impersonate resource "users"', code: 403 }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ metadata: {}, items: [{ metadata: { name: 'default' } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = {
    files: ['/k'],
    contexts: [{ name: 'karmada', cluster: 'karmada', user: 'admin', file: '/k', server: url, usesExec: false }],
    clusters: new Map([['karmada', { name: 'karmada', file: '/k', fields: { server: url, 'insecure-skip-tls-verify': true } }]]),
    users: new Map([['admin', { name: 'admin', file: '/k', fields: { token: 'sekret-token-1234567890' } }]]),
    fileProblems: [],
  } as MergedKubeconfig;
  const clients = new ClusterClients(config);
  t.after(() => clients.dispose());

  const route = clients.addRoute(karmadaProxyRoute('karmada', 'member4'));
  assert.equal(route, 'member4 via Karmada karmada proxy');
  assert.equal(clients.problem(route), undefined);
  const list = await clients.request<{ items: unknown[] }>(route, { path: '/api/v1/namespaces', query: { limit: 5 } });
  assert.equal(list.items.length, 1);
  assert.deepEqual(seen[0], { url: '/apis/cluster.karmada.io/v1alpha1/clusters/member4/proxy/api/v1/namespaces?limit=5', auth: 'Bearer sekret-token-1234567890' });
  assert.equal(clients.requestCounts.get(route), 1);

  const error = await clients.request(route, { path: '/api/v1/namespaces/secret' }).then(
    () => assert.fail('a 403 through the proxy must fail'),
    (err: unknown) => err as ClusterError,
  );
  assert.ok(error instanceof ClusterError);
  assert.equal(error.kind, 'forbidden');
  assert.match(error.message, /^member4 via Karmada karmada proxy \(control plane karmada, member member4\): namespaces "secret" is forbidden: /);
  assert.match(error.message, /\(Karmada lets its proxy impersonate you on member4 once your user is granted clusters\/proxy on karmada\)$/);
  assert.doesNotMatch(error.message, /sekret/);

  assert.equal(clients.problem('member5 via Karmada elsewhere proxy'), 'no context named "member5 via Karmada elsewhere proxy"', 'only added routes are usable');
  assert.match(clients.problem(clients.addRoute(karmadaProxyRoute('gone', 'member6')))!, /no context named "gone"/, 'a route is as usable as its control plane context');
});
