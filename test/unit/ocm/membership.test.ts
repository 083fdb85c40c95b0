// Accept and detach plans, read purely, on CSRs and ManagedClusters shaped as OCM v1.3's registration
// agent and hub write them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterClients } from '../../../core/kube/clients';
import { memberNode } from '../../../core/kube/clusterNodes';
import type { Federation, FederationMember } from '../../../core/kube/discovery';
import type { ExplorerNode } from '../../../core/kube/explorerNode';
import type { KubeObject } from '../../../core/kube/watch';
import { csrOf, isRegistrationRequest, planAccept, planDetach } from '../../../core/ocm/acceptPlan';
import { conditionsText } from '../../../core/ocm/membership';

function csr(name: string, username: string, conditions: string[] = [], cluster = 'spare1', groups: string[] = []): KubeObject {
  return {
    metadata: { name, labels: { 'open-cluster-management.io/cluster-name': cluster } },
    spec: { username, groups, signerName: 'kubernetes.io/kube-apiserver-client' },
    status: { conditions: conditions.map((type) => ({ type, status: 'True' })) },
  };
}
const bootstrap = 'system:serviceaccount:open-cluster-management:agent-registration-bootstrap';
const bootstrapGroups = ['system:serviceaccounts', 'system:serviceaccounts:open-cluster-management', 'system:authenticated'];
const pendingCluster: KubeObject = { metadata: { name: 'spare1' }, spec: { hubAcceptsClient: false } };
const acceptedCluster: KubeObject = { metadata: { name: 'spare1' }, spec: { hubAcceptsClient: true } };

