/**
 * One workload's state on every member, side by side, and the same object from two members prepared
 * for a drift diff.
 */
import { stringify } from 'yaml';
import type { ClusterClients } from './clients';
import { fanOut } from './fanout';
import { stripForCompare } from './strip';
import type { KubeObject } from './watch';
import { WORKLOAD_KINDS } from './workloads';

export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
}

export function workloadPath(ref: WorkloadRef): string {
  const kind = WORKLOAD_KINDS.find((k) => k.kind === ref.kind);
  if (!kind) throw new Error(`unsupported kind ${ref.kind}`);
  const [prefix, plural] = [kind.path.slice(0, kind.path.lastIndexOf('/')), kind.path.slice(kind.path.lastIndexOf('/') + 1)];
  return `${prefix}/namespaces/${encodeURIComponent(ref.namespace)}/${plural}/${encodeURIComponent(ref.name)}`;
}

export interface InspectRow {
  cluster: string;
  found: boolean;
  ready: string;
  updated: string;
  available: string;
  images: string[];
  conditions: string[];
  age: string;
  error?: string;
}

export function age(created: string | undefined, now = Date.now()): string {
  if (!created) return '-';
  const s = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function inspectRow(cluster: string, obj: KubeObject | undefined, now = Date.now()): InspectRow {
  if (!obj) return { cluster, found: false, ready: '-', updated: '-', available: '-', images: [], conditions: [], age: '-', error: 'not found' };
  const st = (obj.status ?? {}) as Record<string, number | undefined>;
  const desired = typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : st.desiredNumberScheduled ?? 1;
  const containers = ((obj.spec?.template as { spec?: { containers?: { image?: string }[] } } | undefined)?.spec?.containers ?? []) as { image?: string }[];
  const conditions = ((obj.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).map(
    (c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`,
  );
  return {
    cluster,
    found: true,
    ready: `${st.readyReplicas ?? st.numberReady ?? 0}/${desired}`,
    updated: String(st.updatedReplicas ?? st.updatedNumberScheduled ?? 0),
    available: String(st.availableReplicas ?? st.numberAvailable ?? 0),
    images: containers.map((c) => c.image ?? '?'),
    conditions,
    age: age(obj.metadata.creationTimestamp, now),
  };
}

export async function inspectAcross(
  clients: ClusterClients,
  clusters: string[],
  ref: WorkloadRef,
  options: { concurrency: number; timeoutMs: number; signal?: AbortSignal },
): Promise<InspectRow[]> {
  const path = workloadPath(ref);
  const results = await fanOut(
    clusters,
    async (cluster, signal) => {
      try {
        return await clients.request<KubeObject>(cluster, { path, signal });
      } catch (err) {
        if ((err as { kind?: string }).kind === 'notFound') return undefined;
        throw err;
      }
    },
    options,
  );
  return results.map((r) =>
    r.ok ? inspectRow(r.cluster, r.value) : { ...inspectRow(r.cluster, undefined), error: r.error.describe() },
  );
}

/** A plain-text table, one row per cluster, followed by each cluster's conditions. */
export function renderInspectTable(ref: WorkloadRef, rows: InspectRow[], at = new Date()): string {
  const header = ['cluster', 'ready', 'updated', 'available', 'age', 'image'];
  const answered = rows.filter((r) => !r.error).map((r) => [r.cluster, r.ready, r.updated, r.available, r.age, r.images.join(', ') || '-']);
  const clusterWidth = Math.max(header[0].length, ...rows.map((r) => r.cluster.length));
  const widths = header.map((h, i) => (i === 0 ? clusterWidth : Math.max(h.length, ...answered.map((row) => row[i].length))));
  const format = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const lines = [format(header), ...rows.map((r) => (r.error ? `${r.cluster.padEnd(clusterWidth)}  ${r.error}` : format(answered.shift()!)))];
  const conditions = rows.filter((r) => !r.error).map((r) => `${r.cluster}: ${r.conditions.join(', ') || 'none reported'}`);
  return `${ref.kind} ${ref.namespace}/${ref.name} across ${rows.length} cluster(s), as of ${at.toISOString()}\n\n${lines.join('\n')}\n\nconditions\n${conditions.join('\n')}\n`;
}

/** The object as YAML with identity, bookkeeping and status removed, for a drift diff. */
export function comparableYaml(obj: KubeObject | undefined): string {
  if (!obj) return '# not found on this cluster\n';
  return stringify(stripForCompare(obj), { sortMapEntries: true });
}
