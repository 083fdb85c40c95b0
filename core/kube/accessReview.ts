/** SelfSubjectAccessReviews: may the current user do these things on a cluster? */
import type { ClusterClients } from './clients';

export interface ResourceAccess {
  verb: string;
  /** API group, '' for the core group. */
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** "cannot create secrets in karmada-cluster", "cannot update certificatesigningrequests.certificates.k8s.io/approval". */
export function describeAccess(a: ResourceAccess): string {
  const resource = `${a.resource}${a.group ? `.${a.group}` : ''}${a.subresource ? `/${a.subresource}` : ''}`;
  return `cannot ${a.verb} ${resource}${a.name ? ` ${a.name}` : ''}${a.namespace ? ` in ${a.namespace}` : ''}`;
}

/** One review per distinct access, all asked at once; what is denied, described, in the order given. */
export async function deniedAccess(clients: ClusterClients, cluster: string, accesses: ResourceAccess[], signal?: AbortSignal): Promise<string[]> {
  const distinct = [...new Map(accesses.map((a) => [JSON.stringify(a), a])).values()];
  const answers = await Promise.all(
    distinct.map((resourceAttributes) =>
      clients.request<{ status?: { allowed?: boolean } }>(cluster, {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
        signal,
      }),
    ),
  );
  return distinct.filter((_, i) => !answers[i].status?.allowed).map(describeAccess);
}
