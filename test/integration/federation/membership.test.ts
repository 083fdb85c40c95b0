// Membership through the real control planes, on the lab's spare cluster (the only one whose membership
// tests may change): join it to Karmada and see karmada-controller-manager call it Ready, unjoin it and see
// every object go; accept it in OCM and see the registration controller call it Joined and Available,
// detach it and see it pending again. Every test leaves spare1 as the lab made it: not in Karmada,
// registered with OCM but not accepted, one unapproved CSR.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AccessDenied, describeOutcome, describePlan } from '../../../core/kube/changePlan';
import { ClusterClients } from '../../../core/kube/clients';
import { ClusterError } from '../../../core/kube/errors';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import type { KubeObject } from '../../../core/kube/watch';
import { CLUSTER_NAMESPACE, CLUSTERS_PATH } from '../../../core/karmada/joinPlan';
import { executeJoin, executeUnjoin, prepareJoin, prepareUnjoin } from '../../../core/karmada/membership';
import { CSRS_PATH, MANAGED_CLUSTERS_PATH } from '../../../core/ocm/acceptPlan';
import { executeAccept, executeDetach, prepareAccept, prepareDetach } from '../../../core/ocm/membership';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { condition, watchUntil } from '../../support/watchUntil';

const SPARE = 'spare1';
const options = { timeoutMs: 10_000 };

async function exists(clients: ClusterClients, cluster: string, path: string): Promise<boolean> {
  try {
    await clients.request(cluster, { path });
    return true;
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') return false;
    throw err;
  }
}

/** Unjoins spare1 if a failed run left it joined, so that every test starts and ends from the lab's state. */
async function ensureNotJoined(clients: ClusterClients): Promise<void> {
  if (!(await exists(clients, 'host', `${CLUSTERS_PATH}/${SPARE}`))) return;
  const prep = await prepareUnjoin(clients, { controlPlane: 'host', clusterName: SPARE, member: SPARE }, options);
  await executeUnjoin(clients, prep, options);
}

