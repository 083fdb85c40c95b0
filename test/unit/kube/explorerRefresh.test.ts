/**
 * The explorer never asks VS Code to refresh a node while that node's children are still being
 * computed (VS Code then drops the children it is about to receive); changes that arrive meanwhile are
 * already in the children it returns, and changes after that are fired as usual.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { ClusterClients } from '../../../core/kube/clients';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import { NAMESPACES_PATH } from '../../../core/kube/workloads';

/** A cluster whose namespaces answer at once and whose workload lists wait for `releaseWorkloads()`. */
function fakeCluster() {
  const namespaceWatch = new PassThrough();
  let releaseWorkloads!: () => void;
  const workloadsReleased = new Promise<void>((resolve) => (releaseWorkloads = resolve));
  let namespaceWatchOpened!: () => void;
  const namespaceWatchReady = new Promise<void>((resolve) => (namespaceWatchOpened = resolve));
  const list = (items: unknown[]) => ({ metadata: { resourceVersion: '1' }, items });
  const clients = {
    async request(_context: string, req: { path: string }) {
      if (req.path === NAMESPACES_PATH) return list([{ metadata: { name: 'default', resourceVersion: '1' } }]);
      await workloadsReleased;
      return list([]);
    },
    async send(_context: string, req: { path: string }) {
      if (req.path === NAMESPACES_PATH) {
        namespaceWatchOpened();
        return namespaceWatch;
      }
      return new PassThrough();
    },
    problem: () => undefined,
  } as unknown as ClusterClients;
  const addNamespace = (name: string) =>
    namespaceWatch.write(JSON.stringify({ type: 'ADDED', object: { metadata: { name, resourceVersion: '2' } } }) + '\n');
  return { clients, releaseWorkloads, namespaceWatchReady, addNamespace };
}

/** Lets the model's coalescing timer (0 ms here), scheduled before this call, run first. */
const afterCoalescing = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a change during getChildren is not fired for that node but is in its children; later changes are fired', async () => {
  const cluster = fakeCluster();
  const model = new ExplorerModel(cluster.clients, { timeoutMs: 5000, concurrency: 1, coalesceMs: 0 });
  const fired: string[] = [];
  model.onDidChange((node) => fired.push(node?.id ?? 'root'));
  // Registered the way roots() registers its nodes, so that the model can refresh it.
  const member = (model as unknown as { node(fields: ExplorerNode): ExplorerNode }).node({
    id: 'fed/member/c1', kind: 'cluster', label: 'c1', icon: 'cluster', contextValue: 'cluster', collapsible: true, context: 'c1', clusterName: 'c1',
  });
  try {
    const children = model.children(member);
    await cluster.namespaceWatchReady;
    let seen!: () => void;
    const namespaceEventSeen = new Promise<void>((resolve) => (seen = resolve));
    const unsubscribeSpy = spyOnNamespaceEvents(model, seen);
    cluster.addNamespace('team-a');
    await namespaceEventSeen;
    await afterCoalescing();
    assert.deepEqual(fired, [], 'no refresh of a node whose children are pending');
    unsubscribeSpy();

    cluster.releaseWorkloads();
    assert.deepEqual((await children).map((n) => n.label), ['default', 'team-a']);

    cluster.addNamespace('team-b');
    await new Promise<void>((resolve) => model.onDidChange(() => resolve()));
    assert.deepEqual(fired, ['fed/member/c1']);
  } finally {
    model.dispose();
  }
});

/** Resolves `seen` once the model has received a watch event (it schedules its coalesced refresh then). */
function spyOnNamespaceEvents(model: ExplorerModel, seen: () => void): () => void {
  const original = (model as unknown as { changed: (context: string, path: string) => void }).changed.bind(model);
  (model as unknown as { changed: typeof original }).changed = (context, path) => {
    original(context, path);
    if (path === NAMESPACES_PATH) seen();
  };
  return () => ((model as unknown as { changed: typeof original }).changed = original);
}
