/**
 * Applies a generated fleet to the lab: the fidelity labels, topology and taints of each Karmada Cluster
 * and ManagedCluster on the host, extra KWOK nodes and ClusterClaims on the members, an AddOnPlacementScore
 * per cluster; then waits (on watches) until Karmada's resource summaries, the ManagedClusters' allocatable
 * and claims say what the fleet now is, so both schedulers and the preview see the same inputs.
 */
import type { ClusterClients } from '../../core/kube/clients';
import type { KubeObject } from '../../core/kube/watch';
import { parseMilli } from '../../core/placement/quantity';
import { watchUntil } from '../support/watchUntil';
import { ADDON, CLUSTER_SETS, DEDICATED, LABEL, RACK, TEAM, TIER, type Fleet, type MemberShape, type Taint } from './generate';

const KARMADA_CLUSTERS = '/apis/cluster.karmada.io/v1alpha1/clusters';
const MANAGED_CLUSTERS = '/apis/cluster.open-cluster-management.io/v1/managedclusters';
const EXTRA_NODE = `${LABEL}/extra`;
const MANAGER = { fieldManager: 'flotilla-fidelity', force: true };
export const OCM_NAMESPACE = 'fidelity';
export const KARMADA_NAMESPACE = 'fidelity';

const merge = (clients: ClusterClients, cluster: string, path: string, body: unknown) =>
  clients.request(cluster, { method: 'PATCH', path, body, contentType: 'application/merge-patch+json' });
const apply = (clients: ClusterClients, cluster: string, path: string, body: unknown, subresource = '') =>
  clients.request(cluster, { method: 'PATCH', path: path + subresource, body, contentType: 'application/apply-patch+yaml', query: MANAGER });

async function ignoreMissing(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    if ((err as { kind?: string }).kind !== 'notFound') throw err;
  }
}

const ours = (t: { key?: string }) => t.key === DEDICATED;

