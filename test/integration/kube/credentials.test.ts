// Credentials from an exec plugin that stop working before the expiry the plugin announced (revoked,
// rotated) are fetched again once: the plugin runs again and the request is retried; when that still
// fails the error says so. The tokens are real ServiceAccount tokens of a lab member, bound to a Secret so
// that deleting the Secret revokes them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { ClusterClients } from '../../../core/kube/clients';
import { ClusterError } from '../../../core/kube/errors';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { labClients } from '../../support/labClients';

const account = `refresh-${process.pid}`;

async function boundToken(admin: ClusterClients, secret: string): Promise<string> {
  const created = await admin.request<{ metadata: { uid: string } }>('member1', {
    method: 'POST', path: '/api/v1/namespaces/default/secrets', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: 'default' } },
  });
  const request = await admin.request<{ status: { token: string } }>('member1', {
    method: 'POST', path: `/api/v1/namespaces/default/serviceaccounts/${account}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: secret, uid: created.metadata.uid } } },
  });
  return request.status.token;
}

/** Deletes the Secret the token is bound to, and returns once the member refuses the token. */
async function revoke(admin: ClusterClients, secret: string, token: string, server: string, ca: string): Promise<void> {
  await admin.request('member1', { method: 'DELETE', path: `/api/v1/namespaces/default/secrets/${secret}` });
  const { Agent } = await import('node:https');
  const agent = new Agent({ ca });
  // Token revocation has no event to wait on: ask until the member says 401, within a bound.
  for (let i = 0; i < 100; i++) {
    const status = await fetchStatus(`${server}/api/v1/namespaces`, token, agent);
    if (status === 401) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('the member still accepts the revoked token after 10 s');
}

async function fetchStatus(url: string, token: string, agent: import('node:https').Agent): Promise<number> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    request(url, { headers: { Authorization: `Bearer ${token}` }, agent }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
}

test('an exec-plugin token revoked mid-session is fetched again once, and the request retried', { timeout: 60_000 }, async () => {
  const { lab, clients: admin } = await labClients();
  await admin.request('member1', { method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts', body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account } } });
  await admin.request('member1', {
    method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: account }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flotilla-viewer' }, subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'default' }] },
  });
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-exec-'));
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await admin.request('member1', { method: 'DELETE', path: `/api/v1/namespaces/default/serviceaccounts/${account}` }).catch(() => undefined);
    await admin.request('member1', { method: 'DELETE', path: `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${account}` }).catch(() => undefined);
  });
  // The plugin prints whatever token the file holds, announcing an expiry an hour away, and counts its runs.
  const tokenFile = join(dir, 'token');
  const runs = join(dir, 'runs');
  const plugin = join(dir, 'plugin.sh');
  writeFileSync(plugin, `#!/bin/sh\necho run >> ${runs}\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat ${tokenFile})" "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"\n`, { mode: 0o755 });
  const member = lab.readInfo().clusters.find((c) => c.name === 'member1')!;
  const ca = Buffer.from(admin.config.clusters.get('member1')!.fields['certificate-authority-data'] as string, 'base64').toString();
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'exec',
    clusters: [{ name: 'member1', cluster: { server: member.server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } } }],
    contexts: [{ name: 'exec', context: { cluster: 'member1', user: 'plugin' } }],
  }));
  const runCount = () => readFileSync(runs, 'utf8').trim().split('\n').length;

  const first = await boundToken(admin, `${account}-1`);
  writeFileSync(tokenFile, first);
  const clients = new ClusterClients(loadKubeconfigs([kubeconfig]), { trusted: true });
  after(() => clients.dispose());
  await clients.request('exec', { path: '/api/v1/namespaces' });
  assert.equal(runCount(), 1);

  await revoke(admin, `${account}-1`, first, member.server, ca);
  writeFileSync(tokenFile, await boundToken(admin, `${account}-2`));
  const namespaces = await clients.request<{ items: unknown[] }>('exec', { path: '/api/v1/namespaces' });
  assert.ok(namespaces.items.length > 0);
  assert.equal(runCount(), 2, 'the plugin ran again after the 401');

  const second = readFileSync(tokenFile, 'utf8');
  await revoke(admin, `${account}-2`, second, member.server, ca);
  const refused = await clients.request('exec', { path: '/api/v1/namespaces' }).then(() => undefined, (error: unknown) => error);
  assert.ok(refused instanceof ClusterError);
  assert.equal(refused.kind, 'unauthorized');
  assert.match(refused.describe(), /^401 unauthorized \(expired or invalid credentials\): Unauthorized \(credentials refreshed and the request retried once\)$/);
  assert.equal(runCount(), 3, 'one more run, one retry: no loop');
  assert.doesNotMatch(refused.describe(), new RegExp(second.slice(0, 20)), 'no token in the message');

  const untrusted = new ClusterClients(loadKubeconfigs([kubeconfig]), { trusted: false });
  await assert.rejects(untrusted.request('exec', { path: '/api/v1/namespaces' }), /exec credentials need a trusted workspace/);
  assert.equal(runCount(), 3, 'an untrusted workspace never runs the plugin');
  untrusted.dispose();
});