test('accept: approve each pending CSR of the cluster made by a bootstrap identity, then set hubAcceptsClient', () => {
  const planned = planAccept({
    hub: 'hub', clusterName: 'spare1', managedCluster: pendingCluster,
    csrs: [csr('spare1-a', bootstrap, [], 'spare1', bootstrapGroups), csr('spare1-b', 'system:bootstrap:abcdef'), csr('other-c', bootstrap, [], 'other', bootstrapGroups)],
  });
  assert.equal(planned.problem, undefined);
  assert.deepEqual(planned.changes.map((c) => `${c.action} ${c.kind} ${c.name}`), [
    'approve CertificateSigningRequest spare1-a', 'approve CertificateSigningRequest spare1-b', 'update ManagedCluster spare1',
  ]);
  assert.deepEqual(planned.changes[0].access.map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name ?? ''}`.trim()), [
    'update certificatesigningrequests/approval', 'approve signers kubernetes.io/kube-apiserver-client',
  ]);
  assert.ok(planned.changes[2].access.some((a) => a.group === 'register.open-cluster-management.io' && a.subresource === 'accept'), "the OCM webhook's own check");
});

test('accept leaves alone a CSR labelled for the cluster by someone else, and says so', () => {
  const planned = planAccept({
    hub: 'hub', clusterName: 'spare1', managedCluster: pendingCluster,
    csrs: [csr('spare1-a', bootstrap, [], 'spare1', bootstrapGroups), csr('spare1-evil', 'alice')],
  });
  assert.deepEqual(planned.changes.map((c) => c.name), ['spare1-a', 'spare1']);
  assert.deepEqual(planned.ignored, ["spare1-evil: requested by alice, not a bootstrap identity nor spare1's agent"]);
});

test("the agent's own renewal CSR counts; an approved one needs no approval; a denied one stops accept", () => {
  const renewal = csr('spare1-r', 'system:open-cluster-management:spare1:spare1-agent');
  assert.ok(isRegistrationRequest(renewal, 'spare1'));
  assert.ok(!isRegistrationRequest(renewal, 'spare2'), "another cluster's agent does not count");
  const approvedOnly = planAccept({ hub: 'hub', clusterName: 'spare1', managedCluster: pendingCluster, csrs: [csr('spare1-a', bootstrap, ['Approved'], 'spare1', bootstrapGroups)] });
  assert.deepEqual(approvedOnly.changes.map((c) => c.kind), ['ManagedCluster'], 'a denied-then-accepted-again cluster still holds its certificate');
  const denied = planAccept({ hub: 'hub', clusterName: 'spare1', managedCluster: pendingCluster, csrs: [csr('spare1-d', bootstrap, ['Denied'], 'spare1', bootstrapGroups)] });
  assert.match(denied.problem!, /spare1-d of spare1 was denied/);
  assert.equal(csrOf(csr('x', bootstrap, ['Approved'])).state, 'approved');
});

test('nothing to accept: no CSR from the agent, or already accepted with none pending', () => {
  assert.match(planAccept({ hub: 'hub', clusterName: 'spare1', managedCluster: pendingCluster, csrs: [] }).problem!, /no certificate request from spare1's registration agent to approve on hub/);
  const again = planAccept({ hub: 'hub', clusterName: 'spare1', managedCluster: acceptedCluster, csrs: [csr('spare1-a', bootstrap, ['Approved'], 'spare1', bootstrapGroups)] });
  assert.match(again.problem!, /already accepted on hub/);
});

test('detach: deny sets hubAcceptsClient false; remove deletes the ManagedCluster too; a cluster not accepted has nothing to deny', () => {
  assert.deepEqual(planDetach('hub', 'spare1', acceptedCluster, 'deny').map((c) => `${c.action} ${c.kind}`), ['update ManagedCluster']);
  assert.deepEqual(planDetach('hub', 'spare1', acceptedCluster, 'remove').map((c) => `${c.action} ${c.kind}`), ['update ManagedCluster', 'delete ManagedCluster']);
  assert.deepEqual(planDetach('hub', 'spare1', pendingCluster, 'deny'), []);
  assert.deepEqual(planDetach('hub', 'spare1', pendingCluster, 'remove').map((c) => c.action), ['delete']);
});

test('conditions as the hub reports them', () => {
  const cluster: KubeObject = {
    metadata: { name: 'spare1' },
    status: { conditions: [{ type: 'HubAcceptedManagedCluster', status: 'True', reason: 'HubClusterAdminAccepted' }, { type: 'ManagedClusterJoined', status: 'True' }] },
  };
  assert.equal(conditionsText(cluster), 'HubAcceptedManagedCluster=True (HubClusterAdminAccepted), ManagedClusterJoined=True, ManagedClusterConditionAvailable=none');
  assert.equal(conditionsText(undefined), 'ManagedCluster not found');
});

test('the Federation view shows a registered, not accepted OCM cluster as pending, with the row kind Accept is offered on', () => {
  const config = {
    files: ['k'], contexts: [{ name: 'spare1', cluster: 'c', user: 'u', file: 'k', server: 'https://s:1', usesExec: false }],
    clusters: new Map([['c', { name: 'c', fields: { server: 'https://s:1' }, file: 'k' }]]), users: new Map([['u', { name: 'u', fields: { token: 'x' }, file: 'k' }]]), fileProblems: [],
  };
  const clients = new ClusterClients(config);
  const hub: ExplorerNode = { id: 'fed/OCM/host', kind: 'federation', label: 'OCM on host', icon: 'federation', contextValue: 'federation.OCM', collapsible: true, context: 'host' };
  const member = (accepted: boolean): FederationMember => ({
    name: 'spare1', context: 'spare1', server: 'https://s:1', health: accepted ? 'healthy' : 'degraded', healthDetail: '', labels: {}, taints: [],
    object: { metadata: { name: 'spare1' }, spec: { hubAcceptsClient: accepted } },
  });
  const federation = (accepted: boolean): Federation => ({ kind: 'OCM', context: 'host', server: 'https://h', members: [member(accepted)] });
  const pending = memberNode(hub, federation(false), member(false), clients, undefined);
  assert.equal(pending.contextValue, 'member.ocm.pending');
  assert.equal(pending.description, 'pending acceptance');
  assert.equal(pending.icon, 'unknown', 'whatever conditions an earlier acceptance left');
  assert.match(pending.tooltip!, /not accepted/);
  const accepted = memberNode(hub, federation(true), member(true), clients, undefined);
  assert.equal(accepted.contextValue, 'member.ocm');
  assert.equal(accepted.description, 'Ready');
  const karmada = memberNode(hub, { ...federation(true), kind: 'Karmada' }, { ...member(true), object: { metadata: { name: 'spare1' } } }, clients, undefined);
  assert.equal(karmada.contextValue, 'member.karmada', 'pending is an OCM notion only');
});