/** Creates the namespaces and OCM cluster sets the cases use (idempotent). */
export async function prepareLab(clients: ClusterClients): Promise<void> {
  await apply(clients, 'host', `/api/v1/namespaces/${KARMADA_NAMESPACE}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: KARMADA_NAMESPACE } });
  const sets = [
    { name: CLUSTER_SETS.all, selector: {} },
    { name: CLUSTER_SETS.gold, selector: { matchLabels: { [TIER]: 'gold' } } },
    { name: CLUSTER_SETS.unbound, selector: {} },
  ];
  for (const set of sets) {
    await apply(clients, 'host', `/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets/${set.name}`, {
      apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: set.name },
      spec: { clusterSelector: { selectorType: 'LabelSelector', labelSelector: set.selector } },
    });
  }
  for (const set of [CLUSTER_SETS.all, CLUSTER_SETS.gold]) {
    await apply(clients, 'host', `/apis/cluster.open-cluster-management.io/v1beta2/namespaces/${OCM_NAMESPACE}/managedclustersetbindings/${set}`, {
      apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: set, namespace: OCM_NAMESPACE }, spec: { clusterSet: set },
    });
  }
}

function labelPatch(member: MemberShape): Record<string, string | null> {
  return { [TIER]: member.labels[TIER] ?? null, [TEAM]: member.labels[TEAM] ?? null };
}

async function applyNodes(clients: ClusterClients, member: MemberShape, fleet: number): Promise<void> {
  const path = '/api/v1/nodes';
  const existing = await clients.request<{ items: KubeObject[] }>(member.name, { path, query: { labelSelector: EXTRA_NODE } });
  for (const node of existing.items) await ignoreMissing(clients.request(member.name, { method: 'DELETE', path: `${path}/${node.metadata.name}` }));
  for (const [i, shape] of member.nodes.entries()) {
    const name = `fidelity-${fleet}-${member.name}-${i}`;
    const capacity = { cpu: shape.cpu, memory: shape.memory, pods: shape.pods };
    await clients.request(member.name, {
      method: 'POST', path, body: {
        apiVersion: 'v1', kind: 'Node',
        metadata: { name, annotations: { 'kwok.x-k8s.io/node': 'fake' }, labels: { [EXTRA_NODE]: 'true', type: 'kwok', 'kubernetes.io/hostname': name } },
        status: { capacity, allocatable: capacity },
      },
    });
  }
}

async function applyClaims(clients: ClusterClients, member: MemberShape): Promise<void> {
  const path = `/apis/cluster.open-cluster-management.io/v1alpha1/clusterclaims/${RACK}`;
  const value = member.claims[RACK];
  if (value === undefined) await ignoreMissing(clients.request(member.name, { method: 'DELETE', path }));
  else await apply(clients, member.name, path, { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'ClusterClaim', metadata: { name: RACK }, spec: { value } });
}

async function applyAddonScore(clients: ClusterClients, member: MemberShape): Promise<void> {
  const path = `/apis/cluster.open-cluster-management.io/v1alpha1/namespaces/${member.name}/addonplacementscores/${ADDON.resourceName}`;
  const object = { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { name: ADDON.resourceName, namespace: member.name } };
  await apply(clients, 'host', path, object);
  await apply(clients, 'host', path, { ...object, status: { scores: [{ name: ADDON.scoreName, value: member.addonScore }] } }, '/status');
}

function withTaints(current: unknown, wanted: Taint[], stamp: boolean): unknown[] {
  const kept = (Array.isArray(current) ? current : []).filter((t: { key?: string }) => !ours(t));
  return [...kept, ...wanted.map((t) => (stamp ? { ...t, timeAdded: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } : t))];
}

/** The total allocatable of a member's nodes, in milli-units, and how many nodes it has. */
async function memberAllocatable(clients: ClusterClients, member: string): Promise<{ cpu: number; memory: number; nodes: number }> {
  const nodes = await clients.request<{ items: KubeObject[] }>(member, { path: '/api/v1/nodes' });
  const sum = (name: string) => nodes.items.reduce((s, n) => s + (parseMilli((n.status?.allocatable as Record<string, string> | undefined)?.[name]) ?? 0), 0);
  return { cpu: sum('cpu'), memory: sum('memory'), nodes: nodes.items.length };
}

export async function applyFleet(clients: ClusterClients, fleet: Fleet, ocm: boolean): Promise<void> {
  const karmada = await clients.request<{ items: KubeObject[] }>('host', { path: KARMADA_CLUSTERS });
  const managed = ocm ? await clients.request<{ items: KubeObject[] }>('host', { path: MANAGED_CLUSTERS }) : { items: [] };
  const expected = new Map<string, Awaited<ReturnType<typeof memberAllocatable>>>();
  for (const member of fleet.members) {
    const cluster = karmada.items.find((c) => c.metadata.name === member.name);
    await merge(clients, 'host', `${KARMADA_CLUSTERS}/${member.name}`, {
      metadata: { labels: labelPatch(member) },
      spec: { region: member.region, zones: [member.zone], provider: member.provider, taints: withTaints(cluster?.spec?.taints, member.karmadaTaints, false) },
    });
    await applyNodes(clients, member, fleet.index);
    expected.set(member.name, await memberAllocatable(clients, member.name));
    if (!ocm) continue;
    const mc = managed.items.find((c) => c.metadata.name === member.name);
    await merge(clients, 'host', `${MANAGED_CLUSTERS}/${member.name}`, { metadata: { labels: labelPatch(member) }, spec: { taints: withTaints(mc?.spec?.taints, member.ocmTaints, true) } });
    await applyClaims(clients, member);
    await applyAddonScore(clients, member);
  }
  const names = new Set(fleet.members.map((m) => m.name));
  // What the Clusters said last, so that a timeout says which member lags and how. Right after a member's
  // outage (integration tests stop members) karmada-controller-manager's node informer for it lags: a
  // minute was not enough in CI, so the wait is three.
  const lagging = new Map<string, string>();
  await watchUntil(clients, 'host', KARMADA_CLUSTERS, (items) => items.filter((c) => names.has(c.metadata.name)).every((c) => {
    const want = expected.get(c.metadata.name)!;
    const summary = c.status?.resourceSummary as { allocatable?: Record<string, string>; allocatableModelings?: { count: number }[] } | undefined;
    const counted = (summary?.allocatableModelings ?? []).reduce((s, m) => s + m.count, 0);
    const cpu = parseMilli(summary?.allocatable?.cpu);
    if (cpu === want.cpu && counted === want.nodes) {
      lagging.delete(c.metadata.name);
      return true;
    }
    lagging.set(c.metadata.name, `${c.metadata.name}: cpu ${cpu}m of ${want.cpu}m, ${counted} of ${want.nodes} nodes modelled`);
    return false;
  }), 'the Karmada Clusters to report the fleet\'s nodes', 180_000).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${[...lagging.values()].join('; ')}`);
  });
  if (!ocm) return;
  await watchUntil(clients, 'host', MANAGED_CLUSTERS, (items) => items.filter((c) => names.has(c.metadata.name)).every((c) => {
    const member = fleet.members.find((m) => m.name === c.metadata.name)!;
    const allocatable = c.status?.allocatable as Record<string, string> | undefined;
    const claims = (c.status?.clusterClaims as { name: string; value: string }[] | undefined) ?? [];
    const rack = claims.find((x) => x.name === RACK)?.value;
    return parseMilli(allocatable?.cpu) === expected.get(c.metadata.name)!.cpu && rack === member.claims[RACK];
  }), 'the ManagedClusters to report the fleet\'s nodes and claims', 90_000);
}

/** Reads what applyFleet changes, and returns what puts it back (labels, topology, taints, nodes, claims). */
export async function saveLab(clients: ClusterClients, members: string[], ocm: boolean): Promise<() => Promise<void>> {
  const karmada = await clients.request<{ items: KubeObject[] }>('host', { path: KARMADA_CLUSTERS });
  const saved = new Map(karmada.items.map((c) => [c.metadata.name, { region: c.spec?.region ?? null, zones: c.spec?.zones ?? null, provider: c.spec?.provider ?? null }]));
  return async () => {
    const now = await clients.request<{ items: KubeObject[] }>('host', { path: KARMADA_CLUSTERS });
    const managed = ocm ? await clients.request<{ items: KubeObject[] }>('host', { path: MANAGED_CLUSTERS }) : { items: [] };
    for (const name of members) {
      const cluster = now.items.find((c) => c.metadata.name === name);
      const labels = { [TIER]: null, [TEAM]: null };
      await merge(clients, 'host', `${KARMADA_CLUSTERS}/${name}`, { metadata: { labels }, spec: { ...saved.get(name), taints: withTaints(cluster?.spec?.taints, [], false) } });
      await applyNodes(clients, { name, nodes: [] } as unknown as MemberShape, -1);
      if (!ocm) continue;
      const mc = managed.items.find((c) => c.metadata.name === name);
      await merge(clients, 'host', `${MANAGED_CLUSTERS}/${name}`, { metadata: { labels }, spec: { taints: withTaints(mc?.spec?.taints, [], false) } });
      await applyClaims(clients, { name, claims: {} } as unknown as MemberShape);
      await ignoreMissing(clients.request('host', { method: 'DELETE', path: `/apis/cluster.open-cluster-management.io/v1alpha1/namespaces/${name}/addonplacementscores/${ADDON.resourceName}` }));
    }
  };
}
