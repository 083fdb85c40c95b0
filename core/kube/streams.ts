/**
 * Events and logs from many clusters merged into one stream of lines, each prefixed with
 * "[cluster/object]". Stops when the signal aborts.
 */
import { createInterface } from 'node:readline';
import type { ClusterClients } from './clients';
import { ClusterError, toClusterError } from './errors';
import { fanOut } from './fanout';
import { ResourceWatch, type KubeList, type KubeObject } from './watch';

export interface StreamOptions {
  timeoutMs: number;
  concurrency: number;
  signal: AbortSignal;
  /** Keep streaming new lines after the initial ones. */
  follow: boolean;
  /** Which log lines (logs only). */
  selection?: LogSelection;
}

/** Which lines of a container's log: the last N, those since a time, of the current or the previous container. */
export interface LogSelection {
  tailLines?: number;
  sinceSeconds?: number;
  /** The log of the container's previous run (after a restart), as `kubectl logs --previous`. */
  previous?: boolean;
}

export type LineSink = (line: string) => void;

interface KubeEvent extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  count?: number;
}

function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}

export function formatEvent(cluster: string, e: KubeEvent): string {
  const obj = e.involvedObject ?? {};
  const who = `${(obj.kind ?? '').toLowerCase()}/${obj.name ?? ''}`;
  return `[${cluster}/${who}] ${eventTime(e)} ${e.type ?? 'Normal'} ${e.reason ?? ''}: ${e.message ?? ''}`.trimEnd();
}

function eventsPath(namespace?: string): string {
  return namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/events` : '/api/v1/events';
}

/**
 * Lists events on every cluster, writes them merged in time order, then (follow) keeps writing new and
 * updated events as the per-cluster watches deliver them. Returns the per-cluster errors of the list.
 */
export async function streamEvents(
  clients: ClusterClients,
  clusters: string[],
  filter: { namespace?: string; involvedName?: string },
  sink: LineSink,
  options: StreamOptions,
): Promise<Map<string, string>> {
  const fieldSelector = filter.involvedName ? `involvedObject.name=${filter.involvedName}` : undefined;
  const path = eventsPath(filter.namespace);
  const results = await fanOut(
    clusters,
    (cluster, signal) => clients.request<KubeList>(cluster, { path, query: { fieldSelector }, signal }),
    options,
  );
  const errors = new Map<string, string>();
  const initial: { time: string; line: string }[] = [];
  for (const r of results) {
    if (!r.ok) {
      errors.set(r.cluster, r.error.describe());
      sink(`[${r.cluster}] error: ${r.error.describe()}`);
      continue;
    }
    for (const e of r.value.items as KubeEvent[]) initial.push({ time: eventTime(e), line: formatEvent(r.cluster, e) });
  }
  initial.sort((a, b) => a.time.localeCompare(b.time));
  for (const { line } of initial) sink(line);
  if (!options.follow) return errors;
  const watches = results
    .filter((r) => r.ok)
    .map((r) => {
      const seen = new Set((r.ok ? r.value.items : []).map((e) => `${e.metadata.uid}@${e.metadata.resourceVersion}`));
      const w = new ResourceWatch(clients, r.cluster, path + (fieldSelector ? `?fieldSelector=${encodeURIComponent(fieldSelector)}` : ''), { timeoutMs: options.timeoutMs });
      w.onChange(() => {
        for (const e of w.items() as KubeEvent[]) {
          const key = `${e.metadata.uid}@${e.metadata.resourceVersion}`;
          if (seen.has(key)) continue;
          seen.add(key);
          sink(formatEvent(r.cluster, e));
        }
      });
      return w.start();
    });
  await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  for (const w of watches) w.stop();
  return errors;
}

export interface PodTarget {
  cluster: string;
  namespace: string;
  pod: string;
  container?: string;
  /** spec.nodeName; '' for a pod not scheduled yet (its log is empty: no kubelet to ask). */
  node?: string;
}

/** The request Logs Across Members makes for one pod: the last 100 lines unless told a time or a count. */
export function logRequest(target: PodTarget, follow: boolean, selection: LogSelection = {}) {
  const tailLines = selection.tailLines ?? (selection.sinceSeconds ? undefined : 100);
  const query: Record<string, string | number | boolean | undefined> = { follow, timestamps: true };
  if (tailLines !== undefined) query.tailLines = tailLines;
  if (selection.sinceSeconds) query.sinceSeconds = selection.sinceSeconds;
  if (selection.previous) query.previous = true;
  query.container = target.container;
  return { path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/log`, query };
}

/** Pods selected by a workload's label selector, on one cluster. */
export async function podsFor(
  clients: ClusterClients,
  cluster: string,
  namespace: string,
  matchLabels: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ pod: string; node: string }[]> {
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = await clients.request<KubeList>(cluster, { path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, query: { labelSelector }, signal });
  return list.items.map((p) => ({ pod: p.metadata.name, node: String(p.spec?.nodeName ?? '') }));
}

/**
 * Streams every pod's log with a "[cluster/pod]" prefix per line; a pod whose log cannot be read writes
 * one error line naming the cluster and the server's reason. Resolves when all streams end or the
 * signal aborts.
 */
export async function streamLogs(clients: ClusterClients, targets: PodTarget[], sink: LineSink, options: StreamOptions): Promise<void> {
  await Promise.all(
    targets.map(async (t) => {
      const prefix = `[${t.cluster}/${t.pod}]`;
      // The timeout covers connecting only: a following stream may then run until cancelled.
      const connecting = new AbortController();
      const timer = setTimeout(() => connecting.abort(new ClusterError('timeout', `no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      const connect = AbortSignal.any([options.signal, connecting.signal]);
      try {
        const res = await clients.send(t.cluster, { ...logRequest(t, options.follow, options.selection), signal: connect }).finally(() => clearTimeout(timer));
        // Connected: from here only the caller's cancel stops a following stream.
        const reader = createInterface({ input: res, crlfDelay: Infinity });
        // Closing the reader ends its iterator: a response destroyed while the iterator waits never would.
        const stop = () => {
          reader.close();
          res.destroy();
        };
        options.signal.addEventListener('abort', stop, { once: true });
        let lines = 0;
        try {
          for await (const line of reader) {
            lines++;
            sink(`${prefix} ${line}`);
            // A cancel from inside the sink destroys the response mid-iteration, after which readline's
            // iterator never settles: leave the loop ourselves.
            if (options.signal.aborted) break;
          }
          if (!lines && !options.signal.aborted) sink(`${prefix} no log output${t.node === '' ? ' (pod is not scheduled to a node)' : ''}`);
        } finally {
          options.signal.removeEventListener('abort', stop);
        }
      } catch (err) {
        if (options.signal.aborted) return;
        sink(`${prefix} error: ${toClusterError(err, connect).describe()}`);
      }
    }),
  );
}
