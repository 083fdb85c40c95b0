import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leftOut } from '../../../core/karmada/follow';
import { planKarmadaDeploy } from '../../../core/karmada/policy';

const cluster = (ready?: { status: string; reason?: string; message?: string }) => ({ metadata: { name: 'member2' }, status: { conditions: ready ? [{ type: 'Ready', ...ready }] : [] } });

test('a named member Karmada left out: failed when its Cluster is not ready, else placed elsewhere', () => {
  assert.deepEqual(leftOut(cluster({ status: 'False', reason: 'ClusterNotReachable', message: 'cluster is not reachable' })), {
    ok: false,
    state: "not scheduled here: the Cluster is not ready (Ready=False (ClusterNotReachable): cluster is not reachable), so Karmada's scheduler left it out",
  });
  assert.equal(leftOut(cluster()).ok, false);
  assert.match(leftOut(undefined).state, /no Cluster of that name/);
  assert.deepEqual(leftOut(cluster({ status: 'True' })), { ok: true, state: "no replicas here: Karmada's scheduler placed them on the other members" });
});

test('the members a plan names: the picked ones, or the file policies\' clusterNames when every policy names some', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
  const policy = (clusterNames?: string[]) => ({
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: `p${clusterNames?.length ?? 0}`, namespace: 'shop' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }], placement: clusterNames ? { clusterAffinity: { clusterNames } } : {} },
  });
  assert.deepEqual(planKarmadaDeploy([deployment], { members: ['member3', 'member1'], scheduling: { type: 'Duplicated' }, name: 'x' }).members, ['member3', 'member1']);
  assert.deepEqual(planKarmadaDeploy([deployment, policy(['member2', 'member1'])]).members, ['member1', 'member2']);
  assert.deepEqual(planKarmadaDeploy([deployment, policy(['member2']), policy()]).members, [], 'a policy without names may place anywhere');
});
