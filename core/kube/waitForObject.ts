/**
 * Follows one object through a live watch until a predicate over it holds: every check runs on a watch
 * event, never on a timer. Used to follow what a controller does after Flotilla changed something.
 */
import type { ClusterClients } from './clients';
import { ClusterError, type ClusterErrorKind } from './errors';
import { ResourceWatch, type KubeObject } from './watch';

const RETRIED = new Set<ClusterErrorKind>(['timeout', 'unreachable']);

export interface WaitForObjectOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** Called on every change of the object (undefined once it is gone), e.g. to report progress. */
  onChange?: (obj: KubeObject | undefined) => void;
}

/**
 * Resolves with what `done` returns once it is neither undefined nor false; rejects with a ClusterError
 * ('timeout' naming `what`, 'cancelled', the watch's own error unless it is one that is retried, or what
 * `done` throws). `collection` is the object's collection path.
 */
export async function waitForObject<T>(
  clients: ClusterClients,
  cluster: string,
  collection: string,
  name: string,
  done: (obj: KubeObject | undefined) => T | undefined | false,
  what: string,
  options: WaitForObjectOptions,
): Promise<T> {
  const path = `${collection}?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`;
  const watch = new ResourceWatch(clients, cluster, path, { timeoutMs: Math.min(options.timeoutMs, 15_000), backoff: { initialMs: 200, maxMs: 2_000 } }).start();
  try {
    return await new Promise<T>((resolve, reject) => {
      const finish = (error?: ClusterError, value?: T) => {
        clearTimeout(timer);
        unsubscribe();
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(value as T);
      };
      const timer = setTimeout(() => {
        const last = watch.error ? ` (last error: ${watch.error.describe()})` : '';
        finish(new ClusterError('timeout', `${cluster}: ${what} did not happen within ${Math.round(options.timeoutMs / 1000)} s${last}`));
      }, options.timeoutMs);
      const onAbort = () => finish(new ClusterError('cancelled', `${cluster}: stopped waiting for ${what}`));
      const check = () => {
        // Refusals and errors the server will repeat end the wait; a timeout or a refused connection is retried.
        if (watch.state === 'error' && watch.error && !RETRIED.has(watch.error.kind)) return finish(watch.error);
        if (watch.state !== 'live') return;
        const obj = watch.items().find((o) => o.metadata.name === name);
        try {
          options.onChange?.(obj);
          const result = done(obj);
          if (result !== undefined && result !== false) finish(undefined, result);
        } catch (err) {
          finish(err instanceof ClusterError ? err : new ClusterError('client', `${cluster}: ${(err as Error).message}`));
        }
      };
      const unsubscribe = watch.onChange(check);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      check();
    });
  } finally {
    watch.stop();
  }
}

/**
 * Resolves true once the started watch's collection no longer holds `name` (or, without a name, holds
 * nothing), false if `signal` aborts first; the watch is stopped either way.
 */
export function untilGone(watch: ResourceWatch, signal: AbortSignal, name?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (gone: boolean) => {
      signal.removeEventListener('abort', abort);
      watch.stop();
      resolve(gone);
    };
    const abort = () => done(false);
    if (signal.aborted) return done(false);
    signal.addEventListener('abort', abort, { once: true });
    watch.onChange(() => {
      if (watch.state === 'live' && !watch.items().some((i) => name === undefined || i.metadata.name === name)) done(true);
    });
    watch.start();
  });
}
