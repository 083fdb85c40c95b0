/**
 * Live schemas from every usable kubeconfig context, one context per API server (the current context
 * where it shares one), in precedence order: federation control planes, the current context, the rest.
 * Bundled on its own (dist/serverLive.js, with @kubernetes/client-node) and loaded on first use,
 * so that the language server starts without compiling the Kubernetes client.
 */
import type { FlotillaSettings } from '../core/config';
import { ClusterClients } from '../core/kube/clients';
import { kubeconfigPaths, loadKubeconfigs } from '../core/kube/kubeconfig';
import { serverKey } from '../core/kube/serverKey';
import type { SchemaDraft } from '../core/schema/entry';
import { orderControlPlaneFirst } from '../core/schema/live/controlPlaneFirst';
import { JsonDiskCache } from '../core/schema/jsonDiskCache';
import { fetchLiveSchemas } from '../core/schema/live/liveSchemas';

export interface LiveOrigin {
  context: string;
  drafts: SchemaDraft[];
  /** apiVersions the cluster's discovery listed; empty when it could not be read. */
  groupVersions: string[];
}

export async function loadLiveOrigins(settings: FlotillaSettings, cacheDir: string, signal: AbortSignal, log: (message: string) => void): Promise<LiveOrigin[]> {
  const config = loadKubeconfigs(kubeconfigPaths(process.env, settings.kubeconfigs));
  for (const p of config.fileProblems) log(`kubeconfig ${p.file}: ${p.reason}`);
  const clients = new ClusterClients(config, { trusted: false });
  const ordered = [...config.contexts].sort((a, b) => Number(b.name === config.currentContext) - Number(a.name === config.currentContext));
  const byServer = new Map<string, { server: string; context: string }>();
  for (const ctx of ordered) {
    if (!ctx.server || clients.problem(ctx.name)) continue;
    const key = serverKey(ctx.server);
    if (!byServer.has(key)) byServer.set(key, { server: ctx.server, context: ctx.name });
  }
  const cache = new JsonDiskCache(cacheDir);
  try {
    const origins = await Promise.all(
      [...byServer.values()].map(async ({ server, context }) => {
        const timeout = AbortSignal.any([signal, AbortSignal.timeout(settings['cluster.timeoutMs'] * 3)]);
        try {
          const fetchJson = (path: string, s: AbortSignal) => clients.request(context, { path, signal: AbortSignal.any([s, timeout]) });
          const result = await fetchLiveSchemas(fetchJson, server, cache, timeout);
          if (result.offline) log(`live schemas for ${context}: cluster unreachable, using the disk cache`);
          if (result.failures.length) log(`live schemas for ${context}: skipped ${result.failures.join(', ')}`);
          return { context, drafts: result.drafts, groupVersions: result.groupVersions };
        } catch (err) {
          log(`live schemas for ${context} skipped: ${err instanceof Error ? err.message : String(err)}`);
          return { context, drafts: [], groupVersions: [] };
        }
      }),
    );
    return orderControlPlaneFirst(origins, config.currentContext);
  } finally {
    clients.dispose();
  }
}
