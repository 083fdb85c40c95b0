/**
 * Karmada's cluster proxy as a route to a member that no kubeconfig context reaches: every request for
 * the member goes to the control plane's context under
 * `/apis/cluster.karmada.io/v1alpha1/clusters/<member>/proxy/<path>`, with the control plane's
 * credentials. The karmada-aggregated-apiserver forwards it to the member, impersonating the caller
 * there (Karmada's unified-auth controller allows that only for subjects granted `clusters/proxy`).
 */
import { ClusterError } from '../kube/errors';

export interface ProxyRoute {
  /** The name requests use, and every message about them shows: "member4 via Karmada host proxy". */
  name: string;
  /** Context of the Karmada control plane the requests are sent to. */
  controlPlane: string;
  member: string;
  /** Path prefix on the control plane, ahead of the member's own API path. */
  prefix: string;
}

export function karmadaProxyRoute(controlPlane: string, member: string): ProxyRoute {
  return {
    name: `${member} via Karmada ${controlPlane} proxy`,
    controlPlane,
    member,
    prefix: `/apis/cluster.karmada.io/v1alpha1/clusters/${encodeURIComponent(member)}/proxy`,
  };
}

/**
 * The error as the route reports it: it names the route (hence the control plane and the member) and,
 * when the member refused the impersonation, what grants it.
 */
export function routeError(route: ProxyRoute, error: ClusterError): ClusterError {
  if (error.message.includes(route.name)) return error;
  const hint =
    error.kind === 'forbidden' && /impersonat|clusters\/proxy/i.test(error.message)
      ? ` (Karmada lets its proxy impersonate you on ${route.member} once your user is granted clusters/proxy on ${route.controlPlane})`
      : '';
  // The route first: ClusterError shortens long messages at their end.
  return new ClusterError(error.kind, `${route.name} (control plane ${route.controlPlane}, member ${route.member}): ${error.message}${hint}`, error.status, error.serverStatus);
}
