// A user holding only the Karmada control plane's kubeconfig sees every member: members no context
// reaches are listed, browsed and watched through Karmada's cluster proxy (clusters/<name>/proxy) on the
// control plane's context, and what fails there names the route, the control plane and the member.
// Karmada's proxy impersonates the caller on the member, which its unified-auth controller allows for
// subjects granted clusters/proxy on the control plane: the test grants that to the lab's admin user for
// its own duration.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { karmadaProxyRoute } from '../../../core/karmada/proxyRoute';
import { ClusterClients } from '../../../core/kube/clients';
import { deployToClusters } from '../../../core/kube/deploy';
import { ClusterError } from '../../../core/kube/errors';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { ResourceResolver } from '../../../core/kube/manifests';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { watchUntil } from '../../support/watchUntil';
import { whenTrue } from '../kube/lab';

const grant = `sl13-cluster-proxy-${process.pid}`;
const rbac = '/apis/rbac.authorization.k8s.io/v1';

/** The lab's kubeconfig with nothing but one control plane context, in a file of the test's own. */
function hostOnlyKubeconfig(labKubeconfig: string, context = 'host'): string {
  const kc = parse(readFileSync(labKubeconfig, 'utf8')) as { contexts: { name: string; context: { cluster: string; user: string } }[]; clusters: { name: string }[]; users: { name: string }[] };
  const host = kc.contexts.find((c) => c.name === context)!;
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-proxy-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, stringify({ ...kc, contexts: [host], clusters: kc.clusters.filter((c) => c.name === host.context.cluster), users: kc.users.filter((u) => u.name === host.context.user), 'current-context': context }));
  return file;
}