test('join spare1 to Karmada: the plan is what karmadactl creates, the Cluster becomes Ready; unjoin removes it from both sides', { timeout: 240_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  await ensureNotJoined(clients);
  t.after(() => ensureNotJoined(clients));

  const started = Date.now();
  const prep = await prepareJoin(clients, { controlPlane: 'host', member: SPARE, clusterName: SPARE }, options);
  assert.deepEqual(prep.plan.map((c) => `${c.cluster} ${c.action} ${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`), [
    'spare1 create Namespace karmada-cluster',
    'spare1 create ServiceAccount karmada-cluster/karmada-impersonator',
    'spare1 create Secret karmada-cluster/karmada-impersonator',
    'spare1 create ServiceAccount karmada-cluster/karmada-spare1',
    'spare1 create ClusterRole karmada-controller-manager:karmada-spare1',
    'spare1 create ClusterRoleBinding karmada-controller-manager:karmada-spare1',
    'spare1 create Secret karmada-cluster/karmada-spare1',
    'host create Namespace karmada-cluster',
    'host create Secret karmada-cluster/spare1-impersonator',
    'host create Secret karmada-cluster/spare1',
    'host create Cluster spare1',
    'host update Secret karmada-cluster/spare1-impersonator',
    'host update Secret karmada-cluster/spare1',
  ]);
  const kubeSystem = await clients.request<KubeObject>(SPARE, { path: '/api/v1/namespaces/kube-system' });
  assert.equal(prep.cluster.spec?.id, kubeSystem.metadata.uid, 'the Cluster ID is the member kube-system UID, as karmadactl');
  assert.equal(prep.cluster.spec?.apiEndpoint, lab.readInfo().clusters.find((c) => c.name === SPARE)!.server);

  const reported: string[] = [];
  const messages: string[] = [...describePlan(prep.plan)];
  const joined = await executeJoin(clients, prep, {
    ...options,
    onOutcome: (o) => {
      reported.push(`${o.change.cluster} ${o.change.kind} ${o.change.name}: ${o.result}`);
      messages.push(describeOutcome(o));
    },
    onStatus: (s) => messages.push(s),
  });
  messages.push(joined.final);
  assert.ok(joined.ok, joined.final + '\n' + joined.outcomes.map((o) => `${o.change.name}: ${o.result} ${o.detail ?? ''}`).join('\n'));
  assert.equal(reported.length, prep.plan.length, 'one report per object, as it happens');
  assert.deepEqual(joined.outcomes.map((o) => o.result), ['created', 'created', 'created', 'created', 'created', 'created', 'created', 'exists', 'created', 'created', 'created', 'updated', 'updated'],
    'the host already has karmada-cluster (the lab members use it); everything else is new');
  assert.match(joined.final, /^Cluster spare1: Ready=True/);
  t.diagnostic(`join to Ready: ${Date.now() - started} ms`);

  // Karmada's own controllers take it from here: the Cluster is Ready by its status controller, which
  // reaches the member with the token Flotilla put in the Secret, and the execution namespace exists.
  const cluster = await clients.request<KubeObject>('host', { path: `${CLUSTERS_PATH}/${SPARE}` });
  assert.equal(condition(cluster, 'Ready'), 'True');
  assert.match(String(cluster.status?.kubernetesVersion), /^v1\./, 'the status controller read the member version');
  const secret = await clients.request<KubeObject>('host', { path: `/api/v1/namespaces/${CLUSTER_NAMESPACE}/secrets/${SPARE}` });
  assert.deepEqual((secret.metadata.ownerReferences as { kind: string; name: string }[]).map((o) => `${o.kind}/${o.name}`), ['Cluster/spare1']);
  assert.ok(await exists(clients, 'host', '/api/v1/namespaces/karmada-es-spare1'), 'the execution namespace');
  // The tokens Flotilla carried from the member to the control plane appear in no message it produced.
  const token = await clients.request<{ data: { token: string } }>(SPARE, { path: `/api/v1/namespaces/${CLUSTER_NAMESPACE}/secrets/karmada-${SPARE}` });
  const decoded = Buffer.from(token.data.token, 'base64').toString();
  for (const m of messages) {
    assert.ok(!m.includes(token.data.token) && !m.includes(decoded) && !m.includes(decoded.split('.')[1]), `no token in: ${m}`);
  }
  assert.ok(messages.length > prep.plan.length * 2, 'the plan, every outcome and the Cluster status were all checked');
  const memberRole = await clients.request<KubeObject>(SPARE, { path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/karmada-controller-manager:karmada-spare1' });
  assert.equal(memberRole.metadata.labels?.['karmada.io/system'], 'true');

  const unjoinStarted = Date.now();
  const unprep = await prepareUnjoin(clients, { controlPlane: 'host', clusterName: SPARE, member: SPARE }, options);
  const unjoined = await executeUnjoin(clients, unprep, options);
  assert.ok(unjoined.ok, unjoined.final);
  assert.deepEqual(unjoined.outcomes.map((o) => `${o.change.kind}: ${o.result}`), [
    'Cluster: deleted',
    // Owned by the Cluster: Karmada's garbage collector may have removed them first.
    ...unjoined.outcomes.slice(1, 3).map((o) => `Secret: ${o.result}`),
    'ClusterRoleBinding: deleted', 'ClusterRole: deleted', 'ServiceAccount: deleted', 'Namespace: deleted',
  ]);
  t.diagnostic(`unjoin: ${Date.now() - unjoinStarted} ms`);
  assert.equal(await exists(clients, 'host', `${CLUSTERS_PATH}/${SPARE}`), false);
  for (const name of [SPARE, `${SPARE}-impersonator`]) {
    assert.equal(await exists(clients, 'host', `/api/v1/namespaces/${CLUSTER_NAMESPACE}/secrets/${name}`), false, `host Secret ${name}`);
  }
  assert.equal(await exists(clients, SPARE, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/karmada-controller-manager:karmada-spare1'), false);
  await watchUntil(clients, SPARE, '/api/v1/namespaces', (items) => !items.some((n) => n.metadata.name === CLUSTER_NAMESPACE), 'karmada-cluster to leave spare1');
  await watchUntil(clients, 'host', '/api/v1/namespaces', (items) => !items.some((n) => n.metadata.name === 'karmada-es-spare1'), 'the execution namespace to go');
  assert.ok(await exists(clients, 'host', `/api/v1/namespaces/${CLUSTER_NAMESPACE}`), 'the host keeps karmada-cluster: the other members live there');
});

test('join with a read-only control plane context: 403 named before anything is created', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const before = await clients.request<{ items: KubeObject[] }>(SPARE, { path: '/api/v1/namespaces' });
  await assert.rejects(prepareJoin(clients, { controlPlane: 'host-viewer', member: SPARE, clusterName: SPARE }, options), (err: unknown) => {
    assert.ok(err instanceof AccessDenied, String(err));
    const viewer = err.checks.find((c) => c.cluster === 'host-viewer')!;
    assert.equal(viewer.allowed, false);
    assert.ok(viewer.denied.includes('cannot create clusters.cluster.karmada.io'), viewer.denied.join('; '));
    assert.ok(viewer.denied.includes('cannot create secrets in karmada-cluster'), viewer.denied.join('; '));
    assert.equal(err.checks.find((c) => c.cluster === SPARE)?.allowed, true, 'the member side is allowed');
    assert.match(err.message, /nothing was changed.*host-viewer: cannot/);
    return true;
  });
  const afterwards = await clients.request<{ items: KubeObject[] }>(SPARE, { path: '/api/v1/namespaces' });
  assert.deepEqual(afterwards.items.map((n) => n.metadata.name), before.items.map((n) => n.metadata.name), 'nothing created on the member');
  assert.equal(await exists(clients, 'host', `${CLUSTERS_PATH}/${SPARE}`), false);
});

test('join of an unreachable cluster fails naming it before anything is created on the control plane', { timeout: 60_000 }, async (t) => {
  const { lab, clients: labOnly } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-membership-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config',
    `clusters: [{name: gone-spare, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
    'users: [{name: gone-spare, user: {token: not-a-real-token}}]',
    'contexts: [{name: gone-spare, context: {cluster: gone-spare, user: gone-spare}}]',
  ].join('\n'));
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfigPath, file]), { trusted: true });
  after(() => clients.dispose());
  const clustersBefore = await labOnly.request<{ items: KubeObject[] }>('host', { path: CLUSTERS_PATH });
  await assert.rejects(prepareJoin(clients, { controlPlane: 'host', member: 'gone-spare', clusterName: 'gone-spare' }, options), (err: unknown) => {
    assert.ok(err instanceof ClusterError, String(err));
    assert.equal(err.kind, 'unreachable');
    assert.match(err.message, new RegExp(`^gone-spare \\(the cluster to join\\): unreachable \\(.*ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(err.message, /not-a-real-token/);
    return true;
  });
  const clustersAfter = await labOnly.request<{ items: KubeObject[] }>('host', { path: CLUSTERS_PATH });
  assert.deepEqual(clustersAfter.items.map((c) => c.metadata.name), clustersBefore.items.map((c) => c.metadata.name));
  assert.equal(await exists(labOnly, 'host', `/api/v1/namespaces/${CLUSTER_NAMESPACE}/secrets/gone-spare`), false);
});

type Csr = KubeObject & { status?: { conditions?: { type: string }[] } };
const spareCsrs = async (clients: ClusterClients) =>
  (await clients.request<{ items: Csr[] }>('host', { path: CSRS_PATH, query: { labelSelector: `open-cluster-management.io/cluster-name=${SPARE}` } })).items;
const isPending = (c: Csr) => !c.status?.conditions?.length;

/**
 * Puts spare1 back as the lab made it: registered, not accepted, its only CSRs unapproved. The lab's agent
 * asked with its bootstrap identity once, at start; having got a certificate it never asks that way again
 * (and any CSR it makes while accepted, the hub approves as a renewal). So after detaching, the approved
 * CSRs go and the agent's original requests are sent again by the same bootstrap ServiceAccount.
 */
async function returnSpareToPending(clients: ClusterClients, requests: Csr[], kubeconfigDir: string): Promise<void> {
  const cluster = await clients.request<KubeObject>('host', { path: `${MANAGED_CLUSTERS_PATH}/${SPARE}` });
  if (cluster.spec?.hubAcceptsClient === true) {
    const prep = await prepareDetach(clients, 'host', SPARE, 'deny', options);
    const detached = await executeDetach(clients, prep, options);
    assert.ok(detached.ok, detached.final);
  }
  const csrs = await spareCsrs(clients);
  for (const csr of csrs) {
    if (!isPending(csr)) await clients.request('host', { method: 'DELETE', path: `${CSRS_PATH}/${csr.metadata.name}` });
  }
  if (csrs.some(isPending)) return;
  for (const csr of requests) await sendAsRequester(clients, csr, kubeconfigDir);
}

/** Creates a copy of a CSR as the ServiceAccount that made it (a token from the TokenRequest API). */
async function sendAsRequester(clients: ClusterClients, csr: Csr, dir: string): Promise<void> {
  const [, , namespace, account] = String(csr.spec?.username).split(':');
  const token = await clients.request<{ status: { token: string } }>('host', {
    method: 'POST', path: `/api/v1/namespaces/${namespace}/serviceaccounts/${account}/token`,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
  });
  const host = clients.config.clusters.get(clients.context('host')!.cluster)!.fields;
  const file = join(dir, 'requester.kubeconfig');
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'requester',
    clusters: [{ name: 'host', cluster: { server: host.server, 'certificate-authority-data': host['certificate-authority-data'] } }],
    users: [{ name: 'requester', user: { token: token.status.token } }],
    contexts: [{ name: 'requester', context: { cluster: 'host', user: 'requester' } }],
  }));
  const requester = new ClusterClients(loadKubeconfigs([file]), { trusted: true });
  try {
    await requester.request('requester', {
      method: 'POST', path: CSRS_PATH,
      body: {
        apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest',
        metadata: { generateName: `${SPARE}-`, labels: csr.metadata.labels },
        spec: { request: csr.spec?.request, signerName: csr.spec?.signerName, usages: csr.spec?.usages },
      },
    });
  } finally {
    requester.dispose();
    rmSync(file, { force: true });
  }
}

