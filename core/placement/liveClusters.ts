/**
 * Reads the member-cluster objects a placement needs from a control plane, through the per-context
 * clients (one named context, never the current-context), with a timeout and cancellation.
 */
import type { ClusterClients } from '../kube/clients';
import { ClusterError } from '../kube/errors';
import { runOne } from '../kube/fanout';
import { listSources, MANAGED_CLUSTERS, OCM_PLACEMENT_INPUTS, type ListSource } from '../ocm/placementInputs';

const KARMADA: ListSource[] = [{ path: '/apis/cluster.karmada.io/v1alpha1/clusters', what: 'Karmada Clusters' }];
const KUBEFED: ListSource[] = [{ path: '/apis/core.kubefed.io/v1beta1/kubefedclusters', what: 'KubeFedClusters' }];
const OCM: ListSource[] = [MANAGED_CLUSTERS, ...OCM_PLACEMENT_INPUTS];

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
    const result = await runOne(context, (name, signal) => listSources(clients, name, sources, signal), options);
    if (result.ok) return result.value;
    lastError = result.error;
    if (result.error.kind !== 'notFound') break;
  }
  const what = sourcesFor(policyKind).flat().map((s) => s.what).join(' or ');
  throw new Error(`context ${context}: cannot list ${what}: ${lastError?.describe() ?? 'unknown error'}`);
}
