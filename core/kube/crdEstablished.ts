/**
 * An applied CustomResourceDefinition serves its kind only once the API server has established it;
 * custom resources of that kind in the same deploy wait for that, as `kubectl wait
 * --for=condition=Established` would have them do by hand.
 */
import type { ClusterClients } from './clients';
import type { ServedResource } from './manifests';
import { ClusterError } from './errors';
import { waitForObject } from './waitForObject';
import type { KubeObject } from './watch';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

interface Condition {
  type: string;
  status: string;
  message?: string;
}

export function isCustomResourceDefinition(obj: KubeObject): boolean {
  return obj.kind === 'CustomResourceDefinition' && !!obj.apiVersion?.startsWith('apiextensions.k8s.io/');
}

function condition(crd: KubeObject | undefined, type: string): Condition | undefined {
  return ((crd?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

/** True once established; throws when the server refused the CRD's names, which no wait would change. */
export function established(crd: KubeObject | undefined): boolean {
  const names = condition(crd, 'NamesAccepted');
  if (names?.status === 'False') throw new ClusterError('invalid', `CustomResourceDefinition ${crd!.metadata.name}: names not accepted: ${names.message ?? 'no reason given'}`);
  return condition(crd, 'Established')?.status === 'True';
}

/** Resolves once `applied` (what the apply returned) is established on `cluster`, following a watch when it is not yet. */
export async function untilEstablished(clients: ClusterClients, cluster: string, applied: KubeObject, options: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  if (established(applied)) return;
  const name = applied.metadata.name;
  await waitForObject(clients, cluster, CRDS, name, (crd) => established(crd) || undefined, `CustomResourceDefinition ${name} to be established`, options);
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string; plural?: string };
  versions?: { name: string; served?: boolean }[];
}

/** What an established CRD serves: its kind in each served version, under its plural. */
export function servedResources(crd: KubeObject): ServedResource[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const { kind, plural } = spec.names ?? {};
  if (!spec.group || !kind || !plural) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served)
    .map((v) => ({
      apiVersion: `${spec.group}/${v.name}`,
      resource: { name: plural, kind, namespaced: spec.scope === 'Namespaced', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
    }));
}
