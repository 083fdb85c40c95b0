/**
 * Per-context clients. Each context gets its own KubeConfig copy whose current-context is that context,
 * so no call ever depends on (or changes) the user's current-context. Requests go through one small
 * REST layer with keep-alive agents, an AbortSignal on every request, and a request counter.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { KubeConfig } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import type { ContextEntry, MergedKubeconfig } from './kubeconfig';
import { ClusterError, errorFromStatus, toClusterError } from './errors';
import { EXEC_NEEDS_TRUST } from './fixes';
import { routeError, type ProxyRoute } from '../karmada/proxyRoute';

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

interface Connection {
  kc: KubeConfig;
  server: URL;
  agent?: http.Agent;
}

export interface ClusterClientsOptions {
  /** Exec credential plugins run only when the workspace is trusted. */
  trusted: boolean;
}

export class ClusterClients {
  private readonly connections = new Map<string, Connection>();
  /** Names that reach a cluster through another context (Karmada's cluster proxy), not a context of their own. */
  private readonly routes = new Map<string, ProxyRoute>();
  /** Requests sent per context, for benchmarks and tests of request growth. */
  readonly requestCounts = new Map<string, number>();

  constructor(
    readonly config: MergedKubeconfig,
    private readonly options: ClusterClientsOptions = { trusted: false },
  ) {}

  contextNames(): string[] {
    return this.config.contexts.map((c) => c.name);
  }

  context(name: string): ContextEntry | undefined {
    return this.config.contexts.find((c) => c.name === name);
  }

  /** Makes `route.name` usable wherever a context name is: requests then go through the route. */
  addRoute(route: ProxyRoute): string {
    const known = this.routes.get(route.name);
    if (!known || known.prefix !== route.prefix || known.controlPlane !== route.controlPlane) {
      this.forget(route.name);
      this.routes.set(route.name, route);
    }
    return route.name;
  }

  route(name: string): ProxyRoute | undefined {
    return this.routes.get(name);
  }

  /** Why a context cannot be used, or undefined when it can. */
  problem(name: string): string | undefined {
    const route = this.routes.get(name);
    if (route) return this.problem(route.controlPlane);
    const ctx = this.context(name);
    if (!ctx) return `no context named "${name}"`;
    if (ctx.problem) return ctx.problem;
    if (ctx.usesExec && !this.options.trusted) return EXEC_NEEDS_TRUST;
    return undefined;
  }

  /** A KubeConfig whose current-context is `name`, for client-node APIs (makeApiClient, Watch, ...). */
  async kubeConfig(name: string): Promise<KubeConfig> {
    return (await this.connection(name)).kc;
  }

