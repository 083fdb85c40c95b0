/**
 * The federation snapshot as changes: what the extension sends the language server after the first whole
 * snapshot. Each keyed list (members, Karmada Clusters, OCM ManagedClusters and placement inputs) travels as the full list of
 * its names, in order, plus the entries that are new or differ; the cluster sets travel whole when they
 * change. A delta names the version it applies to, so a server holding another asks for the whole again.
 */
import type { FederationSnapshot, FederationSnapshotDelta, KeyedChanges, SnapshotCluster } from '../protocol';

const KEYED = ['clusters', 'karmadaClusters', 'ocmClusters', 'ocmObjects'] as const;
type Keyed = (typeof KEYED)[number];

const objectName = (o: unknown): string => (o as { metadata?: { name?: string } }).metadata?.name ?? '';
const keyOf: Record<Keyed, (entry: unknown) => string> = {
  clusters: (c) => (c as SnapshotCluster).name,
  karmadaClusters: objectName,
  ocmClusters: objectName,
  ocmObjects: (o) => {
    const { kind, metadata } = o as { kind?: string; metadata?: { namespace?: string; name?: string } };
    return `${kind}/${metadata?.namespace ?? ''}/${metadata?.name ?? ''}`;
  },
};

/** The changes from `previous` to `next`, or undefined when nothing in the snapshot changed. */
export function diffSnapshot(previous: FederationSnapshot, next: FederationSnapshot, base: number, version: number): FederationSnapshotDelta | undefined {
  const delta: FederationSnapshotDelta = { base, version };
  let changed = false;
  for (const list of KEYED) {
    const changes = diffKeyed(previous[list] ?? [], next[list] ?? [], keyOf[list]);
    if (changes) {
      (delta[list] as KeyedChanges<unknown>) = changes;
      changed = true;
    }
  }
  if (JSON.stringify(previous.clusterSets ?? []) !== JSON.stringify(next.clusterSets ?? [])) {
    delta.clusterSets = next.clusterSets ?? [];
    changed = true;
  }
  return changed ? delta : undefined;
}

/** The snapshot `delta` turns `snapshot` into, stamped with the delta's version. */
export function applySnapshotDelta(snapshot: FederationSnapshot, delta: FederationSnapshotDelta): FederationSnapshot {
  const next: FederationSnapshot = { ...snapshot, version: delta.version };
  for (const list of KEYED) {
    const changes = delta[list] as KeyedChanges<unknown> | undefined;
    if (changes) (next[list] as unknown[]) = applyKeyed(snapshot[list] ?? [], changes, keyOf[list]);
  }
  if (delta.clusterSets) next.clusterSets = delta.clusterSets;
  return next;
}

function diffKeyed<T>(previous: T[], next: T[], key: (entry: T) => string): KeyedChanges<T> | undefined {
  const before = new Map(previous.map((entry) => [key(entry), JSON.stringify(entry)]));
  const names = next.map(key);
  const put = next.filter((entry) => before.get(key(entry)) !== JSON.stringify(entry));
  const sameNames = names.length === previous.length && names.every((name, i) => name === key(previous[i]));
  return put.length || !sameNames ? { names, put } : undefined;
}

function applyKeyed<T>(previous: T[], changes: KeyedChanges<T>, key: (entry: T) => string): T[] {
  const entries = new Map(previous.map((entry) => [key(entry), entry]));
  for (const entry of changes.put) entries.set(key(entry), entry);
  return changes.names.flatMap((name) => {
    const entry = entries.get(name);
    return entry === undefined ? [] : [entry];
  });
}
