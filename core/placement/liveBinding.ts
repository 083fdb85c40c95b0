/**
 * The current schedule of a resource under Karmada: its ResourceBinding's spec.clusters, read from a
 * control plane, so a preview of a scale up or down divides from it as karmada-scheduler does.
 */
import type { ClusterClients } from '../kube/clients';
import { runOne } from '../kube/fanout';
import { asArray, asNumber, asString, field, identityOf } from './objects';
import type { LiveReadOptions } from './liveClusters';

export interface ScheduledCluster {
  name: string;
  replicas: number;
}

/** Karmada's binding name (names.GenerateBindingName): "<name>-<kind>", lower-cased. */
export function bindingName(kind: string, name: string): string {
  return `${name}-${kind}`.toLowerCase();
}

/** The binding's clusters; undefined when the resource has no binding (not yet applied) or no schedule. */
export async function readLiveBinding(clients: ClusterClients, context: string, resource: unknown, options: LiveReadOptions): Promise<ScheduledCluster[] | undefined> {
  const id = identityOf(resource);
  if (!id.name || !id.kind) return undefined;
  const binding = bindingName(id.kind, id.name);
  const path = id.namespace
    ? `/apis/work.karmada.io/v1alpha2/namespaces/${id.namespace}/resourcebindings/${binding}`
    : `/apis/work.karmada.io/v1alpha2/clusterresourcebindings/${binding}`;
  const result = await runOne(context, (name, signal) => clients.request<unknown>(name, { path, signal }), options);
  if (!result.ok) {
    if (result.error.kind === 'notFound') return undefined;
    throw new Error(`context ${context}: cannot read the ResourceBinding ${binding}: ${result.error.describe()}`);
  }
  const clusters = asArray(field(result.value, 'spec', 'clusters')).flatMap((c) => {
    const name = asString(field(c, 'name'));
    return name ? [{ name, replicas: asNumber(field(c, 'replicas')) ?? 0 }] : [];
  });
  return clusters.length ? clusters : undefined;
}
