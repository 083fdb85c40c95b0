/**
 * Every known apiVersion/kind with its schema, from four sources in precedence order
 * live > user > workspace > bundled. Each source holds entries per origin (a context, a file), so one
 * origin can be replaced without touching the others. Schemas are built on first lookup.
 */
import type { SchemaSourceCount, SchemaSourceKind } from '../protocol';
import { kindKey, type SchemaDraft, type SchemaEntry } from './entry';
import type { Schema } from './model';

export const SOURCE_PRECEDENCE: SchemaSourceKind[] = ['live', 'user', 'workspace', 'bundled'];

export interface ResolvedSchema {
  schema: Schema;
  entry: SchemaEntry;
}

export class SchemaStore {
  private readonly origins = new Map<SchemaSourceKind, Map<string, SchemaEntry[]>>(SOURCE_PRECEDENCE.map((s) => [s, new Map()]));
  private index: Map<string, SchemaEntry> | undefined;
  private failed = new Set<SchemaEntry>();
  /** Bumped on every change; cached validation results carry it. */
  generation = 0;

  constructor(private readonly onError: (message: string) => void = () => {}) {}

  /** Replaces what `origin` contributes to `source` (an empty list removes the origin). */
  setOrigin(source: SchemaSourceKind, origin: string, drafts: SchemaDraft[]): void {
    const byOrigin = this.origins.get(source)!;
    if (drafts.length) byOrigin.set(origin, drafts.map((d) => ({ ...d, load: d.load, source, origin })));
    else if (!byOrigin.delete(origin)) return;
    this.changed();
  }

  /** Drops every origin of `source` not in `keep`. */
  retainOrigins(source: SchemaSourceKind, keep: Iterable<string>): void {
    const wanted = new Set(keep);
    const byOrigin = this.origins.get(source)!;
    let removed = false;
    for (const origin of [...byOrigin.keys()]) if (!wanted.has(origin)) removed = byOrigin.delete(origin) || removed;
    if (removed) this.changed();
  }

  entry(apiVersion: string, kind: string): SchemaEntry | undefined {
    return this.lookup().get(kindKey(apiVersion, kind));
  }

  /** The schema for apiVersion/kind from the highest-precedence source that builds; undefined if none. */
  resolve(apiVersion: string, kind: string): ResolvedSchema | undefined {
    const entry = this.entry(apiVersion, kind);
    if (!entry) return undefined;
    try {
      return { schema: entry.load(), entry };
    } catch (err) {
      if (!this.failed.has(entry)) {
        this.failed.add(entry);
        this.onError(`schema for ${apiVersion} ${kind} from ${entry.origin} failed to build: ${err instanceof Error ? err.message : String(err)}`);
      }
      return undefined;
    }
  }

  /** Every known apiVersion/kind once, highest precedence first. */
  entries(): SchemaEntry[] {
    return [...this.lookup().values()];
  }

  /** Kinds per source, counting each apiVersion/kind once under the source that wins it. */
  counts(): SchemaSourceCount[] {
    const out: SchemaSourceCount[] = [];
    const winners = this.lookup();
    for (const source of SOURCE_PRECEDENCE) {
      const byOrigin = this.origins.get(source)!;
      if (!byOrigin.size) continue;
      let kinds = 0;
      for (const entry of winners.values()) if (entry.source === source) kinds++;
      out.push({ source, kinds, origins: [...byOrigin.keys()] });
    }
    return out;
  }

  private lookup(): Map<string, SchemaEntry> {
    if (this.index) return this.index;
    const index = new Map<string, SchemaEntry>();
    for (const source of SOURCE_PRECEDENCE) {
      for (const entries of this.origins.get(source)!.values()) {
        for (const entry of entries) {
          const key = kindKey(entry.apiVersion, entry.kind);
          if (!index.has(key)) index.set(key, entry);
        }
      }
    }
    return (this.index = index);
  }

  private changed(): void {
    this.index = undefined;
    this.generation++;
  }
}

/** "live: host", "bundled", or the file path, for hover. */
export function describeOrigin(entry: SchemaEntry): string {
  if (entry.source === 'bundled') return 'bundled';
  if (entry.source === 'live') return `live: ${entry.origin}`;
  return `${entry.source}: ${entry.origin}`;
}
