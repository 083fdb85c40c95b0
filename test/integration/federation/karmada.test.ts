// The lab's Karmada is the real one: a template and a policy created on the host are scheduled by
// karmada-scheduler, turned into Works, run on the chosen members by their own controllers and KWOK, and
// their status aggregated back; the webhook enforces what CRD validation cannot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../core/kube/watch';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { condition, watchUntil } from '../../support/watchUntil';

const name = `fed-${process.pid}`;
const deploymentPath = `/apis/apps/v1/namespaces/shop/deployments/${name}`;
const policyPath = `/apis/policy.karmada.io/v1alpha1/namespaces/shop/propagationpolicies/${name}`;

const byName = (name: string) => (items: KubeObject[]) => items.find((i) => i.metadata.name === name);

test('a Deployment propagated by Karmada runs divided on the chosen members and is cleaned up with its template', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const labels = { app: name };
  await clients.request('host', {
    method: 'POST', path: '/apis/apps/v1/namespaces/shop/deployments',
    body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' }, spec: { replicas: 6, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '10m' } } }] } } } },
  });
  await clients.request('host', {
    method: 'POST', path: '/apis/policy.karmada.io/v1alpha1/namespaces/shop/propagationpolicies',
    body: {
      apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name, namespace: 'shop' },
      spec: {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }],
        placement: {
          clusterAffinity: { clusterNames: ['member1', 'member2'] },
          replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 1 }, { targetCluster: { clusterNames: ['member2'] }, weight: 2 }] } },
        },
      },
    },
  });
  try {
    const binding = await watchUntil(clients, 'host', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings', (items) => {
      const rb = byName(`${name}-deployment`)(items);
      return condition(rb, 'Scheduled') === 'True' && rb;
    }, 'the ResourceBinding to be scheduled');
    assert.deepEqual(binding.spec?.clusters, [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 4 }]);

    for (const [member, replicas] of [['member1', 2], ['member2', 4]] as const) {
      await watchUntil(clients, 'host', `/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-${member}/works`, (works) =>
        works.some((w) => ((w.spec?.workload as { manifests?: KubeObject[] })?.manifests ?? []).some((m) => m.kind === 'Deployment' && m.metadata.name === name)),
      `a Work for ${member}`);
      const running = await watchUntil(clients, member, '/api/v1/namespaces/shop/pods', (pods) => {
        const mine = pods.filter((p) => p.metadata.labels?.app === name && p.status?.phase === 'Running');
        return mine.length === replicas && mine;
      }, `${replicas} running pods on ${member}`);
      assert.equal(running.length, replicas);
      const onMember = await clients.request<KubeObject>(member, { path: deploymentPath });
      assert.equal(onMember.spec?.replicas, replicas);
      assert.equal(onMember.metadata.labels?.['karmada.io/managed'], 'true');
    }
    const aggregated = await watchUntil(clients, 'host', '/apis/apps/v1/namespaces/shop/deployments', (items) => {
      const d = byName(name)(items);
      return d?.status?.readyReplicas === 6 && d;
    }, 'the aggregated status on the host');
    assert.equal(aggregated.status?.availableReplicas, 6);
  } finally {
    await clients.request('host', { method: 'DELETE', path: deploymentPath });
    await clients.request('host', { method: 'DELETE', path: policyPath });
  }
  for (const member of ['member1', 'member2']) {
    await watchUntil(clients, member, '/apis/apps/v1/namespaces/shop/deployments', (items) => !byName(name)(items), `the Deployment to leave ${member}`);
  }
});

test('the webhook rejects a PropagationPolicy that CRD validation alone accepts (maxGroups < minGroups)', async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const policy = {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: `${name}-groups`, namespace: 'default' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }], placement: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 1 }] } },
  };
  await assert.rejects(
    clients.request('host', { method: 'POST', path: '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies', query: { dryRun: 'All' }, body: policy }),
    /denied the request: spec\.placement\.spreadConstraints\[0\].*maxGroups lower than minGroups is not allowed/,
  );
  const valid = { ...policy, spec: { ...policy.spec, placement: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] } } };
  const admitted = await clients.request<KubeObject>('host', { method: 'POST', path: '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies', query: { dryRun: 'All' }, body: valid });
  assert.equal((admitted.spec?.conflictResolution as string | undefined) ?? '', 'Abort', 'the mutating webhook fills the defaults');
});
