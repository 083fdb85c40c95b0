/**
 * Fills the server's SchemaStore from its four sources: bundled schemas, the user's paths (setting
 * `flotilla.schemas.paths` and `--schemas`), CRDs found in the workspace, and the live clusters'
 * OpenAPI v3 documents (cached on disk). A source that fails is logged and skipped, never fatal.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FlotillaSettings } from '../core/config';
import type { SchemaSourceCount } from '../core/protocol';
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
  /** Where live OpenAPI documents are cached (initializationOptions.schemaCacheDir may override). */
  cacheDir: string;

  constructor(private readonly options: SchemaServiceOptions) {
    this.store = new SchemaStore(options.log);
    this.cacheDir = options.cacheDir ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'flotilla', 'openapi');
  }

  status(): SchemaSourceCount[] {
    return this.store.counts();
  }

  async loadBundled(): Promise<void> {
    if (!this.options.bundledDir) return this.options.log('no bundled schemas folder found');
    await loadFileSource(this.store, 'bundled', [this.options.bundledDir], this.options.log);
  }

  async loadUser(settings: FlotillaSettings): Promise<void> {
    await loadFileSource(this.store, 'user', [...this.options.cliPaths, ...settings['schemas.paths']], this.options.log);
  }

  /** CRDs among the workspace's YAML files (at most `limit` files are read). */
  async loadWorkspace(folders: string[], signal?: AbortSignal, limit = 3000): Promise<void> {
    if (!folders.length) return;
    const before = this.store.generation;
    await loadFileSource(this.store, 'workspace', folders, this.options.log, signal, { extensions: ['.yaml', '.yml'], limit });
    if (this.store.generation !== before) this.options.log(`workspace CRDs: ${this.store.counts().find((c) => c.source === 'workspace')?.kinds ?? 0} kinds`);
  }

  /** Every reachable cluster of the kubeconfigs, one context per API server, the current context first. */
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
