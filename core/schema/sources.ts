/** Filling a SchemaStore from files: one origin per file, so a source can be reloaded file by file. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SchemaSourceKind } from '../protocol';
import { loadSchemaPaths, type LoadOptions } from './files';
import type { SchemaStore } from './store';

/** Replaces `source` in the store with the schemas found under `paths`; returns the number of files used. */
export async function loadFileSource(
  store: SchemaStore,
  source: Exclude<SchemaSourceKind, 'live'>,
  paths: string[],
  log: (message: string) => void,
  signal?: AbortSignal,
  options: Omit<LoadOptions, 'signal'> = {},
): Promise<number> {
  const files = await loadSchemaPaths(paths, (path, message) => log(`schema file skipped: ${path}: ${message}`), { signal, ...options });
  for (const file of files) store.setOrigin(source, file.path, file.drafts);
  store.retainOrigins(source, files.map((f) => f.path));
  return files.length;
}

/** The bundled schemas folder (`schemas/bundled` at the package root), searched upwards from `from`. */
export function findBundledSchemas(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'bundled');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
