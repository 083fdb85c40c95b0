// Join and unjoin plans, read purely: the objects karmadactl v1.18 creates and deletes, on which side,
// in which order, and the permissions the access check asks for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAccess } from '../../../core/kube/accessReview';
import { describePlan, runChanges, type PlannedChange } from '../../../core/kube/changePlan';
import { clusterNameFor, clusterObject, invalidClusterName, planJoin, planUnjoin, registrationConflict } from '../../../core/karmada/joinPlan';
import { collectionOf } from '../../../core/karmada/membership';
import type { KubeObject } from '../../../core/kube/watch';

const line = (c: PlannedChange) => `${c.cluster} ${c.action} ${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;

test('join: member credentials first (namespace, two ServiceAccounts with token Secrets, ClusterRole and binding), then the control plane Secrets, the Cluster, and its ownership of the Secrets', () => {
  const plan = planJoin({ controlPlane: 'karmada', member: 'kind-east', clusterName: 'east' });
  assert.deepEqual(plan.map(line), [
    'kind-east create Namespace karmada-cluster',
    'kind-east create ServiceAccount karmada-cluster/karmada-impersonator',
    'kind-east create Secret karmada-cluster/karmada-impersonator',
    'kind-east create ServiceAccount karmada-cluster/karmada-east',
    'kind-east create ClusterRole karmada-controller-manager:karmada-east',
    'kind-east create ClusterRoleBinding karmada-controller-manager:karmada-east',
    'kind-east create Secret karmada-cluster/karmada-east',
    'karmada create Namespace karmada-cluster',
    'karmada create Secret karmada-cluster/east-impersonator',
    'karmada create Secret karmada-cluster/east',
    'karmada create Cluster east',
    'karmada update Secret karmada-cluster/east-impersonator',
    'karmada update Secret karmada-cluster/east',
  ]);
  assert.ok(plan.every((c) => c.access.length > 0), 'every change says what it needs');
  const planeAccess = plan.filter((c) => c.cluster === 'karmada').flatMap((c) => c.access).map(describeAccess);
  assert.ok(planeAccess.includes('cannot create clusters.cluster.karmada.io'));
  assert.ok(planeAccess.includes('cannot patch secrets in karmada-cluster'));
  assert.ok(planeAccess.includes('cannot watch clusters.cluster.karmada.io'), 'following the Cluster to Ready');
  const memberAccess = plan.filter((c) => c.cluster === 'kind-east').flatMap((c) => c.access).map(describeAccess);
  assert.ok(memberAccess.includes('cannot create clusterroles.rbac.authorization.k8s.io'));
  assert.ok(memberAccess.includes('cannot watch secrets in karmada-cluster'), 'following the token Secret until it is filled');
  assert.match(describePlan(plan)[0], /^kind-east \(cluster to join\): create Namespace karmada-cluster/);
});

test('unjoin: the Cluster (and the Secrets it owns) on the control plane, then RBAC, ServiceAccount and namespace on the member; never the control plane namespace', () => {
  assert.deepEqual(planUnjoin({ controlPlane: 'karmada', clusterName: 'east', member: 'kind-east' }).map(line), [
    'karmada delete Cluster east',
    'karmada delete Secret karmada-cluster/east',
    'karmada delete Secret karmada-cluster/east-impersonator',
    'kind-east delete ClusterRoleBinding karmada-controller-manager:karmada-east',
    'kind-east delete ClusterRole karmada-controller-manager:karmada-east',
    'kind-east delete ServiceAccount karmada-cluster/karmada-east',
    'kind-east delete Namespace karmada-cluster',
  ]);
  const planeOnly = planUnjoin({ controlPlane: 'karmada', clusterName: 'east' });
  assert.deepEqual(planeOnly.map((c) => c.cluster), ['karmada', 'karmada', 'karmada'], 'without a member context only the control plane changes');
  assert.deepEqual(planeOnly[0].access.map(describeAccess), ['cannot delete clusters.cluster.karmada.io east', 'cannot list clusters.cluster.karmada.io', 'cannot watch clusters.cluster.karmada.io'], 'and follow it until it is gone');
});

test('the Cluster object: Push mode, ID, endpoint, both secret references; optional fields only when given', () => {
  const bare = clusterObject({ name: 'east', id: 'uid-1', apiEndpoint: 'https://10.0.0.1:6443' });
  assert.deepEqual(bare.spec, {
    id: 'uid-1', syncMode: 'Push', apiEndpoint: 'https://10.0.0.1:6443',
    secretRef: { namespace: 'karmada-cluster', name: 'east' },
    impersonatorSecretRef: { namespace: 'karmada-cluster', name: 'east-impersonator' },
  });
  const full = clusterObject({ name: 'east', id: 'u', apiEndpoint: 'https://x', insecureSkipTLSVerification: true, proxyURL: 'http://proxy:3128', provider: 'aws', region: 'us-east-1', zones: ['a'] });
  assert.equal(full.spec?.insecureSkipTLSVerification, true);
  assert.equal(full.spec?.proxyURL, 'http://proxy:3128');
  assert.deepEqual([full.spec?.provider, full.spec?.region, full.spec?.zones], ['aws', 'us-east-1', ['a']]);
});

test('a name or ID already registered is refused, as RegisterOption.Validate does', () => {
  const existing: KubeObject[] = [{ metadata: { name: 'member1' }, spec: { id: 'uid-1' } }];
  assert.equal(registrationConflict(existing, 'member1', 'uid-2'), 'a Cluster named member1 is already registered');
  assert.match(registrationConflict(existing, 'other', 'uid-1')!, /already registered as member1/);
  assert.equal(registrationConflict(existing, 'spare1', 'uid-3'), undefined);
});

test('cluster names: a DNS label from the context name; invalid ones say why', () => {
  assert.equal(clusterNameFor('kind-East_1'), 'kind-east-1');
  assert.equal(clusterNameFor('arn:aws:eks:us-east-1:1234:cluster/prod'), 'arn-aws-eks-us-east-1-1234-cluster-prod');
  assert.equal(clusterNameFor('___'), 'member');
  assert.equal(invalidClusterName('spare1'), undefined);
  assert.match(invalidClusterName('Spare_1')!, /not a DNS label/);
  assert.match(invalidClusterName('a'.repeat(49))!, /longer than 48/);
});

test('collections of planned objects', () => {
  assert.equal(collectionOf({ kind: 'Secret', namespace: 'karmada-cluster' }), '/api/v1/namespaces/karmada-cluster/secrets');
  assert.equal(collectionOf({ kind: 'Cluster' }), '/apis/cluster.karmada.io/v1alpha1/clusters');
  assert.equal(collectionOf({ kind: 'ClusterRoleBinding' }), '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings');
});

test('running a plan: one outcome per change as it happens; after a failure the rest is skipped, not attempted', async () => {
  const plan = planJoin({ controlPlane: 'karmada', member: 'kind-east', clusterName: 'east' }).slice(0, 4);
  const attempted: string[] = [];
  const reported: string[] = [];
  const run = await runChanges(plan, { onOutcome: (o) => reported.push(`${o.change.kind}:${o.result}`) }, async (c) => {
    attempted.push(c.kind);
    if (c.kind === 'Secret') throw new Error('token never filled');
    return { result: 'created' };
  }, (c, err) => `${c.cluster}: ${(err as Error).message}`);
  assert.equal(run.ok, false);
  assert.deepEqual(attempted, ['Namespace', 'ServiceAccount', 'Secret']);
  assert.deepEqual(reported, ['Namespace:created', 'ServiceAccount:created', 'Secret:failed', 'ServiceAccount:skipped']);
  assert.equal(run.outcomes[2].detail, 'kind-east: token never filled');
});
