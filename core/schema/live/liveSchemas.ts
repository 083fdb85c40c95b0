/**
 * Live schemas: a cluster's `/openapi/v3` discovery, then each group-version document by its
 * `?hash=` URL. Documents are cached on disk by hash (and the last discovery per cluster), so a
 * cluster that is unreachable later still contributes the schemas it served last time.
 */
import { createHash } from 'node:crypto';
import type { SchemaDraft } from '../entry';
import type { JsonDiskCache } from '../jsonDiskCache';
import { draftsFromOpenApi } from '../loaders/openapi';

/** GETs a server-relative path from one cluster and parses the JSON answer. */
export type FetchJson = (path: string, signal: AbortSignal) => Promise<unknown>;

interface Discovery {
  paths?: Record<string, { serverRelativeURL?: string }>;
}

export interface LiveResult {
  drafts: SchemaDraft[];
  /** true when discovery failed and the drafts come from the disk cache. */
  offline: boolean;
  /** Group-versions that could not be fetched or read. */
  failures: string[];
  /** Every group-version the discovery listed, as apiVersions (`v1`, `apps/v1`), fetched or not. */
  groupVersions: string[];
}

/** Cache file for a group-version document: its hash when the server gave one. */
export function documentCacheName(serverRelativeURL: string): string {
  const hash = new URL(serverRelativeURL, 'http://x').searchParams.get('hash');
  return `${hash ?? createHash('sha256').update(serverRelativeURL).digest('hex')}.json`;
}

/** `apis/apps/v1` → `apps/v1`, `api/v1` → `v1`; undefined for paths that are not a group-version. */
export function groupVersionOfDiscoveryPath(path: string): string | undefined {
  const match = /^(?:api|apis\/[^/]+)\/[^/]+$/.exec(path);
  return match ? path.replace(/^apis?\//, '') : undefined;
}

/** Cache file for a cluster's last discovery, keyed by its server URL. */
export function discoveryCacheName(server: string): string {
  return `discovery-${createHash('sha256').update(server).digest('hex').slice(0, 16)}.json`;
}

export async function fetchLiveSchemas(
  fetchJson: FetchJson,
  server: string,
  cache: JsonDiskCache,
  signal: AbortSignal,
  options: { concurrency?: number } = {},
): Promise<LiveResult> {
  let discovery: Discovery | undefined;
  let offline = false;
  try {
    discovery = (await fetchJson('/openapi/v3', signal)) as Discovery;
    await cache.write(discoveryCacheName(server), discovery).catch(() => undefined);
  } catch (err) {
    discovery = (await cache.read(discoveryCacheName(server))) as Discovery | undefined;
    if (!discovery) throw err;
    offline = true;
  }
  const entries = Object.entries(discovery?.paths ?? {}).filter(([, v]) => typeof v?.serverRelativeURL === 'string');
  const drafts: SchemaDraft[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < entries.length && !signal.aborted) {
      const [groupVersion, { serverRelativeURL }] = entries[next++];
      const name = documentCacheName(serverRelativeURL!);
      let doc = await cache.read(name);
      if (doc === undefined && !offline) {
        try {
          doc = await fetchJson(serverRelativeURL!, signal);
          await cache.write(name, doc).catch(() => undefined);
        } catch {
          doc = undefined;
        }
      }
      if (doc === undefined) failures.push(groupVersion);
      else drafts.push(...draftsFromOpenApi(doc));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  signal.throwIfAborted();
  const groupVersions = entries.map(([path]) => groupVersionOfDiscoveryPath(path)).filter((gv) => gv !== undefined);
  return { drafts, offline, failures, groupVersions };
}
