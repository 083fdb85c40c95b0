/**
 * The member cluster objects placement features work from: the Karmada Clusters of the live snapshot the
 * client pushes, plus the `flotilla.clusters` files (offline), re-read only when a file changes.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { parseMemberClusters, readClusterFiles } from '../../core/placement';
import type { FederationSnapshot } from '../../core/protocol';
import type { WorkspaceContext } from './registry';

let cached: { key: string; objects: unknown[] } | undefined;

function expand(path: string): string {
  return path.replace(/^~(?=$|\/)/, homedir());
}

function fileKey(paths: string[]): string {
  return paths.map((p) => {
    try {
      const s = statSync(p);
      return `${p}@${s.mtimeMs}:${s.size}`;
    } catch {
      return `${p}@missing`;
    }
  }).join('|');
}

function offlineClusters(paths: string[]): unknown[] {
  const key = fileKey(paths);
  if (cached?.key !== key) cached = { key, objects: readClusterFiles(paths).objects };
  return cached.objects;
}

const SYNTHESIZED: { federation: string; apiVersion: string; kind: string }[] = [
  { federation: 'OCM on ', apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster' },
  { federation: 'KubeFed on ', apiVersion: 'core.kubefed.io/v1beta1', kind: 'KubeFedCluster' },
];

/**
 * The snapshot carries full Karmada Cluster and OCM ManagedCluster objects (claims and allocatable
 * included) and the hubs' other placement inputs (sets, bindings, decisions, add-on scores); KubeFed members, and OCM members from a client that sends no ManagedClusters, are rebuilt
 * from its per-cluster labels and taints (enough for cluster sets by label, predicates on labels, taints, RSPs).
 */
function snapshotMembers(snapshot: NonNullable<WorkspaceContext['snapshot']>): unknown[] {
  const ocm = snapshot.ocmClusters ?? [];
  const out: unknown[] = [...snapshot.karmadaClusters, ...ocm, ...(snapshot.ocmObjects ?? [])];
  for (const cluster of snapshot.clusters) {
    for (const s of SYNTHESIZED) {
      if (s.kind === 'ManagedCluster' && ocm.length) continue;
      if (!cluster.federations.some((f) => f.startsWith(s.federation))) continue;
      out.push({ apiVersion: s.apiVersion, kind: s.kind, metadata: { name: cluster.name, labels: cluster.labels }, spec: { taints: cluster.taints } });
    }
  }
  return out;
}

/** undefined when neither a snapshot nor cluster files are known (member-based checks are then skipped). */
export function memberClusterObjects(ctx: WorkspaceContext): unknown[] | undefined {
  const files = (ctx.settings?.clusters ?? []).map(expand);
  if (!ctx.snapshot && files.length === 0) return undefined;
  return [...(ctx.snapshot ? snapshotMembers(ctx.snapshot) : []), ...(files.length ? offlineClusters(files) : [])];
}

/**
 * A snapshot made of the `flotilla.clusters` files alone, for clients that push none (editors other than
 * VS Code): completion then offers those members' names. undefined when no file is configured.
 */
export function offlineSnapshot(clusterFiles: string[]): FederationSnapshot | undefined {
  const files = clusterFiles.map(expand);
  if (!files.length) return undefined;
  const clusters = parseMemberClusters(offlineClusters(files)).map((m) => ({
    name: m.name,
    labels: m.labels,
    taints: m.taints,
    namespaces: [],
    federations: [`${m.kind} in flotilla.clusters`],
  }));
  return { clusters, karmadaClusters: [] };
}
