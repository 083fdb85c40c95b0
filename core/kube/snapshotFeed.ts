/**
 * Keeps the language server's federation snapshot current: every change the explorer model reports,
 * and a fresh snapshot whenever the clusters are reloaded (another kubeconfig, settings, trust), since
 * a reloaded model reports changes only once its watches see some.
 */
import type { FederationSnapshot } from '../protocol';

export interface SnapshotSource {
  /** The current model; replaced on reload. */
  readonly model: { onSnapshot(listener: (snapshot: FederationSnapshot) => void): () => void; snapshot(): Promise<FederationSnapshot> };
  onDidReload(listener: () => void): { dispose(): void };
}

export function feedSnapshots(source: SnapshotSource, send: (snapshot: FederationSnapshot) => void, warn: (message: string) => void): { dispose(): void } {
  let generation = 0;
  let unsubscribe = source.model.onSnapshot(send);
  const reloaded = source.onDidReload(() => {
    unsubscribe();
    const current = ++generation;
    // Only the newest model speaks: a slower snapshot of a model reloaded away since is dropped.
    unsubscribe = source.model.onSnapshot((s) => current === generation && send(s));
    source.model.snapshot().then(
      (s) => current === generation && send(s),
      (err: Error) => warn(`federation snapshot after reload failed: ${err.message}`),
    );
  });
  return {
    dispose() {
      generation = -1;
      reloaded.dispose();
      unsubscribe();
    },
  };
}
