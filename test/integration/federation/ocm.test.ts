// The lab's OCM hub and klusterlets are the real ones: a ManifestWork is applied by the member's work
// agent and reports its conditions; a Placement is answered by the placement controller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExplorerModel } from '../../../core/kube/explorer';
import { computePlacementLenses } from '../../../core/placement';
import type { FederationSnapshot } from '../../../core/protocol';
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

test('the snapshot follows the hub\'s add-on scores and decisions by watch, and the lens built from it agrees with the placement controller', { timeout: 90_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const scoreName = `gpu-${process.pid}`;
  const model = new ExplorerModel(clients, { timeoutMs: 10_000, concurrency: 8 });
  let latest: FederationSnapshot | undefined;
  const waiters = new Set<() => void>();
  model.onSnapshot((s) => {
    latest = s;
    for (const w of waiters) w();
  });
  const snapshotWhere = (what: string, ok: (s: FederationSnapshot) => boolean) =>
    new Promise<FederationSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no snapshot with ${what}; last had ${JSON.stringify(latest?.ocmObjects?.map((o) => (o as { kind: string }).kind))}`)), 60_000);
      const check = () => {
        if (!latest || !ok(latest)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(latest);
      };
      waiters.add(check);
      check();
    });
  const ofKind = (s: FederationSnapshot, kind: string) => (s.ocmObjects ?? []).filter((o) => (o as { kind: string }).kind === kind) as { metadata: { name: string; namespace?: string; labels?: Record<string, string>; managedFields?: unknown }; status?: { decisions?: { clusterName: string }[] } }[];
  const placements = '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/default/placements';
  const placement = {
    apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: scoreName, namespace: 'default' },
    spec: { clusterSets: ['prod'], numberOfClusters: 1, prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: scoreName, scoreName: 'free' } }, weight: 1 }] } },
  };
  try {
    // The first snapshot lists the hub and starts its watches; everything after arrives through them.
    const first = await model.snapshot();
    assert.ok(ofKind(first, 'ManagedClusterSetBinding').some((b) => b.metadata.name === 'prod'), 'the hub\'s bindings are in the snapshot');
    for (const [member, free] of [['member1', 10], ['member2', 90]] as const) {
      const path = `/apis/cluster.open-cluster-management.io/v1alpha1/namespaces/${member}/addonplacementscores`;
      await clients.request('host', { method: 'POST', path, body: { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { name: scoreName, namespace: member } } });
      const created = await clients.request<object>('host', { path: `${path}/${scoreName}` });
      await clients.request('host', { method: 'PUT', path: `${path}/${scoreName}/status`, body: { ...created, status: { scores: [{ name: 'free', value: free }] } } });
    }
    await snapshotWhere('both add-on scores', (s) => ofKind(s, 'AddOnPlacementScore').filter((o) => o.metadata.name === scoreName).length === 2);
    await clients.request('host', { method: 'POST', path: placements, body: placement });
    const decided = await snapshotWhere('the placement controller\'s decision', (s) =>
      ofKind(s, 'PlacementDecision').some((d) => d.metadata.labels?.['cluster.open-cluster-management.io/placement'] === scoreName && (d.status?.decisions?.length ?? 0) > 0));
    const decision = ofKind(decided, 'PlacementDecision').find((d) => d.metadata.labels?.['cluster.open-cluster-management.io/placement'] === scoreName)!;
    assert.deepEqual(decision.status?.decisions?.map((d) => d.clusterName), ['member2'], 'the higher add-on score wins');
    assert.ok((decided.ocmObjects ?? []).every((o) => (o as { metadata: { managedFields?: unknown } }).metadata.managedFields === undefined));
    const [lens] = computePlacementLenses([{ uri: 'file:///p.yaml', index: 0, value: placement }], [...(decided.ocmClusters ?? []), ...(decided.ocmObjects ?? [])]);
    assert.equal(lens.title, 'member2 (OCM Placement)');
    assert.ok(lens.explanation.outcome.notes.includes('the live PlacementDecision agrees (member2)'), lens.explanation.outcome.notes.join('; '));
  } finally {
    model.dispose();
    await clients.request('host', { method: 'DELETE', path: `${placements}/${scoreName}` }).catch(() => undefined);
    for (const member of ['member1', 'member2']) {
      await clients.request('host', { method: 'DELETE', path: `/apis/cluster.open-cluster-management.io/v1alpha1/namespaces/${member}/addonplacementscores/${scoreName}` }).catch(() => undefined);
    }
  }
});
