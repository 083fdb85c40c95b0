/**
 * A live, self-healing view of one resource collection on one cluster: list, then watch from the list's
 * resourceVersion with bookmarks; reconnect with exponential backoff after errors, resuming from the last
 * resourceVersion seen; relist only on 410 Gone.
 * Consumers read `items()` and get `onChange` (state or content changed); nothing polls.
 */
import { createInterface } from 'node:readline';
import type { ClusterClients } from './clients';
import { ClusterError, toClusterError } from './errors';
import { itemsWithKinds } from './listItems';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown> & { [key: string]: unknown };
  status?: Record<string, unknown> & { [key: string]: unknown };
  [key: string]: unknown;
}

export interface KubeList {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

export type WatchState = 'loading' | 'live' | 'error' | 'stopped';

export interface ResourceWatchOptions {
  /** Time the first list (and each relist) may take. */
  timeoutMs: number;
  /** Server-side watch timeout; the watch reconnects from the last resourceVersion after it. */
  watchSeconds?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Watch as well as list; false gives a one-shot list. */
  live?: boolean;
  /**
   * The first list may be answered from the apiserver's watch cache (resourceVersion 0), as client-go's
   * informers do: one response, no read from etcd, but possibly a moment behind a write just made. For
   * views that the watch then keeps current, not for following what a write of one's own does.
   */
  firstListFromCache?: boolean;
}

export class ResourceWatch {
  private readonly objects = new Map<string, KubeObject>();
  private resourceVersion = '';
  /** After 410 Gone the apiserver's cache may be behind what the watch saw: relist from a consistent read. */
  private listConsistently = false;
  private controller = new AbortController();
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  state: WatchState = 'loading';
  error: ClusterError | undefined;
  /** Completed lists (first + relists), for tests and request accounting. */
  lists = 0;
  private readonly listeners = new Set<() => void>();
  private readonly firstSync: Promise<void>;
  private resolveFirstSync!: () => void;

  constructor(
    private readonly clients: ClusterClients,
    readonly cluster: string,
    /** Collection path, e.g. /apis/apps/v1/deployments. */
    readonly path: string,
    private readonly options: ResourceWatchOptions,
  ) {
    this.firstSync = new Promise((resolve) => (this.resolveFirstSync = resolve));
  }

  start(): this {
    void this.run();
    return this;
  }

  /** Resolves after the first list succeeded or failed. */
  ready(): Promise<void> {
    return this.firstSync;
  }

  items(): KubeObject[] {
    return [...this.objects.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.controller.abort(new ClusterError('cancelled', 'watch stopped'));
    this.listeners.clear();
    this.resolveFirstSync();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        if (!this.resourceVersion) await this.list(signal);
        this.failures = 0;
        if (this.options.live === false) return;
        const started = Date.now();
        const events = await this.watchOnce(signal);
        // A watch the server ends at once, over and over, would spin: back off quietly before the next
        // one (the data is still current; a real outage shows up as the next request failing).
        if (!events && Date.now() - started < 1000) {
          this.failures++;
          await this.sleep(this.backoffMs(), signal);
        }
      } catch (err) {
        if (signal.aborted) return;
        const error = toClusterError(err);
        if (error.kind === 'gone') {
          this.resourceVersion = '';
          this.listConsistently = true;
          continue;
        }
        if (error.kind === 'notFound') {
          // The resource is not served here (e.g. no MCS CRDs): retrying cannot help until a refresh.
          this.state = 'error';
          this.error = error;
          this.resolveFirstSync();
          this.emit();
          return;
        }
        this.failures++;
        this.state = 'error';
        this.error = error;
        this.resolveFirstSync();
        this.emit();
        await this.sleep(this.backoffMs(), signal);
        // The watch resumes from the last resourceVersion it saw (bookmarks keep it recent), so a short
        // outage costs no list; a server that has compacted past it answers 410 Gone, and that relists.
      }
    }
  }

  private backoffMs(): number {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 500, maxMs: 30_000 };
    return Math.min(maxMs, initialMs * 2 ** Math.min(this.failures - 1, 16));
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(this.retryTimer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.retryTimer = setTimeout(wake, ms);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  private async list(parent: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([parent, AbortSignal.timeout(this.options.timeoutMs)]);
    const fresh = new Map<string, KubeObject>();
    let continueToken: string | undefined;
    let version = '';
    const fromCache = this.options.firstListFromCache === true && this.options.live !== false && !this.listConsistently;
    do {
      const page = await this.clients.request<KubeList>(this.cluster, {
        path: this.path,
        query: { limit: 500, ...(continueToken ? { continue: continueToken } : fromCache ? { resourceVersion: '0' } : {}) },
        signal,
      });
      for (const item of itemsWithKinds(page)) fresh.set(key(item), withoutManagedFields(item));
      continueToken = page.metadata?.continue || undefined;
      version = page.metadata?.resourceVersion ?? '';
    } while (continueToken);
    this.objects.clear();
    for (const [k, v] of fresh) this.objects.set(k, v);
    this.resourceVersion = version;
    this.lists++;
    this.state = 'live';
    this.error = undefined;
    this.resolveFirstSync();
    this.emit();
  }

  /** Streams one watch connection; resolves with the number of events it delivered. */
  private async watchOnce(signal: AbortSignal): Promise<number> {
    const res = await this.clients.send(this.cluster, {
      path: this.path,
      query: {
        watch: 1,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.options.watchSeconds ?? 300,
      },
      signal,
    });
    if (this.state === 'error') {
      this.state = 'live';
      this.error = undefined;
      this.emit();
    }
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    let events = 0;
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        events++;
        const event = JSON.parse(line) as { type: string; object: KubeObject & { code?: number; message?: string } };
        if (event.type === 'ERROR') {
          const code = event.object.code ?? 500;
          throw new ClusterError(code === 410 ? 'gone' : 'server', event.object.message ?? `watch error ${code}`, code);
        }
        const version = event.object?.metadata?.resourceVersion;
        if (version) this.resourceVersion = version;
        if (event.type === 'BOOKMARK') continue;
        if (event.type === 'DELETED') this.objects.delete(key(event.object));
        else this.objects.set(key(event.object), withoutManagedFields(event.object));
        this.emit();
      }
    } finally {
      res.destroy();
    }
    // A clean end (server timeout) or a dropped connection both lead back here; a dropped connection
    // to a dead server fails on the next request and enters the backoff path.
    if (res.errored) throw res.errored;
    return events;
  }
}

/**
 * Who set which field, kept by the server on every object: nothing the tree, the snapshot or a comparison
 * reads, and about half of what a Deployment weighs once parsed (40,000 of them across 20 members).
 */
function withoutManagedFields(obj: KubeObject): KubeObject {
  delete obj.metadata?.managedFields;
  return obj;
}

function key(obj: KubeObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
}
