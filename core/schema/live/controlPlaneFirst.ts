/**
 * Which live origin wins a kind that several clusters serve: a federation control plane's schema
 * describes the federation APIs as the control plane reads them, so it outranks a member's copy.
 */

/**
 * APIs that only a federation control plane serves: Karmada's Cluster, an OCM hub's ManagedCluster (its
 * members serve cluster.open-cluster-management.io too, but only v1alpha1 ClusterClaims), a KubeFed host.
 */
export const FEDERATION_CONTROL_PLANE_GROUPS: readonly string[] = ['cluster.karmada.io', 'cluster.open-cluster-management.io', 'core.kubefed.io'];
const OCM_MEMBER_ONLY = 'cluster.open-cluster-management.io/v1alpha1';
const CONTROL_PLANE_ONLY = (gv: string) => FEDERATION_CONTROL_PLANE_GROUPS.includes(gv.split('/')[0]) && gv !== OCM_MEMBER_ONLY;

export interface LiveCandidate {
  context: string;
  /** apiVersions the cluster's OpenAPI v3 discovery listed (`v1`, `apps/v1`). */
  groupVersions: readonly string[];
}

export function servesFederationControlPlane(groupVersions: readonly string[]): boolean {
  return groupVersions.some(CONTROL_PLANE_ONLY);
}

/**
 * Control planes first, then the current context, then the rest; `origins` in kubeconfig order,
 * which is kept within each rank.
 */
export function orderControlPlaneFirst<T extends LiveCandidate>(origins: readonly T[], currentContext: string | undefined): T[] {
  const rank = (o: T) => (servesFederationControlPlane(o.groupVersions) ? 0 : 2) + (o.context === currentContext ? 0 : 1);
  return [...origins].sort((a, b) => rank(a) - rank(b));
}