async function assertSparePending(clients: ClusterClients): Promise<void> {
  const cluster = await clients.request<KubeObject>('host', { path: `${MANAGED_CLUSTERS_PATH}/${SPARE}` });
  assert.equal(cluster.spec?.hubAcceptsClient ?? false, false, 'spare1 is not accepted');
  const csrs = await spareCsrs(clients);
  assert.ok(csrs.length > 0 && csrs.every(isPending), `spare1 has only unapproved CSRs: ${csrs.map((c) => `${c.metadata.name} ${JSON.stringify(c.status?.conditions ?? [])}`).join(', ')}`);
}

test('accept spare1 on the OCM hub: its CSR approved and hubAcceptsClient set, Joined and Available by the registration controller; detach denies it again', { timeout: 240_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  await assertSparePending(clients);
  const requests = (await spareCsrs(clients)).filter(isPending);
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-ocm-'));
  t.after(async () => {
    await returnSpareToPending(clients, requests, dir);
    rmSync(dir, { recursive: true, force: true });
    await assertSparePending(clients);
  });

  const pending = requests.map((c) => c.metadata.name);
  const started = Date.now();
  const prep = await prepareAccept(clients, 'host', SPARE, options);
  assert.deepEqual(prep.plan.map((c) => `${c.action} ${c.kind} ${c.name}`), [
    ...pending.map((name) => `approve CertificateSigningRequest ${name}`),
    'update ManagedCluster spare1',
  ]);
  const statuses: string[] = [];
  const accepted = await executeAccept(clients, prep, { ...options, onStatus: (s) => statuses.push(s) });
  assert.ok(accepted.ok, accepted.final);
  assert.deepEqual(accepted.outcomes.map((o) => o.result), [...pending.map(() => 'approved'), 'updated']);
  assert.match(accepted.final, /HubAcceptedManagedCluster=True.*ManagedClusterJoined=True.*ManagedClusterConditionAvailable=True/);
  t.diagnostic(`accept to Available: ${Date.now() - started} ms; statuses seen: ${[...new Set(statuses)].join(' | ')}`);
  const csrs = await spareCsrs(clients);
  for (const name of pending) {
    assert.ok(csrs.find((c) => c.metadata.name === name)?.status?.conditions?.some((c) => c.type === 'Approved'), `CSR ${name} approved through the approval subresource`);
  }
  const cluster = await clients.request<KubeObject>('host', { path: `${MANAGED_CLUSTERS_PATH}/${SPARE}` });
  assert.equal(cluster.spec?.hubAcceptsClient, true);

  // Accepting again has nothing to do, and says so instead of pretending.
  await assert.rejects(prepareAccept(clients, 'host', SPARE, options), /already accepted on host and has no pending certificate request/);

  const detachStarted = Date.now();
  const detach = await prepareDetach(clients, 'host', SPARE, 'deny', options);
  assert.deepEqual(detach.plan.map((c) => `${c.action} ${c.kind} ${c.name}`), ['update ManagedCluster spare1']);
  const detached = await executeDetach(clients, detach, options);
  assert.ok(detached.ok, detached.final);
  assert.match(detached.final, /HubAcceptedManagedCluster=False \(HubClusterAdminDenied\)/);
  t.diagnostic(`detach to denied: ${Date.now() - detachStarted} ms`);
  const denied = await clients.request<KubeObject>('host', { path: `${MANAGED_CLUSTERS_PATH}/${SPARE}` });
  assert.equal(denied.spec?.hubAcceptsClient, false);
  const role = await clients.request<{ rules: { resources: string[]; verbs: string[] }[] }>('host', { path: `/apis/rbac.authorization.k8s.io/v1/clusterroles/open-cluster-management:managedcluster:${SPARE}` });
  assert.ok(role.rules.every((r) => !r.verbs.includes('update') && !r.verbs.includes('create')), 'the hub left the agent read access to its ManagedCluster only');
  await assert.rejects(prepareDetach(clients, 'host', SPARE, 'deny', options), /spare1 is not accepted; nothing to detach/);
});

test('accept and detach with the read-only hub context: 403 reported before anything changes', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  await assert.rejects(prepareAccept(clients, 'host-viewer', SPARE, options), (err: unknown) => {
    assert.ok(err instanceof AccessDenied, String(err));
    assert.match(err.message, /host-viewer: cannot update certificatesigningrequests\.certificates\.k8s\.io\/approval/);
    assert.match(err.message, /cannot update managedclusters\.cluster\.open-cluster-management\.io spare1/);
    return true;
  });
  await assert.rejects(prepareDetach(clients, 'host-viewer', 'member1', 'deny', options), /host-viewer: cannot update managedclusters\.cluster\.open-cluster-management\.io member1/);
  await assertSparePending(clients);
});

/** A loopback port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
