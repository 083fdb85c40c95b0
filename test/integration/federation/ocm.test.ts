// The lab's OCM hub and klusterlets are the real ones: a ManifestWork is applied by the member's work
// agent and reports its conditions; a Placement is answered by the placement controller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { condition, watchUntil } from '../../support/watchUntil';

const name = `ocm-${process.pid}`;

test('a ManifestWork is applied on its member, reports Applied and Available, and its deletion removes what it made', { timeout: 90_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const works = '/apis/work.open-cluster-management.io/v1/namespaces/member2/manifestworks';
  await clients.request('host', {
    method: 'POST', path: works,
    body: {
      apiVersion: 'work.open-cluster-management.io/v1', kind: 'ManifestWork', metadata: { name, namespace: 'member2' },
      spec: { workload: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { from: 'hub' } }] } },
    },
  });
  try {
    const work = await watchUntil(clients, 'host', works, (items) => {
      const w = items.find((i) => i.metadata.name === name);
      return condition(w, 'Applied') === 'True' && condition(w, 'Available') === 'True' && w;
    }, 'the ManifestWork to be Applied and Available');
    assert.equal(((work.status?.resourceStatus as { manifests: unknown[] }).manifests).length, 1);
    const configMap = await clients.request<{ data: Record<string, string> }>('member2', { path: `/api/v1/namespaces/default/configmaps/${name}` });
    assert.deepEqual(configMap.data, { from: 'hub' });
  } finally {
    await clients.request('host', { method: 'DELETE', path: `${works}/${name}` });
  }
  await watchUntil(clients, 'member2', '/api/v1/namespaces/default/configmaps', (items) => !items.some((i) => i.metadata.name === name), 'the ConfigMap to leave member2');
});

test('a Placement is answered by a PlacementDecision from the placement controller', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const placements = '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/default/placements';
  await clients.request('host', {
    method: 'POST', path: placements,
    body: { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name, namespace: 'default' }, spec: { clusterSets: ['prod'], numberOfClusters: 2 } },
  });
  try {
    const decided = await watchUntil(clients, 'host', '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/default/placementdecisions', (items) => {
      const d = items.find((i) => i.metadata.labels?.['cluster.open-cluster-management.io/placement'] === name);
      const names = ((d?.status?.decisions ?? []) as { clusterName: string }[]).map((c) => c.clusterName).sort();
      return names.length === 2 && names;
    }, 'a PlacementDecision with two clusters');
    assert.deepEqual(decided, ['member1', 'member2'], 'the prod set is member1 and member2');
  } finally {
    await clients.request('host', { method: 'DELETE', path: `${placements}/${name}` });
  }
});

test('the spare cluster registered with the hub but stays pending: CSR unapproved, not accepted', async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const spare = lab.readInfo().clusters.find((c) => c.name.startsWith('spare'));
  if (!spare) return t.skip('the lab runs no spare cluster');
  const cluster = await clients.request<{ spec: { hubAcceptsClient?: boolean } }>('host', { path: `/apis/cluster.open-cluster-management.io/v1/managedclusters/${spare.name}` });
  assert.equal(cluster.spec.hubAcceptsClient ?? false, false);
  const csrs = await clients.request<{ items: { status: { conditions?: unknown[] } }[] }>('host', {
    path: '/apis/certificates.k8s.io/v1/certificatesigningrequests', query: { labelSelector: `open-cluster-management.io/cluster-name=${spare.name}` },
  });
  assert.ok(csrs.items.length > 0, 'the spare asked for a certificate');
  assert.ok(csrs.items.every((c) => !c.status.conditions?.length), 'and nobody approved it');
});
