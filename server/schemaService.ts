/**
 * Fills the server's SchemaStore from its four sources: bundled schemas, the user's paths (setting
 * `flotilla.schemas.paths` and `--schemas`), CRDs found in the workspace, and the live clusters'
 * OpenAPI v3 documents (cached on disk). A source that fails is logged and skipped, never fatal.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FlotillaSettings } from '../core/config';
import type { SchemaSourceCount } from '../core/protocol';
import { SchemaFileCache } from '../core/schema/schemaFileCache';
import type { SchemaDraft } from '../core/schema/entry';
import { loadSchemaPaths } from '../core/schema/files';
import { JsonDiskCache } from '../core/schema/jsonDiskCache';
import { draftsFromBundledIndex } from '../core/schema/loaders/bundled';
import { loadFileSource } from '../core/schema/sources';
import { SchemaStore } from '../core/schema/store';

export interface SchemaServiceOptions {
  bundledDir?: string;
  cliPaths: string[];
  cacheDir?: string;
  log: (message: string) => void;
}

export class SchemaService {
  readonly store: SchemaStore;
  /** Where live OpenAPI documents are cached, and schema files' CRDs and OpenAPI schemas below it in `files/` (initializationOptions.schemaCacheDir may override). */
  cacheDir: string;
  private commandLineOrigins: string[] = [];

  constructor(private readonly options: SchemaServiceOptions) {
    this.store = new SchemaStore(options.log);
    this.cacheDir = options.cacheDir ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'flotilla', 'openapi');
  }

  private releaseFileCacheWrites: () => void = () => {};
  private readonly fileCacheWritesMayStart = new Promise<void>((resolve) => (this.releaseFileCacheWrites = resolve));

  private fileCache(): SchemaFileCache {
    return new SchemaFileCache(new JsonDiskCache(join(this.cacheDir, 'files')), this.fileCacheWritesMayStart);
  }

  /** The open documents are validated: the schema file cache, held back until now, may be written. */
  openDocumentsValidated(): void {
    this.releaseFileCacheWrites();
  }

  status(): SchemaSourceCount[] {
    return this.store.counts();
  }

  /** Bundled schemas, indexed from index.json (files are read on first use) or, without an index, read whole. */
  async loadBundled(): Promise<void> {
    const dir = this.options.bundledDir;
    if (!dir) return this.options.log('no bundled schemas folder found');
    const indexed = await readFile(join(dir, 'index.json'), 'utf8').then(
      (text) => draftsFromBundledIndex(dir, text),
      () => undefined,
    );
    if (!indexed) {
      await loadFileSource(this.store, 'bundled', [dir], this.options.log);
      return;
    }
    const byFile = new Map<string, SchemaDraft[]>();
    for (const { path, draft } of indexed) byFile.set(path, [...(byFile.get(path) ?? []), draft]);
    for (const [path, drafts] of byFile) this.store.setOrigin('bundled', path, drafts);
    this.store.retainOrigins('bundled', byFile.keys());
  }

  /** `--schemas` paths: read once, at start-up. */
  async loadCommandLine(): Promise<void> {
    const files = await loadSchemaPaths(this.options.cliPaths, (path, message) => this.options.log(`schema file skipped: ${path}: ${message}`), { fileCache: this.fileCache() });
    for (const file of files) this.store.setOrigin('user', file.path, file.drafts);
    this.commandLineOrigins = files.map((f) => f.path);
  }

  /** `flotilla.schemas.paths`, after the command line's (which take precedence). */
  async loadUser(settings: FlotillaSettings): Promise<void> {
    const files = await loadSchemaPaths(settings['schemas.paths'], (path, message) => this.options.log(`schema file skipped: ${path}: ${message}`), { fileCache: this.fileCache() });
    for (const file of files) if (!this.commandLineOrigins.includes(file.path)) this.store.setOrigin('user', file.path, file.drafts);
    this.store.retainOrigins('user', [...this.commandLineOrigins, ...files.map((f) => f.path)]);
  }

  /** CRDs among the workspace's YAML files (at most `limit` files are read). */
  async loadWorkspace(folders: string[], signal?: AbortSignal, limit = 3000): Promise<void> {
    if (!folders.length) return;
    const before = this.store.generation;
    await loadFileSource(this.store, 'workspace', folders, this.options.log, signal, { extensions: ['.yaml', '.yml'], limit, fileCache: this.fileCache() });
    if (this.store.generation !== before) this.options.log(`workspace CRDs: ${this.store.counts().find((c) => c.source === 'workspace')?.kinds ?? 0} kinds`);
  }

  /** Every reachable cluster of the kubeconfigs, one context per API server, federation control planes first. */
  async loadLive(settings: FlotillaSettings, signal: AbortSignal): Promise<void> {
    if (!settings['schemas.live']) {
      this.store.retainOrigins('live', []);
      return;
    }
    const origins = await liveSource().loadLiveOrigins(settings, this.cacheDir, signal, this.options.log);
    if (signal.aborted) return;
    this.store.retainOrigins('live', []);
    for (const o of origins) this.store.setOrigin('live', o.context, o.drafts);
  }
}

/** dist/serverLive.js next to the bundle, or the source module under tsx. */
function liveSource(): typeof import('./liveSource') {
  const bundled = join(__dirname, 'serverLive.js');
  const target = existsSync(bundled) ? bundled : './liveSource';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(target) as typeof import('./liveSource');
  } catch (err) {
    throw new Error(`live schema support could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}
