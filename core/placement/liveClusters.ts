/**
 * Reads the member-cluster objects a placement needs from a control plane, through the per-context
 * clients (one named context, never the current-context), with a timeout and cancellation.
 */
import type { ClusterClients } from '../kube/clients';
import { ClusterError } from '../kube/errors';
import { runOne } from '../kube/fanout';
import { itemsWithKinds } from '../kube/listItems';

interface ListSource {
  path: string;
  what: string;
  /** Read when it can be: a missing API or a refusal leaves it out rather than failing the read. */
  optional?: boolean;
}

const KARMADA: ListSource[] = [{ path: '/apis/cluster.karmada.io/v1alpha1/clusters', what: 'Karmada Clusters' }];
const KUBEFED: ListSource[] = [{ path: '/apis/core.kubefed.io/v1beta1/kubefedclusters', what: 'KubeFedClusters' }];
const OCM: ListSource[] = [
  { path: '/apis/cluster.open-cluster-management.io/v1/managedclusters', what: 'ManagedClusters' },
  { path: '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets', what: 'ManagedClusterSets' },
  { path: '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersetbindings', what: 'ManagedClusterSetBindings' },
  // What the Balance, Steady and AddOn prioritizers read.
  { path: '/apis/cluster.open-cluster-management.io/v1beta1/placementdecisions', what: 'PlacementDecisions', optional: true },
  { path: '/apis/cluster.open-cluster-management.io/v1alpha1/addonplacementscores', what: 'AddOnPlacementScores', optional: true },
];

/** Which objects a policy kind needs: Karmada Clusters (falling back to KubeFedClusters), KubeFed or OCM objects. */
function sourcesFor(policyKind: string): ListSource[][] {
  if (policyKind === 'ReplicaSchedulingPreference') return [KUBEFED];
  if (policyKind === 'Placement') return [OCM];
  return [KARMADA, KUBEFED];
}

export interface LiveReadOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Lists the objects for `policyKind` from `context`; rejects with a message that names the context. */
export async function readLiveClusterObjects(clients: ClusterClients, context: string, policyKind: string, options: LiveReadOptions): Promise<unknown[]> {
  const problem = clients.problem(context);
  if (problem) throw new Error(`context ${context}: ${problem}`);
  let lastError: ClusterError | undefined;
  for (const sources of sourcesFor(policyKind)) {
    const result = await runOne(context, async (name, signal) => {
      const objects: unknown[] = [];
      for (const source of sources) {
        try {
          const list = await clients.request<{ apiVersion?: string; kind?: string; items?: object[] }>(name, { path: source.path, signal });
          objects.push(...itemsWithKinds(list));
        } catch (err) {
          if (!source.optional || signal.aborted) throw err;
        }
      }
      return objects;
    }, options);
    if (result.ok) return result.value;
    lastError = result.error;
    if (result.error.kind !== 'notFound') break;
  }
  const what = sourcesFor(policyKind).flat().map((s) => s.what).join(' or ');
  throw new Error(`context ${context}: cannot list ${what}: ${lastError?.describe() ?? 'unknown error'}`);
}
