/**
 * Fills the server's SchemaStore from its four sources: bundled schemas, the user's paths (setting
 * `flotilla.schemas.paths` and `--schemas`), CRDs found in the workspace, and the live clusters'
 * OpenAPI v3 documents (cached on disk). A source that fails is logged and skipped, never fatal.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FlotillaSettings } from '../core/config';
import { ClusterClients } from '../core/kube/clients';
import { kubeconfigPaths, loadKubeconfigs } from '../core/kube/kubeconfig';
import type { SchemaSourceCount } from '../core/protocol';
import { fetchLiveSchemas, OpenApiDiskCache } from '../core/schema/live/liveSchemas';
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
    const config = loadKubeconfigs(kubeconfigPaths(process.env, settings.kubeconfigs));
    for (const p of config.fileProblems) this.options.log(`kubeconfig ${p.file}: ${p.reason}`);
    const clients = new ClusterClients(config, { trusted: false });
    const ordered = [...config.contexts].sort((a, b) => Number(b.name === config.currentContext) - Number(a.name === config.currentContext));
    const byServer = new Map<string, string>();
    for (const ctx of ordered) if (ctx.server && !clients.problem(ctx.name) && !byServer.has(ctx.server)) byServer.set(ctx.server, ctx.name);
    const cache = new OpenApiDiskCache(this.cacheDir);
    const results = await Promise.all(
      [...byServer].map(async ([server, context]) => {
        const timeout = AbortSignal.any([signal, AbortSignal.timeout(settings['cluster.timeoutMs'] * 3)]);
        try {
          const fetchJson = (path: string, s: AbortSignal) => clients.request(context, { path, signal: AbortSignal.any([s, timeout]) });
          const result = await fetchLiveSchemas(fetchJson, server, cache, timeout);
          if (result.offline) this.options.log(`live schemas for ${context}: cluster unreachable, using the disk cache`);
          if (result.failures.length) this.options.log(`live schemas for ${context}: skipped ${result.failures.join(', ')}`);
          return { context, drafts: result.drafts };
        } catch (err) {
          this.options.log(`live schemas for ${context} skipped: ${err instanceof Error ? err.message : String(err)}`);
          return { context, drafts: [] };
        }
      }),
    );
    clients.dispose();
    if (signal.aborted) return;
    this.store.retainOrigins('live', []);
    for (const r of results) this.store.setOrigin('live', r.context, r.drafts);
  }
}
