/**
 * Reads schema files and folders: CRD YAML (`.yaml`/`.yml`), OpenAPI v3/v2 JSON and bundled-format JSON.
 * A file that cannot be read or parsed is reported through `onError` and skipped, never fatal.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FileVersion, SchemaFileCache } from './schemaFileCache';
import type { SchemaDraft } from './entry';
import { crdObjectsFromYaml, draftsFromCrdObjects } from './loaders/crd';
import { draftsFromOpenApi, isOpenApiDocument, openApiSchemasOnly } from './loaders/openapi';
import { draftsFromBundled } from './loaders/bundled';

export interface SchemaFile {
  path: string;
  drafts: SchemaDraft[];
}

const SCHEMA_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

/** Drafts from one file's text; throws on malformed JSON. */
export function draftsFromText(path: string, text: string): SchemaDraft[] {
  return draftsFromContent(path, contentOf(path, text));
}

/**
 * What a schema file holds that matters: a YAML file's CRD objects, an OpenAPI document's schemas alone,
 * other JSON (bundled format) whole. JSON is told by the extension; any other file is read as YAML.
 */
function contentOf(path: string, text: string): unknown {
  if (!isJson(path)) return crdObjectsFromYaml(text);
  const doc: unknown = JSON.parse(text);
  return isOpenApiDocument(doc) ? openApiSchemasOnly(doc) : doc;
}

function draftsFromContent(path: string, content: unknown): SchemaDraft[] {
  if (!isJson(path)) return draftsFromCrdObjects(content as unknown[]);
  return isOpenApiDocument(content) ? draftsFromOpenApi(content) : draftsFromBundled(content);
}

/**
 * CRDs and OpenAPI schemas are worth remembering (bundled-format JSON reads as fast as its cache would);
 * cached content that is neither is not used.
 */
function worthCaching(path: string, content: unknown): boolean {
  return isJson(path) ? isOpenApiDocument(content) : Array.isArray(content) && content.length > 0;
}

function isJson(path: string): boolean {
  return extname(path).toLowerCase() === '.json';
}

export interface LoadOptions {
  limit?: number;
  signal?: AbortSignal;
  extensions?: string[];
  /** Where files' CRDs and OpenAPI schemas are remembered between starts. */
  fileCache?: SchemaFileCache;
}

/** Expands files and folders (recursively, at most `limit` files) into schema files. */
export async function loadSchemaPaths(paths: string[], onError: (path: string, message: string) => void, options: LoadOptions = {}): Promise<SchemaFile[]> {
  const files = await expand(paths, options.limit ?? 2000, onError, options.signal, new Set(options.extensions ?? SCHEMA_EXTENSIONS));
  const cache = options.fileCache;
  const out: SchemaFile[] = [];
  // Reads run a few files ahead of the parsing, which stays in order (the first file of a kind wins).
  const reads = files.slice(0, READ_AHEAD).map((path) => readSource(path, cache));
  for (let i = 0; i < files.length; i++) {
    if (options.signal?.aborted) break;
    if (i + READ_AHEAD < files.length) reads.push(readSource(files[i + READ_AHEAD], cache));
    const path = files[i];
    try {
      const drafts = draftsFromSource(path, await reads[i], cache);
      if (drafts.length) out.push({ path, drafts });
    } catch (err) {
      onError(path, err instanceof Error ? err.message : String(err));
    }
    reads[i] = DONE;
  }
  return out;
}

/** A file's text, or the content the cache remembers for it; `version` when the cache should learn it. */
interface Source {
  text?: string;
  cached?: unknown;
  version?: FileVersion;
}

const READ_AHEAD = 8;
const DONE: Promise<Source> = Promise.resolve({ text: '' });

/** A failed read rejects only when awaited (no unhandled rejection while it waits its turn). */
function readSource(path: string, cache: SchemaFileCache | undefined): Promise<Source> {
  const read = (async (): Promise<Source> => {
    if (!cache) return { text: await readFile(path, 'utf8') };
    const { size, mtimeMs } = await stat(path);
    const version = { size, mtimeMs };
    const cached = await cache.read(path, version);
    return worthCaching(path, cached) ? { cached } : { text: await readFile(path, 'utf8'), version };
  })();
  read.catch(() => undefined);
  return read;
}

/** Drafts from a file; with a cache, what it holds that matters is remembered for the next start. */
function draftsFromSource(path: string, source: Source, cache: SchemaFileCache | undefined): SchemaDraft[] {
  if (source.cached) return draftsFromContent(path, source.cached);
  const content = contentOf(path, source.text ?? '');
  if (cache && source.version && worthCaching(path, content)) cache.remember(path, source.version, content);
  return draftsFromContent(path, content);
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
