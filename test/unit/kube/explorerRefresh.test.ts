/**
 * The explorer never asks VS Code to refresh a node while that node's children are still being
 * computed (VS Code then drops the children it is about to receive); changes that arrive meanwhile are
 * already in the children it returns, and changes after that are fired as usual. A member's namespaces do
 * not wait long for its workloads: their counts follow in one refresh.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { ClusterClients } from '../../../core/kube/clients';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import { NAMESPACES_PATH } from '../../../core/kube/workloads';

const DEPLOYMENTS_PATH = '/apis/apps/v1/deployments';

/** A cluster whose namespace and workload lists each wait for their release; both collections stream watch events. */
function fakeCluster() {
  const namespaceWatch = new PassThrough();
  const deploymentWatch = new PassThrough();
  let releaseNamespaces!: () => void;
  const namespacesReleased = new Promise<void>((resolve) => (releaseNamespaces = resolve));
  let releaseWorkloads!: () => void;
  const workloadsReleased = new Promise<void>((resolve) => (releaseWorkloads = resolve));
  let deploymentWatchOpened!: () => void;
  const deploymentWatchReady = new Promise<void>((resolve) => (deploymentWatchOpened = resolve));
  const list = (items: unknown[]) => ({ metadata: { resourceVersion: '1' }, items });
  const clients = {
    async request(_context: string, req: { path: string }) {
      if (req.path === NAMESPACES_PATH) {
        await namespacesReleased;
        return list([{ metadata: { name: 'default', resourceVersion: '1' } }]);
      }
      await workloadsReleased;
      return list(req.path === DEPLOYMENTS_PATH ? [deployment('web')] : []);
    },
    async send(_context: string, req: { path: string }) {
      if (req.path === NAMESPACES_PATH) return namespaceWatch;
      if (req.path === DEPLOYMENTS_PATH) {
        deploymentWatchOpened();
        return deploymentWatch;
      }
      return new PassThrough();
    },
    problem: () => undefined,
  } as unknown as ClusterClients;
  const event = (object: unknown) => JSON.stringify({ type: 'ADDED', object }) + '\n';
  const addNamespace = (name: string) => namespaceWatch.write(event({ metadata: { name, resourceVersion: '2' } }));
  const addDeployment = (name: string) => deploymentWatch.write(event(deployment(name)));
  return { clients, releaseNamespaces, releaseWorkloads, deploymentWatchReady, addNamespace, addDeployment };
}

function deployment(name: string) {
  return { metadata: { name, namespace: 'default', resourceVersion: '2' }, spec: { replicas: 1 }, status: {} };
}

/** Lets the model's coalescing timer (0 ms here), scheduled before this call, run first. */
const afterCoalescing = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A model over `cluster` (coalescing at 0 ms), the ids it asks to refresh, and a member node it can refresh. */
function modelOf(cluster: ReturnType<typeof fakeCluster>) {
  const model = new ExplorerModel(cluster.clients, { timeoutMs: 5000, concurrency: 1, coalesceMs: 0 });
  const fired: string[] = [];
  model.onDidChange((node) => fired.push(node?.id ?? 'root'));
  // Registered the way roots() registers its nodes, so that the model can refresh it.
  const member = (model as unknown as { node(fields: ExplorerNode): ExplorerNode }).node({
    id: 'fed/member/c1', kind: 'cluster', label: 'c1', icon: 'cluster', contextValue: 'cluster', collapsible: true, context: 'c1', clusterName: 'c1',
  });
  return { model, fired, member };
}

test('a change during getChildren is not fired for that node but is in its children; later changes are fired', async () => {
  const cluster = fakeCluster();
  const { model, fired, member } = modelOf(cluster);
  try {
    const children = model.children(member);
    cluster.releaseWorkloads();
    await cluster.deploymentWatchReady;
    let seen!: () => void;
    const deploymentEventSeen = new Promise<void>((resolve) => (seen = resolve));
    const unsubscribeSpy = spyOnEvents(model, DEPLOYMENTS_PATH, seen);
    cluster.addDeployment('api');
    await deploymentEventSeen;
    await afterCoalescing();
    assert.deepEqual(fired, [], 'no refresh of a node whose children are pending');
    unsubscribeSpy();

    cluster.releaseNamespaces();
    assert.deepEqual((await children).map((n) => [n.label, n.description]), [['default', '2']]);

    cluster.addNamespace('team-b');
    await new Promise<void>((resolve) => model.onDidChange(() => resolve()));
    assert.deepEqual(fired, ['fed/member/c1']);
  } finally {
    model.dispose();
  }
});

test("a member's namespaces show before its workloads are listed, and their counts follow in one refresh", async () => {
  const cluster = fakeCluster();
  const { model, fired, member } = modelOf(cluster);
  try {
    cluster.releaseNamespaces();
    assert.deepEqual((await model.children(member)).map((n) => [n.label, n.description]), [['default', '']]);
    const refreshed = new Promise<void>((resolve) => model.onDidChange(() => resolve()));
    cluster.releaseWorkloads();
    await refreshed;
    assert.deepEqual(fired, ['fed/member/c1']);
    assert.deepEqual((await model.children(member)).map((n) => [n.label, n.description]), [['default', '1']]);
  } finally {
    model.dispose();
  }
});

/** Resolves `seen` once the model has received a watch event of `watched` (it schedules its coalesced refresh then). */
function spyOnEvents(model: ExplorerModel, watched: string, seen: () => void): () => void {
  const original = (model as unknown as { changed: (context: string, path: string) => void }).changed.bind(model);
  (model as unknown as { changed: typeof original }).changed = (context, path) => {
    original(context, path);
    if (path === watched) seen();
  };
  return () => ((model as unknown as { changed: typeof original }).changed = original);
}
