/**
 * Which live origin wins a kind that several clusters serve: a federation control plane's schema
 * describes the federation APIs as the control plane reads them, so it outranks a member's copy.
 */

/** API groups that only a federation control plane serves: Karmada, an OCM hub, a KubeFed host. */
export const FEDERATION_CONTROL_PLANE_GROUPS: readonly string[] = ['cluster.karmada.io', 'cluster.open-cluster-management.io', 'core.kubefed.io'];

export interface LiveCandidate {
  context: string;
  /** apiVersions the cluster's OpenAPI v3 discovery listed (`v1`, `apps/v1`). */
  groupVersions: readonly string[];
}

export function servesFederationControlPlane(groupVersions: readonly string[]): boolean {
  return groupVersions.some((gv) => FEDERATION_CONTROL_PLANE_GROUPS.includes(gv.split('/')[0]));
}

/**
 * Control planes first, then the current context, then the rest; `origins` in kubeconfig order,
 * which is kept within each rank.
 */
export function orderControlPlaneFirst<T extends LiveCandidate>(origins: readonly T[], currentContext: string | undefined): T[] {
  const rank = (o: T) => (servesFederationControlPlane(o.groupVersions) ? 0 : 2) + (o.context === currentContext ? 0 : 1);
  return [...origins].sort((a, b) => rank(a) - rank(b));
}