test('with only the host context, members 1..3 are browsed and watched through Karmada\'s cluster proxy', { timeout: 180_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const review = await clients.request<{ status: { userInfo: { username: string } } }>('host', {
    method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  const user = review.status.userInfo.username;
  await clients.request('host', { method: 'POST', path: `${rbac}/clusterroles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: grant }, rules: [{ apiGroups: ['cluster.karmada.io'], resources: ['clusters/proxy'], verbs: ['*'] }] } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `${rbac}/clusterroles/${grant}` }).catch(() => undefined));
  await clients.request('host', { method: 'POST', path: `${rbac}/clusterrolebindings`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: grant }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: grant }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }] } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `${rbac}/clusterrolebindings/${grant}` }).catch(() => undefined));
  for (const member of ['member1', 'member2', 'member3']) {
    await watchUntil(clients, member, `${rbac}/clusterroles?fieldSelector=metadata.name%3Dkarmada-impersonator`, ([role]) =>
      ((role?.rules ?? []) as { resources?: string[]; resourceNames?: string[] }[]).some((r) => r.resources?.includes('users') && r.resourceNames?.includes(user)),
    `Karmada's unified-auth controller to let its proxy impersonate ${user} on ${member}`);
  }

  const file = hostOnlyKubeconfig(lab.kubeconfigPath);
  t.after(() => rmSync(join(file, '..'), { recursive: true, force: true }));
  const hostOnly = new ClusterClients(loadKubeconfigs([file]), { trusted: false });
  t.after(() => hostOnly.dispose());
  assert.deepEqual(hostOnly.contextNames(), ['host']);
  const model = new ExplorerModel(hostOnly, { timeoutMs: 10_000, concurrency: 8, coalesceMs: 50, watchBackoff: { initialMs: 100, maxMs: 1000 } });
  t.after(() => model.dispose());

  const karmada = (await model.roots()).find((r) => r.label === 'Karmada on host')!;
  const members = (await model.children(karmada)).filter((n) => /^member\d$/.test(n.label));
  assert.deepEqual(members.map((m) => [m.label, m.kind, m.context]), [1, 2, 3].map((i) => [`member${i}`, 'member', `member${i} via Karmada host proxy`]));
  for (const m of members) {
    assert.match(m.description!, /^Ready · via Karmada host proxy$/);
    assert.match(m.tooltip!, new RegExp(`\nroute: member${m.label.slice(-1)} via Karmada host proxy \\(no kubeconfig context reaches it\\)`));
  }
  const child = async (parent: ExplorerNode, label: string) => {
    const kids = await model.children(parent);
    const found = kids.find((n) => n.label === label);
    assert.ok(found, `${parent.label}: no ${label} in ${kids.map((n) => n.label).join(', ')}`);
    return found;
  };
  for (const m of members) await child(await child(m, 'shop'), 'web 3/3');
  const [member1, member2] = members;
  assert.ok((await child(await child(member1, 'shop'), 'web 3/3')).tooltip!.includes('managed by Karmada policy shop/web'));
  await child(await child(member2, 'payments'), 'ledger 1/2');
  for (const name of ['member1', 'member2', 'member3']) assert.ok(hostOnly.requestCounts.get(`${name} via Karmada host proxy`)! > 0, `requests for ${name} went by its route`);

  // Watches through the proxy: a namespace created on member1 (directly, with the full kubeconfig) shows up.
  const ns = `sl13-proxy-${process.pid}`;
  await clients.request('member1', { method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  t.after(() => clients.request('member1', { method: 'DELETE', path: `/api/v1/namespaces/${ns}` }).catch(() => undefined));
  await whenTrue((fire) => model.onDidChange(fire), async () => (await model.children(member1)).some((n) => n.label === ns), `${ns} to appear on member1 through the proxy's watch`);

  // Deploying to a member through its route: server-side apply lands on member1 itself.
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'through-proxy', namespace: ns }, data: { route: 'karmada' } };
  const [outcome] = await deployToClusters(hostOnly, new ResourceResolver(hostOnly), ['member1 via Karmada host proxy'], [configMap], { concurrency: 1, timeoutMs: 10_000, fieldManager: 'flotilla-test', fieldValidation: 'Strict' });
  assert.equal(outcome.cluster, 'member1 via Karmada host proxy');
  assert.ok(outcome.ok, outcome.summary);
  const landed = await clients.request<{ data?: Record<string, string> }>('member1', { path: `/api/v1/namespaces/${ns}/configmaps/through-proxy` });
  assert.deepEqual(landed.data, { route: 'karmada' });

  const missing = hostOnly.addRoute(karmadaProxyRoute('host', 'nosuch'));
  const error = await hostOnly.request(missing, { path: '/api/v1/namespaces' }).then(() => assert.fail('no member nosuch'), (err: unknown) => err as ClusterError);
  assert.ok(error instanceof ClusterError);
  assert.match(error.message, /^nosuch via Karmada host proxy \(control plane host, member nosuch\): /);
});

test('a user the control plane refuses clusters/proxy sees a 403 naming the route, the control plane and the member', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  // A ServiceAccount that may list the federations' clusters but not use Karmada's proxy.
  const name = `sl13-noproxy-${process.pid}`;
  await clients.request('host', { method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts', body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/default/serviceaccounts/${name}` }).catch(() => undefined));
  const read = ['get', 'list', 'watch'];
  await clients.request('host', { method: 'POST', path: `${rbac}/clusterroles`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [
    { apiGroups: ['cluster.karmada.io'], resources: ['clusters'], verbs: read },
    { apiGroups: ['cluster.open-cluster-management.io'], resources: ['managedclusters'], verbs: read },
    { apiGroups: ['core.kubefed.io'], resources: ['kubefedclusters'], verbs: read },
  ] } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `${rbac}/clusterroles/${name}` }).catch(() => undefined));
  await clients.request('host', { method: 'POST', path: `${rbac}/clusterrolebindings`, body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }] } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `${rbac}/clusterrolebindings/${name}` }).catch(() => undefined));
  const issued = await clients.request<{ status: { token: string } }>('host', {
    method: 'POST', path: `/api/v1/namespaces/default/serviceaccounts/${name}/token`, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
  });

  const file = hostOnlyKubeconfig(lab.kubeconfigPath);
  t.after(() => rmSync(join(file, '..'), { recursive: true, force: true }));
  const kc = parse(readFileSync(file, 'utf8')) as { contexts: { context: { user: string } }[]; users: { name: string; user: unknown }[] };
  kc.users = [{ name: kc.contexts[0].context.user, user: { token: issued.status.token } }];
  writeFileSync(file, stringify(kc));
  const limited = new ClusterClients(loadKubeconfigs([file]), { trusted: false });
  t.after(() => limited.dispose());
  const model = new ExplorerModel(limited, { timeoutMs: 10_000, concurrency: 8, coalesceMs: 50, watchBackoff: { initialMs: 60_000, maxMs: 60_000 } });
  t.after(() => model.dispose());
  const karmada = (await model.roots()).find((r) => r.label === 'Karmada on host');
  assert.ok(karmada, 'the limited user still sees the control plane');
  const member1 = (await model.children(karmada)).find((n) => n.label === 'member1')!;
  assert.equal(member1.context, 'member1 via Karmada host proxy');
  const [error] = await model.children(member1);
  t.diagnostic(error.label);
  assert.equal(error.kind, 'error');
  assert.match(error.label, /^member1: 403 forbidden: member1 via Karmada host proxy \(control plane host, member member1\): .*clusters\/proxy/);
  assert.match(error.label, /granted clusters\/proxy on host\)$/);
  assert.ok(!(error.label + error.tooltip).includes(issued.status.token.slice(-12)), 'no credential in what the tree shows');
});
