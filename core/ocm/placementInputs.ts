/**
 * What OCM's placement controller reads on a hub besides the ManagedClusters: the cluster sets and their
 * bindings, the PlacementDecisions (Balance and Steady) and the AddOnPlacementScores (add-on prioritizers).
 */
import type { ClusterClients } from '../kube/clients';
import { itemsWithKinds } from '../kube/listItems';

export interface ListSource {
  path: string;
  what: string;
  /** Read when it can be: a missing API or a refusal leaves it out rather than failing the read. */
  optional?: boolean;
}

export const MANAGED_CLUSTERS: ListSource = { path: '/apis/cluster.open-cluster-management.io/v1/managedclusters', what: 'ManagedClusters' };

export const OCM_PLACEMENT_INPUTS: ListSource[] = [
  { path: '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets', what: 'ManagedClusterSets' },
  { path: '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersetbindings', what: 'ManagedClusterSetBindings' },
  { path: '/apis/cluster.open-cluster-management.io/v1beta1/placementdecisions', what: 'PlacementDecisions', optional: true },
  { path: '/apis/cluster.open-cluster-management.io/v1alpha1/addonplacementscores', what: 'AddOnPlacementScores', optional: true },
];

export const PLACEMENT_INPUT_PATHS: ReadonlySet<string> = new Set(OCM_PLACEMENT_INPUTS.map((s) => s.path));

/** Lists `sources` from `context` in order, each item with its kind; an optional source that fails is left out. */
export async function listSources(clients: ClusterClients, context: string, sources: ListSource[], signal: AbortSignal): Promise<unknown[]> {
  const objects: unknown[] = [];
  for (const source of sources) {
    try {
      const list = await clients.request<{ apiVersion?: string; kind?: string; items?: object[] }>(context, { path: source.path, signal });
      objects.push(...itemsWithKinds(list));
    } catch (err) {
      if (!source.optional || signal.aborted) throw err;
    }
  }
  return objects;
}
