import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FederationSnapshot } from '../../../core/protocol';
import { feedSnapshots, type SnapshotSource } from '../../../core/kube/snapshotFeed';

const snapshotOf = (...names: string[]): FederationSnapshot => ({
  clusters: names.map((name) => ({ name, labels: {}, taints: [], namespaces: [], federations: [] })),
  karmadaClusters: [],
});

/** An explorer model whose snapshot() resolves when the test says so, and whose changes the test emits. */
class Model {
  constructor(private readonly failure?: Error) {}
  readonly listeners = new Set<(s: FederationSnapshot) => void>();
  private readonly pending: Array<(s: FederationSnapshot) => void> = [];
  onSnapshot(listener: (s: FederationSnapshot) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  snapshot() {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FederationSnapshot>((resolve) => this.pending.push(resolve));
  }
  emit(s: FederationSnapshot) {
    for (const l of this.listeners) l(s);
  }
  resolve(s: FederationSnapshot) {
    this.pending.shift()!(s);
  }
}

class Session implements SnapshotSource {
  model = new Model();
  private readonly reloadListeners: Array<() => void> = [];
  onDidReload(listener: () => void) {
    this.reloadListeners.push(listener);
    return { dispose: () => void this.reloadListeners.splice(this.reloadListeners.indexOf(listener), 1) };
  }
  reload(next = new Model()) {
    this.model = next;
    for (const l of this.reloadListeners) l();
  }
}

const names = (sent: FederationSnapshot[]) => sent.map((s) => s.clusters.map((c) => c.name).join(','));
const settled = () => new Promise((resolve) => setImmediate(resolve));

test("the model's changes reach the server; after a reload, a fresh snapshot does and the old model is not heard", async () => {
  const session = new Session();
  const sent: FederationSnapshot[] = [];
  const feed = feedSnapshots(session, (s) => sent.push(s), assert.fail);
  session.model.emit(snapshotOf('member1'));
  const old = session.model;
  session.reload();
  old.emit(snapshotOf('stale'));
  assert.equal(old.listeners.size, 0);
  session.model.resolve(snapshotOf('other1', 'other2'));
  await settled();
  session.model.emit(snapshotOf('other1'));
  assert.deepEqual(names(sent), ['member1', 'other1,other2', 'other1']);
  feed.dispose();
  session.model.emit(snapshotOf('after-dispose'));
  assert.equal(sent.length, 3);
});

test('of two quick reloads, only the newer snapshot is sent, whichever resolves first', async () => {
  const session = new Session();
  const sent: FederationSnapshot[] = [];
  feedSnapshots(session, (s) => sent.push(s), assert.fail);
  session.reload();
  const first = session.model;
  session.reload();
  session.model.resolve(snapshotOf('newer'));
  await settled();
  first.resolve(snapshotOf('older'));
  await settled();
  assert.deepEqual(names(sent), ['newer']);
});

test('a snapshot that fails after a reload is a warning naming why, not a crash', async () => {
  const session = new Session();
  const warnings: string[] = [];
  feedSnapshots(session, () => assert.fail('nothing to send'), (m) => warnings.push(m));
  session.reload(new Model(new Error('host: connection refused')));
  await settled();
  assert.deepEqual(warnings, ['federation snapshot after reload failed: host: connection refused']);
});
