/**
 * What a Karmada control plane derived for one cross-cluster service: where its ServiceExport and
 * ServiceImport templates were propagated (their ResourceBindings), the MultiClusterService of that name
 * with its providers, consumers and conditions, the EndpointSlices Karmada collected from the exporting
 * members, and the Works that dispatch a provider's endpoints to each consumer.
 */
import type { ClusterClients } from '../kube/clients';
import { conditionsOf, type Condition } from '../kube/conditions';
import { getIfExists } from '../kube/apply';
import { groupBySource, type EndpointsFrom } from '../kube/mcs';
import type { KubeList, KubeObject } from '../kube/watch';
import { bindingName } from './bindings';
import { EXECUTION_NAMESPACE_PREFIX } from './labels';

const BINDINGS = '/apis/work.karmada.io/v1alpha2';
const MULTI_CLUSTER_SERVICES = '/apis/networking.karmada.io/v1alpha1';
const MCS_NAME_LABEL = 'multiclusterservice.karmada.io/name';
const MCS_NAMESPACE_LABEL = 'multiclusterservice.karmada.io/namespace';
const PROVISION_CLUSTER = 'endpointslice.karmada.io/provision-cluster';

export interface TemplatePlacement {
  /** The ResourceBinding's name, `<name>-<kind>`. */
  binding: string;
  clusters: string[];
  /** "Scheduled=False NoClusterFit: 0/3 clusters are available: …" for each condition that is not True. */
  problems: string[];
}

export interface MultiClusterServiceView {
  types: string[];
  /** Empty lists mean every member, as Karmada reads them. */
  providers: string[];
  consumers: string[];
  conditions: string[];
}

export interface Dispatch {
  provider: string;
  consumer: string;
  applied: string;
}

export interface KarmadaServiceView {
  controlPlane: string;
  exportTemplate?: TemplatePlacement;
  importTemplate?: TemplatePlacement;
  multiClusterService?: MultiClusterServiceView;
  /** EndpointSlices collected onto the control plane, by the member they came from. */
  collected: EndpointsFrom[];
  dispatches: Dispatch[];
}

const describe = (c: Condition) => `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;

export function templatePlacement(binding: KubeObject): TemplatePlacement {
  const clusters = ((binding.spec as { clusters?: { name: string }[] } | undefined)?.clusters ?? []).map((c) => c.name);
  return { binding: binding.metadata.name ?? '', clusters, problems: conditionsOf(binding).filter((c) => c.status !== 'True').map(describe) };
}

export function multiClusterServiceView(mcs: KubeObject): MultiClusterServiceView {
  const spec = (mcs.spec ?? {}) as { types?: string[]; providerClusters?: { name: string }[]; consumerClusters?: { name: string }[] };
  return {
    types: spec.types ?? [],
    providers: (spec.providerClusters ?? []).map((c) => c.name),
    consumers: (spec.consumerClusters ?? []).map((c) => c.name),
    conditions: conditionsOf(mcs).map(describe),
  };
}

export function dispatchOf(work: KubeObject): Dispatch | undefined {
  const namespace = work.metadata.namespace ?? '';
  const provider = work.metadata.annotations?.[PROVISION_CLUSTER];
  if (!provider || !namespace.startsWith(EXECUTION_NAMESPACE_PREFIX)) return undefined;
  const applied = conditionsOf(work).find((c) => c.type === 'Applied');
  return { provider, consumer: namespace.slice(EXECUTION_NAMESPACE_PREFIX.length), applied: applied ? describe(applied) : 'not applied yet' };
}

export async function inspectKarmadaService(
  clients: ClusterClients,
  controlPlane: string,
  members: string[],
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KarmadaServiceView> {
  const ns = encodeURIComponent(namespace);
  const binding = (kind: string) => getIfExists(clients, controlPlane, `${BINDINGS}/namespaces/${ns}/resourcebindings/${encodeURIComponent(bindingName(kind, name))}`, signal);
  const [exportBinding, importBinding, mcs, slices, works] = await Promise.all([
    binding('ServiceExport'),
    binding('ServiceImport'),
    getIfExists(clients, controlPlane, `${MULTI_CLUSTER_SERVICES}/namespaces/${ns}/multiclusterservices/${encodeURIComponent(name)}`, signal),
    clients.request<KubeList>(controlPlane, {
      path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
      query: { labelSelector: `kubernetes.io/service-name in (${name},derived-${name})` },
      signal,
    }),
    clients.request<KubeList>(controlPlane, {
      path: `/apis/work.karmada.io/v1alpha1/works`,
      query: { labelSelector: `${MCS_NAME_LABEL}=${name},${MCS_NAMESPACE_LABEL}=${namespace}` },
      signal,
    }),
  ]);
  return {
    controlPlane,
    exportTemplate: exportBinding && templatePlacement(exportBinding),
    importTemplate: importBinding && templatePlacement(importBinding),
    multiClusterService: mcs && multiClusterServiceView(mcs),
    collected: groupBySource(slices.items as Parameters<typeof groupBySource>[0], members),
    dispatches: works.items.flatMap((w) => dispatchOf(w) ?? []).sort((a, b) => `${a.provider}${a.consumer}`.localeCompare(`${b.provider}${b.consumer}`)),
  };
}

const everyMember = (names: string[]) => (names.length ? names.join(', ') : 'every member');

export function renderKarmadaService(view: KarmadaServiceView): string[] {
  const lines = [`Karmada control plane ${view.controlPlane}:`];
  const template = (label: string, t: TemplatePlacement | undefined, verb: string) => {
    if (!t) return lines.push(`  ${label}: no ResourceBinding (not propagated)`);
    lines.push(`  ${label} ${verb} ${t.clusters.length ? t.clusters.join(', ') : 'no member'} (binding ${t.binding})`);
    for (const p of t.problems) lines.push(`    ${p}`);
  };
  template('ServiceExport', view.exportTemplate, 'propagated to');
  template('ServiceImport', view.importTemplate, 'consumed by');
  const mcs = view.multiClusterService;
  if (mcs) {
    lines.push(`  MultiClusterService ${mcs.types.join(', ') || '(no types)'}: providers ${everyMember(mcs.providers)}; consumers ${everyMember(mcs.consumers)}`);
    for (const c of mcs.conditions) lines.push(`    condition ${c}`);
  }
  for (const from of view.collected) lines.push(`  collected from ${from.source}: ${from.endpoints.join(', ') || 'no endpoints'}`);
  for (const d of view.dispatches) lines.push(`  endpoints of ${d.provider} dispatched to ${d.consumer}: ${d.applied}`);
  return lines;
}
