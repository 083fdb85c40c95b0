/**
 * The member cluster objects placement features work from: the Karmada Clusters of the live snapshot the
 * client pushes, plus the `flotilla.clusters` files (offline), re-read only when a file changes.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { readClusterFiles } from '../../core/placement';
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

/** undefined when neither a snapshot nor cluster files are known (member-based checks are then skipped). */
export function memberClusterObjects(ctx: WorkspaceContext): unknown[] | undefined {
  const files = (ctx.settings?.clusters ?? []).map(expand);
  if (!ctx.snapshot && files.length === 0) return undefined;
  return [...(ctx.snapshot?.karmadaClusters ?? []), ...(files.length ? offlineClusters(files) : [])];
}
