/**
 * Runs one function against many clusters at once: bounded concurrency, a per-cluster timeout, an
 * AbortSignal handed to the function (and from there to every request), and one result per cluster.
 * A slow or dead cluster never delays the others' results past its own timeout.
 */
import { ClusterError, toClusterError } from './errors';

export type ClusterResult<T> =
  | { cluster: string; ok: true; value: T; ms: number }
  | { cluster: string; ok: false; error: ClusterError; ms: number };

export interface FanOutOptions<T> {
  concurrency: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called as each cluster finishes, in completion order. */
  onResult?: (result: ClusterResult<T>) => void;
}

export async function fanOut<T>(
  clusters: string[],
  fn: (cluster: string, signal: AbortSignal) => Promise<T>,
  options: FanOutOptions<T>,
): Promise<ClusterResult<T>[]> {
  return atMostAtOnce(clusters, options.concurrency, async (cluster) => {
    const result = await runOne(cluster, fn, options);
    options.onResult?.(result);
    return result;
  });
}

/**
 * `act` over every item, at most `concurrency` at once; the results in the items' order. A rejection
 * starts no further items and rejects.
 */
export async function atMostAtOnce<I, R>(items: readonly I[], concurrency: number, act: (item: I) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await act(items[index]);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

export async function runOne<T>(
  cluster: string,
  fn: (cluster: string, signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ClusterResult<T>> {
  const started = Date.now();
  const controller = new AbortController();
  const timeout = new ClusterError('timeout', `no answer within ${options.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), options.timeoutMs);
  const onParentAbort = () => controller.abort(options.signal?.reason ?? new ClusterError('cancelled', 'cancelled'));
  if (options.signal?.aborted) onParentAbort();
  options.signal?.addEventListener('abort', onParentAbort, { once: true });
  // The race makes the timeout hold even if `fn` forgets to pass the signal on.
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(toClusterError(controller.signal.reason, controller.signal));
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const value = await Promise.race([fn(cluster, controller.signal), aborted]);
    return { cluster, ok: true, value, ms: Date.now() - started };
  } catch (err) {
    return { cluster, ok: false, error: toClusterError(err, controller.signal), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onParentAbort);
    if (!controller.signal.aborted) controller.abort(new ClusterError('cancelled', 'finished'));
  }
}
