/**
 * The federation snapshot the language server gets: members and standalone clusters with labels,
 * taints, namespaces (from running watches, else one list per cluster), the Karmada Clusters and OCM
 * ManagedClusters the placement preview reads, and the OCM cluster sets.
 */
import type { FederationSnapshot, SnapshotCluster } from '../protocol';
import type { ClusterClients } from './clients';
import { federationLabel, type FederationDiscovery } from './discovery';
import { fanOut } from './fanout';
import type { KubeList, KubeObject } from './watch';
import { NAMESPACES_PATH } from './workloads';

/** The label OCM puts on a ManagedCluster naming its ManagedClusterSet. */
const CLUSTER_SET_LABEL = 'cluster.open-cluster-management.io/clusterset';
const MANAGED_CLUSTER_SETS_PATH = '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets';

export async function buildSnapshot(
  d: FederationDiscovery,
  clients: ClusterClients,
  settings: { timeoutMs: number; concurrency: number },
  /** Namespaces a running watch (or an earlier list) already knows, or undefined to list them. */
  watchedNamespaces: (context: string) => string[] | undefined,
  /** Told what was listed, so that the next snapshot need not list it again. */
  listed?: (context: string, namespaces: string[]) => void,
): Promise<FederationSnapshot> {
  const clusters = new Map<string, SnapshotCluster>();
  const contexts = [...new Set([...d.federations.flatMap((f) => f.members.map((m) => m.context)), ...d.standalone])].filter(
    (c): c is string => !!c && !clients.problem(c) && !watchedNamespaces(c),
  );
  const listedNow = new Map<string, string[]>();
  const hubs = d.federations.filter((f) => f.kind === 'OCM' && !clients.problem(f.context)).map((f) => f.context);
  const [results, setLists] = await Promise.all([
    fanOut(contexts, (ctx, signal) => clients.request<KubeList>(ctx, { path: NAMESPACES_PATH, signal }), settings),
    // ManagedClusterSets with no member yet exist only on the hub, not in any member's labels.
    fanOut(hubs, (ctx, signal) => clients.request<KubeList>(ctx, { path: MANAGED_CLUSTER_SETS_PATH, signal }), settings),
  ]);
  for (const r of results) if (r.ok) listedNow.set(r.cluster, r.value.items.map((n) => n.metadata.name).sort());
  for (const [ctx, names] of listedNow) listed?.(ctx, names);
  const namespacesOf = (ctx?: string) => (ctx ? (watchedNamespaces(ctx) ?? listedNow.get(ctx) ?? []) : []);
  const karmadaClusters: unknown[] = [];
  const ocmClusters: unknown[] = [];
  const clusterSets = new Set<string>(setLists.flatMap((r) => (r.ok ? r.value.items.map((set) => set.metadata.name) : [])));
  for (const f of d.federations) {
    for (const m of f.members) {
      const clusterSet = f.kind === 'OCM' ? m.labels[CLUSTER_SET_LABEL] : undefined;
      if (clusterSet) clusterSets.add(clusterSet);
      const entry = clusters.get(m.name) ?? {
        name: m.name,
        context: m.context,
        server: m.server,
        labels: m.labels,
        taints: m.taints,
        namespaces: namespacesOf(m.context),
        federations: [],
      };
      entry.federations.push(federationLabel(f));
      clusters.set(m.name, entry);
      if (f.kind === 'Karmada') karmadaClusters.push(m.object);
      if (f.kind === 'OCM') ocmClusters.push(withoutManagedFields(m.object));
    }
  }
  for (const name of d.standalone) {
    if (clusters.has(name)) continue;
    clusters.set(name, { name, context: name, server: clients.context(name)?.server, labels: {}, taints: [], namespaces: namespacesOf(name), federations: [] });
  }
  return { clusters: [...clusters.values()], karmadaClusters, ocmClusters, clusterSets: [...clusterSets].sort() };
}

function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...object, metadata };
}
