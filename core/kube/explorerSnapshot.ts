/**
 * The federation snapshot the language server gets: members and standalone clusters with labels,
 * taints, namespaces (from running watches, else one list per cluster), the Karmada Clusters and OCM
 * ManagedClusters the placement preview reads, and what the OCM placement controller reads besides
 * (cluster sets, bindings, decisions, add-on scores).
 */
import type { FederationSnapshot, SnapshotCluster } from '../protocol';
import type { ClusterClients } from './clients';
import { federationLabel, type FederationDiscovery } from './discovery';
import { fanOut } from './fanout';
import type { KubeList, KubeObject } from './watch';
import { NAMESPACES_PATH } from './workloads';
import { listSources, OCM_PLACEMENT_INPUTS } from '../ocm/placementInputs';

/** The label OCM puts on a ManagedCluster naming its ManagedClusterSet. */
const CLUSTER_SET_LABEL = 'cluster.open-cluster-management.io/clusterset';

export async function buildSnapshot(
  d: FederationDiscovery,
  clients: ClusterClients,
  settings: { timeoutMs: number; concurrency: number },
  /** Namespaces a running watch (or an earlier list) already knows, or undefined to list them. */
  watchedNamespaces: (context: string) => string[] | undefined,
  /** Told what was listed, so that the next snapshot need not list it again. */
  listed?: (context: string, namespaces: string[]) => void,
  /** A hub's placement inputs its running watches already hold, or undefined to list them. */
  watchedPlacementInputs: (hub: string) => KubeObject[] | undefined = () => undefined,
): Promise<FederationSnapshot> {
  const clusters = new Map<string, SnapshotCluster>();
  const contexts = [...new Set([...d.federations.flatMap((f) => f.members.map((m) => m.context)), ...d.standalone])].filter(
    (c): c is string => !!c && !clients.problem(c) && !watchedNamespaces(c),
  );
  const listedNow = new Map<string, string[]>();
  const hubs = d.federations.filter((f) => f.kind === 'OCM' && !clients.problem(f.context)).map((f) => f.context);
  const watchedInputs = new Map(hubs.map((hub) => [hub, watchedPlacementInputs(hub)]));
  const hubsToList = hubs.filter((hub) => !watchedInputs.get(hub));
  const [results, hubObjects] = await Promise.all([
    fanOut(contexts, (ctx, signal) => clients.request<KubeList>(ctx, { path: NAMESPACES_PATH, signal }), settings),
    fanOut(hubsToList, (ctx, signal) => listSources(clients, ctx, OCM_PLACEMENT_INPUTS, signal) as Promise<KubeObject[]>, settings),
  ]);
  for (const r of results) if (r.ok) listedNow.set(r.cluster, r.value.items.map((n) => n.metadata.name).sort());
  for (const [ctx, names] of listedNow) listed?.(ctx, names);
  const namespacesOf = (ctx?: string) => (ctx ? (watchedNamespaces(ctx) ?? listedNow.get(ctx) ?? []) : []);
  const karmadaClusters: unknown[] = [];
  const ocmClusters: unknown[] = [];
  const listedObjects = new Map(hubObjects.flatMap((r) => (r.ok ? [[r.cluster, r.value] as const] : [])));
  const ocmObjects = hubs.flatMap((hub) => watchedInputs.get(hub) ?? listedObjects.get(hub) ?? []).map(withoutManagedFields);
  // ManagedClusterSets with no member yet exist only on the hub, not in any member's labels.
  const clusterSets = new Set<string>(ocmObjects.filter((o) => o.kind === 'ManagedClusterSet').map((set) => set.metadata.name));
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
  return { clusters: [...clusters.values()], karmadaClusters, ocmClusters, clusterSets: [...clusterSets].sort(), ocmObjects };
}

function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  return { ...object, metadata };
}
