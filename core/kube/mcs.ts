/**
 * Multi-cluster Services (MCS API): for one ServiceExport/ServiceImport name, which members export it,
 * which import it, and the endpoints each exporting member's EndpointSlices carry.
 */
import type { ClusterClients } from './clients';
import { ClusterError } from './errors';
import { fanOut } from './fanout';
import type { KubeList, KubeObject } from './watch';

const MCS = '/apis/multicluster.x-k8s.io/v1alpha1';

export interface ServiceOnCluster {
  cluster: string;
  exported: boolean;
  imported: boolean;
  exportConditions: string[];
  /** "10.0.0.5:8080 (ready)" per endpoint. */
  endpoints: string[];
  error?: string;
}

async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') return undefined;
    throw err;
  }
}

export async function inspectCrossClusterService(
  clients: ClusterClients,
  clusters: string[],
  namespace: string,
  name: string,
  options: { concurrency: number; timeoutMs: number; signal?: AbortSignal },
): Promise<ServiceOnCluster[]> {
  const ns = encodeURIComponent(namespace);
  const results = await fanOut(
    clusters,
    async (cluster, signal) => {
      const [exp, imp, slices] = await Promise.all([
        optional(clients.request<KubeObject>(cluster, { path: `${MCS}/namespaces/${ns}/serviceexports/${encodeURIComponent(name)}`, signal })),
        optional(clients.request<KubeObject>(cluster, { path: `${MCS}/namespaces/${ns}/serviceimports/${encodeURIComponent(name)}`, signal })),
        clients.request<KubeList>(cluster, {
          path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
          query: { labelSelector: `kubernetes.io/service-name=${name}` },
          signal,
        }),
      ]);
      const endpoints: string[] = [];
      for (const slice of slices.items) {
        const ports = ((slice.ports ?? []) as { port?: number }[]).map((p) => p.port).filter(Boolean);
        for (const ep of (slice.endpoints ?? []) as { addresses?: string[]; conditions?: { ready?: boolean } }[]) {
          for (const address of ep.addresses ?? []) {
            const state = ep.conditions?.ready === false ? 'not ready' : 'ready';
            endpoints.push(`${address}${ports.length ? ':' + ports.join(',') : ''} (${state})`);
          }
        }
      }
      const conditions = ((exp?.status?.conditions ?? []) as { type: string; status: string; message?: string }[]).map(
        (c) => `${c.type}=${c.status}${c.message ? `: ${c.message}` : ''}`,
      );
      return { cluster, exported: !!exp, imported: !!imp, exportConditions: conditions, endpoints };
    },
    options,
  );
  return results.map((r) =>
    r.ok ? r.value : { cluster: r.cluster, exported: false, imported: false, exportConditions: [], endpoints: [], error: r.error.describe() },
  );
}

export function renderCrossClusterService(namespace: string, name: string, rows: ServiceOnCluster[]): string {
  const lines = [`Service ${namespace}/${name} across ${rows.length} cluster(s)`, ''];
  for (const r of rows) {
    if (r.error) {
      lines.push(`${r.cluster}: ${r.error}`);
      continue;
    }
    const role = [r.exported ? 'exports' : '', r.imported ? 'imports' : ''].filter(Boolean).join(' + ') || 'neither exports nor imports';
    lines.push(`${r.cluster}: ${role}`);
    for (const c of r.exportConditions) lines.push(`  condition ${c}`);
    if (r.exported) lines.push(...(r.endpoints.length ? r.endpoints.map((e) => `  endpoint ${e}`) : ['  no endpoints']));
  }
  return lines.join('\n') + '\n';
}
