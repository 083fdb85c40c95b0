/**
 * Multi-cluster Services (MCS API) on the members: for one service name, which members export it, which
 * import it, the endpoints each exporting member's EndpointSlices carry, and what a control plane put
 * there for consumers (Karmada's `derived-<name>` Service and EndpointSlices copied from providers).
 */
import type { ClusterClients } from './clients';
import { getIfExists } from './apply';
import { fanOut } from './fanout';
import type { KubeList, KubeObject } from './watch';

const MCS = '/apis/multicluster.x-k8s.io/v1alpha1';
/** Karmada names the Service it derives from a ServiceImport `derived-<name>` (names.GenerateDerivedServiceName). */
export const DERIVED_PREFIX = 'derived-';
/** Karmada's annotation naming the provider of an EndpointSlice dispatched for a MultiClusterService. */
const PROVISION_CLUSTER = 'endpointslice.karmada.io/provision-cluster';
const DISPATCHED_BY = 'endpointslice-dispatch-controller.karmada.io';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

export interface EndpointsFrom {
  /** The member the endpoints run on. */
  source: string;
  /** "10.0.0.5:8080 (ready)" per endpoint. */
  endpoints: string[];
}

export interface ServiceOnCluster {
  cluster: string;
  exported: boolean;
  imported: boolean;
  exportConditions: string[];
  /** This cluster's own endpoints for the service. */
  endpoints: string[];
  /** "derived-web 10.0.0.159": the Service Karmada made here from a ServiceImport. */
  derivedService?: string;
  /** Endpoints of other members that a control plane copied here, by provider. */
  importedFrom: EndpointsFrom[];
  error?: string;
}

interface Slice {
  metadata: KubeObject['metadata'];
  ports?: { port?: number }[];
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
}

export function endpointsOf(slices: Slice[]): string[] {
  const out: string[] = [];
  for (const slice of slices) {
    const ports = (slice.ports ?? []).map((p) => p.port).filter(Boolean);
    for (const ep of slice.endpoints ?? []) {
      for (const address of ep.addresses ?? []) {
        const state = ep.conditions?.ready === false ? 'not ready' : 'ready';
        out.push(`${address}${ports.length ? ':' + ports.join(',') : ''} (${state})`);
      }
    }
  }
  return out;
}

/**
 * Which member a copied EndpointSlice came from: the dispatch controller's annotation, else the
 * `imported-<member>-<slice>` name Karmada gives slices it collects (names.GenerateEndpointSliceName).
 */
export function sliceSource(slice: Slice, members: string[]): string | undefined {
  const provider = slice.metadata.annotations?.[PROVISION_CLUSTER];
  if (provider) return provider;
  const name = slice.metadata.name ?? '';
  if (!name.startsWith('imported-')) return undefined;
  return [...members].sort((a, b) => b.length - a.length).find((m) => name.startsWith(`imported-${m}-`));
}

/** Groups copied slices by the member they came from, in member order; unknown sources last. */
export function groupBySource(slices: Slice[], members: string[]): EndpointsFrom[] {
  const bySource = new Map<string, Slice[]>();
  for (const slice of slices) {
    const source = sliceSource(slice, members) ?? 'an unknown member';
    bySource.set(source, [...(bySource.get(source) ?? []), slice]);
  }
  const rank = (s: string) => (members.includes(s) ? members.indexOf(s) : members.length);
  return [...bySource].sort(([a], [b]) => rank(a) - rank(b)).map(([source, group]) => ({ source, endpoints: endpointsOf(group) }));
}

function isCopied(slice: Slice): boolean {
  return !!slice.metadata.annotations?.[PROVISION_CLUSTER] || slice.metadata.labels?.[MANAGED_BY] === DISPATCHED_BY || (slice.metadata.name ?? '').startsWith('imported-');
}

export async function inspectCrossClusterService(
  clients: ClusterClients,
  clusters: string[],
  namespace: string,
  name: string,
  options: { concurrency: number; timeoutMs: number; signal?: AbortSignal; members?: string[] },
): Promise<ServiceOnCluster[]> {
  const ns = encodeURIComponent(namespace);
  const members = options.members ?? clusters;
  const results = await fanOut(
    clusters,
    async (cluster, signal) => {
      const [exp, imp, derived, slices] = await Promise.all([
        getIfExists(clients, cluster, `${MCS}/namespaces/${ns}/serviceexports/${encodeURIComponent(name)}`, signal),
        getIfExists(clients, cluster, `${MCS}/namespaces/${ns}/serviceimports/${encodeURIComponent(name)}`, signal),
        getIfExists(clients, cluster, `/api/v1/namespaces/${ns}/services/${encodeURIComponent(DERIVED_PREFIX + name)}`, signal),
        // The service's own slices and those copied for its derived-<name> Service, in one list.
        clients.request<KubeList>(cluster, {
          path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
          query: { labelSelector: `kubernetes.io/service-name in (${name},${DERIVED_PREFIX}${name})` },
          signal,
        }),
      ]);
      const all = slices.items as Slice[];
      const copied = all.filter((s) => isCopied(s) || s.metadata.labels?.['kubernetes.io/service-name'] !== name);
      const ownSlices = all.filter((s) => !copied.includes(s));
      const conditions = ((exp?.status?.conditions ?? []) as { type: string; status: string; message?: string }[]).map(
        (c) => `${c.type}=${c.status}${c.message ? `: ${c.message}` : ''}`,
      );
      const derivedService = derived ? `${derived.metadata.name} ${(derived.spec as { clusterIP?: string } | undefined)?.clusterIP ?? ''}`.trim() : undefined;
      return {
        cluster,
        exported: !!exp,
        imported: !!imp,
        exportConditions: conditions,
        endpoints: endpointsOf(ownSlices),
        derivedService,
        importedFrom: groupBySource(copied, members),
      };
    },
    options,
  );
  return results.map((r) =>
    r.ok ? r.value : { cluster: r.cluster, exported: false, imported: false, exportConditions: [], endpoints: [], importedFrom: [], error: r.error.describe() },
  );
}

export function renderMemberServices(rows: ServiceOnCluster[]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    if (r.error) {
      lines.push(`${r.cluster}: ${r.error}`);
      continue;
    }
    const role = [r.exported ? 'exports' : '', r.imported ? 'imports' : ''].filter(Boolean).join(' + ') || 'neither exports nor imports';
    lines.push(`${r.cluster}: ${role}`);
    for (const c of r.exportConditions) lines.push(`  condition ${c}`);
    if (r.exported) lines.push(...(r.endpoints.length ? r.endpoints.map((e) => `  endpoint ${e}`) : ['  no endpoints']));
    if (r.derivedService) lines.push(`  consumer Service ${r.derivedService}`);
    for (const from of r.importedFrom) {
      lines.push(`  endpoints from ${from.source}: ${from.endpoints.length ? from.endpoints.join(', ') : 'none'}`);
    }
  }
  return lines;
}

export function renderCrossClusterService(namespace: string, name: string, rows: ServiceOnCluster[], controlPlane: string[] = []): string {
  const lines = [`Service ${namespace}/${name} across ${rows.length} cluster(s)`, ''];
  if (controlPlane.length) lines.push(...controlPlane, '');
  lines.push(...renderMemberServices(rows));
  return lines.join('\n') + '\n';
}
