import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWeights, planKarmadaDeploy, replicaSchedulingFor, tolerationsFor } from '../../../core/karmada/policy';
import { ownedPolicies } from '../../../core/karmada/remove';
import type { KubeObject } from '../../../core/kube/watch';

const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } };
const web: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'app' }, spec: { replicas: 6 } };
const cfg: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } };

test('replica scheduling as Karmada spells it: Duplicated, static and dynamic weights, Aggregated', () => {
  assert.deepEqual(replicaSchedulingFor({ type: 'Duplicated' }), { replicaSchedulingType: 'Duplicated' });
  assert.deepEqual(replicaSchedulingFor({ type: 'DividedStatic', weights: { member2: 2, member1: 1 } }), {
    replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted',
    weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 1 }, { targetCluster: { clusterNames: ['member2'] }, weight: 2 }] },
  });
  assert.deepEqual(replicaSchedulingFor({ type: 'DividedDynamic' }), { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } });
  assert.deepEqual(replicaSchedulingFor({ type: 'Aggregated' }), { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' });
});

test('a generated plan: one policy per namespace over the picked members, Namespaces left to Karmada\'s own sync and not followed', () => {
  const plan = planKarmadaDeploy([ns, web, cfg], { members: ['member2', 'member1'], scheduling: { type: 'Duplicated' }, name: 'flotilla-web', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
  assert.equal(plan.policiesFromFile, false);
  assert.deepEqual(plan.templates.map((t) => [t.kind, t.metadata.namespace]), [['Namespace', undefined], ['Deployment', 'app'], ['ConfigMap', 'default']]);
  assert.deepEqual(plan.followed.map((t) => t.metadata.name), ['web', 'cfg']);
  assert.deepEqual(plan.policies.map((p) => [p.kind, p.metadata.namespace, p.metadata.name]), [['PropagationPolicy', 'app', 'flotilla-web'], ['PropagationPolicy', 'default', 'flotilla-web']]);
  assert.deepEqual(plan.policies[0].spec?.placement, {
    clusterAffinity: { clusterNames: ['member1', 'member2'] },
    clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
  });
});

test('the file\'s own policy is used as is, and only what it selects is followed', () => {
  const policy: KubeObject = { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'p', namespace: 'app' }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] } };
  const other: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'other', namespace: 'app' } };
  const plan = planKarmadaDeploy([ns, web, other, policy]);
  assert.ok(plan.policiesFromFile);
  assert.deepEqual(plan.policies, [policy]);
  assert.deepEqual(plan.followed.map((t) => t.metadata.name), ['web']);
  assert.throws(() => planKarmadaDeploy([web]), /no PropagationPolicy/);
});

test('picking a tainted member tolerates its NoSchedule taints; unpicked members\' taints are not tolerated', () => {
  const clusters: KubeObject[] = [
    { metadata: { name: 'member3' }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'maintenance', effect: 'NoExecute' }] } },
    { metadata: { name: 'member4' }, spec: { taints: [{ key: 'other', value: 'x', effect: 'NoSchedule' }] } },
  ];
  assert.deepEqual(tolerationsFor(clusters, ['member1', 'member3']), [
    { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    { key: 'maintenance', operator: 'Exists', effect: 'NoExecute' },
  ]);
});

test('deleting templates removes the policy that placed them only when it selects nothing else', () => {
  const policy = (name: string, names: string[]): KubeObject => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name, namespace: 'app' }, spec: { resourceSelectors: names.map((n) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: n })) } });
  const bound = (policyName: string): KubeObject => ({ metadata: { name: 'web-deployment', namespace: 'app', annotations: { 'propagationpolicy.karmada.io/name': policyName, 'propagationpolicy.karmada.io/namespace': 'app' } } });
  assert.deepEqual(ownedPolicies([bound('only-web')], [policy('only-web', ['web'])], [web]).map((p) => p.metadata.name), ['only-web']);
  assert.deepEqual(ownedPolicies([bound('shared')], [policy('shared', ['web', 'api'])], [web]), []);
});

test('static weights are read as member=weight for every picked member', () => {
  assert.deepEqual(parseWeights('member1=1, member2 = 2', ['member1', 'member2']), { member1: 1, member2: 2 });
  assert.equal(parseWeights('member1=1', ['member1', 'member2']), undefined, 'a member without weight');
  assert.equal(parseWeights('member1=0, member2=1', ['member1', 'member2']), undefined, 'zero weight');
  assert.equal(parseWeights('member9=1, member1=1, member2=1', ['member1', 'member2']), undefined, 'not a picked member');
});
