/**
 * Waits on a live watch of one collection (the product's ResourceWatch) until a predicate over its items
 * holds: every check runs on a watch event, never on a timer.
 */
import type { ClusterClients } from '../../core/kube/clients';
import { ResourceWatch, type KubeObject } from '../../core/kube/watch';

export async function watchUntil<T>(
  clients: ClusterClients,
  cluster: string,
  path: string,
  found: (items: KubeObject[]) => T | undefined | false,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const watch = new ResourceWatch(clients, cluster, path, { timeoutMs: 10_000, backoff: { initialMs: 100, maxMs: 1_000 } }).start();
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${cluster}${path}${watch.error ? ` (${watch.error.message})` : ''}`));
      }, timeoutMs);
      const check = () => {
        if (watch.state !== 'live') return;
        const result = found(watch.items());
        if (result === undefined || result === false) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      };
      const unsubscribe = watch.onChange(check);
      check();
    });
  } finally {
    watch.stop();
  }
}

/** The status of one condition of an object, or undefined. */
export function condition(obj: KubeObject | undefined, type: string): string | undefined {
  const conditions = (obj?.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.find((c) => c.type === type)?.status;
}