  private async connection(name: string): Promise<Connection> {
    const cached = this.connections.get(name);
    if (cached) return cached;
    const problem = this.problem(name);
    if (problem) throw new ClusterError('config', problem);
    const route = this.routes.get(name);
    const ctx = this.context(route?.controlPlane ?? name)!;
    const controlPlaneCluster = this.config.clusters.get(ctx.cluster)!;
    const cluster = route
      ? { ...controlPlaneCluster, fields: { ...controlPlaneCluster.fields, server: `${String(controlPlaneCluster.fields.server).replace(/\/+$/, '')}${route.prefix}` } }
      : controlPlaneCluster;
    const user = this.config.users.get(ctx.user)!;
    const { KubeConfig } = loadClientNode();
    const kc = new KubeConfig();
    try {
      kc.loadFromString(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: cluster.name, cluster: cluster.fields }],
          users: [{ name: user.name, user: user.fields }],
          contexts: [{ name, context: { cluster: cluster.name, user: user.name, namespace: ctx.namespace } }],
          'current-context': name,
        }),
      );
    } catch (err) {
      throw new ClusterError('config', (err as Error).message);
    }
    const connection = { kc, server: new URL(cluster.fields.server as string) };
    this.connections.set(name, connection);
    return connection;
  }

  private async prepare(name: string, signal?: AbortSignal): Promise<{ conn: Connection; headers: Record<string, string> }> {
    const conn = await this.connection(name);
    const opts: https.RequestOptions = {};
    await conn.kc.applyToHTTPSOptions(opts);
    signal?.throwIfAborted();
    if (!conn.agent) {
      // One TLS context for all of the cluster's sockets: without it each new socket parses the CA,
      // certificate and key again (about 1 ms each, 64 sockets in a deploy to 8 members).
      conn.agent =
        conn.server.protocol === 'http:'
          ? new http.Agent({ keepAlive: true })
          : new https.Agent({
              keepAlive: true,
              maxSockets: 16,
              secureContext: tls.createSecureContext({ ca: opts.ca, cert: opts.cert, key: opts.key }),
              servername: opts.servername,
              rejectUnauthorized: opts.rejectUnauthorized,
            });
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    return { conn, headers };
  }

  private url(conn: Connection, req: KubeRequest): URL {
    const url = new URL(conn.server.href.replace(/\/+$/, '') + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /**
   * Sends one request and resolves with the response (status < 300) or rejects with a ClusterError. A 401
   * from a context whose credentials come from an exec plugin or auth provider (trusted workspaces only)
   * drops the cached credentials, runs the plugin again and retries once: tokens expire or are revoked
   * before the expiry the plugin announced.
   */
  async send(name: string, req: KubeRequest): Promise<http.IncomingMessage> {
    try {
      return await this.sendOnce(name, req);
    } catch (err) {
      if (!(err instanceof ClusterError) || err.kind !== 'unauthorized' || !this.refreshable(name)) throw err;
      this.forget(name);
      try {
        return await this.sendOnce(name, req);
      } catch (retry) {
        if (!(retry instanceof ClusterError) || retry.kind !== 'unauthorized') throw retry;
        throw new ClusterError('unauthorized', `${retry.message} (credentials refreshed and the request retried once)`, retry.status, retry.serverStatus);
      }
    }
  }

  private refreshable(name: string): boolean {
    const ctx = this.context(this.routes.get(name)?.controlPlane ?? name);
    const user = ctx && this.config.users.get(ctx.user);
    return this.options.trusted && !!(ctx?.usesExec || user?.fields['auth-provider']);
  }

  /** Drops a context's connection: the next request builds a new one, with fresh credentials. */
  private forget(name: string): void {
    this.connections.get(name)?.agent?.destroy();
    this.connections.delete(name);
  }

  private async sendOnce(name: string, req: KubeRequest): Promise<http.IncomingMessage> {
    const { signal } = req;
    try {
      signal?.throwIfAborted();
      const { conn, headers } = await this.prepare(name, signal);
      const url = this.url(conn, req);
      let payload: string | undefined;
      if (req.body !== undefined) {
        payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
        headers['Content-Type'] = req.contentType ?? 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(payload));
      }
      headers.Accept = 'application/json';
      this.requestCounts.set(name, (this.requestCounts.get(name) ?? 0) + 1);
      const transport = url.protocol === 'http:' ? http : https;
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const request = transport.request(url, { method: req.method ?? 'GET', headers, agent: conn.agent, signal }, resolve);
        request.on('error', reject);
        if (payload !== undefined) request.write(payload);
        request.end();
      });
      const status = res.statusCode ?? 0;
      if (status >= 300) {
        const body = await readBody(res, signal);
        throw errorFromStatus(status, body);
      }
      return res;
    } catch (err) {
      const error = toClusterError(err, signal);
      const route = this.routes.get(name);
      throw route ? routeError(route, error) : error;
    }
  }

  /** Sends a request and parses the JSON answer. */
  async request<T = unknown>(name: string, req: KubeRequest): Promise<T> {
    const res = await this.send(name, req);
    try {
      const body = await readBody(res, req.signal);
      return (body ? JSON.parse(body) : undefined) as T;
    } catch (err) {
      throw toClusterError(err, req.signal);
    }
  }

  totalRequests(): number {
    let total = 0;
    for (const n of this.requestCounts.values()) total += n;
    return total;
  }

  dispose(): void {
    for (const conn of this.connections.values()) conn.agent?.destroy();
    this.connections.clear();
  }
}

// client-node is ESM-only. Bundles inline it; under tsx/Node >= 20.19 require() loads ESM directly.
type ClientNode = typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' } });
let clientNode: ClientNode | undefined;
function loadClientNode(): ClientNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  clientNode ??= require('@kubernetes/client-node') as ClientNode;
  return clientNode;
}

export function readBody(res: http.IncomingMessage, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = () => {
      res.destroy();
      reject(signal?.reason ?? new Error('aborted'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    res.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
