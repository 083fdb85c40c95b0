/**
 * Reads schema files and folders: CRD YAML (`.yaml`/`.yml`), OpenAPI v3/v2 JSON and bundled-format JSON.
 * A file that cannot be read or parsed is reported through `onError` and skipped, never fatal.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { SchemaDraft } from './entry';
import { draftsFromCrdYaml } from './loaders/crd';
import { draftsFromOpenApi, isOpenApiDocument } from './loaders/openapi';
import { draftsFromBundled } from './loaders/bundled';

export interface SchemaFile {
  path: string;
  drafts: SchemaDraft[];
}

const SCHEMA_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

/** Drafts from one file's text; throws on malformed JSON. */
export function draftsFromText(path: string, text: string): SchemaDraft[] {
  if (extname(path).toLowerCase() === '.json') {
    const doc: unknown = JSON.parse(text);
    return isOpenApiDocument(doc) ? draftsFromOpenApi(doc) : draftsFromBundled(doc);
  }
  if (!text.includes('CustomResourceDefinition')) return [];
  return draftsFromCrdYaml(text);
}

/** Expands files and folders (recursively, at most `limit` files) into schema files. */
export async function loadSchemaPaths(
  paths: string[],
  onError: (path: string, message: string) => void,
  options: { limit?: number; signal?: AbortSignal; extensions?: string[] } = {},
): Promise<SchemaFile[]> {
  const files = await expand(paths, options.limit ?? 2000, onError, options.signal, new Set(options.extensions ?? SCHEMA_EXTENSIONS));
  const out: SchemaFile[] = [];
  // Reads run a few files ahead of the parsing, which stays in order (the first file of a kind wins).
  const reads = files.slice(0, READ_AHEAD).map((path) => readText(path));
  for (let i = 0; i < files.length; i++) {
    if (options.signal?.aborted) break;
    if (i + READ_AHEAD < files.length) reads.push(readText(files[i + READ_AHEAD]));
    const path = files[i];
    try {
      const drafts = draftsFromText(path, await reads[i]);
      if (drafts.length) out.push({ path, drafts });
    } catch (err) {
      onError(path, err instanceof Error ? err.message : String(err));
    }
    reads[i] = DONE;
  }
  return out;
}

const READ_AHEAD = 8;
const DONE = Promise.resolve('');

/** A file's text; a failed read rejects only when awaited (no unhandled rejection while it waits its turn). */
function readText(path: string): Promise<string> {
  const read = readFile(path, 'utf8');
  read.catch(() => undefined);
  return read;
}

/** Files under `paths` (folders recursively, skipping hidden, node_modules, dist, out), at most `limit`. */
export async function listFiles(
  paths: string[],
  options: { limit: number; extensions: string[]; signal?: AbortSignal; onError: (path: string, message: string) => void },
): Promise<string[]> {
  return expand(paths, options.limit, options.onError, options.signal, new Set(options.extensions));
}

async function expand(
  paths: string[],
  limit: number,
  onError: (path: string, message: string) => void,
  signal: AbortSignal | undefined,
  extensions: Set<string>,
): Promise<string[]> {
  const out: string[] = [];
  const queue = [...paths];
  while (queue.length && out.length < limit && !signal?.aborted) {
    const path = queue.shift()!;
    try {
      if (!(await stat(path)).isDirectory()) {
        if (extensions.has(extname(path).toLowerCase()) || paths.includes(path)) out.push(path);
        continue;
      }
      // Entries' types come with the listing; only symbolic links need a stat of their own.
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        const child = join(path, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) queue.push(child);
        else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase()) && out.length < limit) out.push(child);
      }
    } catch (err) {
      onError(path, err instanceof Error ? err.message : String(err));
    }
  }
  return out;
}
