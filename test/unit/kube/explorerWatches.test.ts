/**
 * Control plane folders are live the way members are: a burst of binding changes refreshes the expanded
 * Resource Templates folder once per coalescing window (its expanded template is inside that refresh,
 * not refreshed again), and collapsing the folder stops the watches only it used.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { KARMADA_PATHS } from '../../../core/karmada/labels';
import type { ClusterClients } from '../../../core/kube/clients';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import type { KubeObject } from '../../../core/kube/watch';

const binding = (name: string, clusters: string[], rv: string): KubeObject => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: `${name}-deployment`, namespace: 'shop', resourceVersion: rv, labels: { 'resourcebinding.karmada.io/permanent-id': name } },
  spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name }, clusters: clusters.map((c) => ({ name: c, replicas: 1 })) },
  status: { conditions: [{ type: 'Scheduled', status: 'True' }, { type: 'FullyApplied', status: 'True' }], aggregatedStatus: clusters.map((c) => ({ clusterName: c, applied: true, health: 'Healthy' })) },
});

function fakeControlPlane(worksListed: Promise<void> = Promise.resolve()) {
  const streams = new Map<string, PassThrough>();
  const open = new Set<string>();
  const opened = new Map<string, () => void>();
  const whenOpen = (path: string) => new Promise<void>((resolve) => (open.has(path) ? resolve() : opened.set(path, resolve)));
  const lists: Record<string, KubeObject[]> = { [KARMADA_PATHS.resourceBindings]: [binding('web', ['member1'], '1')] };
  const clients = {
    async request(_context: string, req: { path: string }) {
      if (req.path === KARMADA_PATHS.works) await worksListed;
      return { metadata: { resourceVersion: '1' }, items: lists[req.path] ?? [] };
    },
    async send(_context: string, req: { path: string; signal: AbortSignal }) {
      const stream = new PassThrough();
      streams.set(req.path, stream);
      open.add(req.path);
      opened.get(req.path)?.();
      req.signal.addEventListener('abort', () => {
        open.delete(req.path);
        stream.destroy();
      });
      return stream;
    },
    problem: () => undefined,
  } as unknown as ClusterClients;
  const event = (path: string, type: string, object: KubeObject) => streams.get(path)!.write(JSON.stringify({ type, object }) + '\n');
  return { clients, open, whenOpen, event };
}

test('a burst of binding changes is one refresh of the expanded folder; collapsing stops its watches', async () => {
  const plane = fakeControlPlane();
  const model = new ExplorerModel(plane.clients, { timeoutMs: 5000, concurrency: 1, coalesceMs: 50 });
  const fired: string[] = [];
  model.onDidChange((node) => fired.push(node?.id ?? 'root'));
  const folder = (model as unknown as { node(fields: ExplorerNode): ExplorerNode }).node({
    id: 'fed/Karmada/host/templates', kind: 'templates', label: 'Resource Templates', icon: 'folder', contextValue: 'templates', collapsible: true, context: 'host', clusterName: 'host',
  });
  try {
    const [web] = await model.children(folder);
    assert.deepEqual([web.label, web.description], ['shop/web', 'Deployment → member1 ×1']);
    assert.equal(model.parent(web), folder);
    assert.deepEqual(await model.children(web), [], 'no Works yet');
    await plane.whenOpen(KARMADA_PATHS.resourceBindings);
    await plane.whenOpen(KARMADA_PATHS.works);

    const refreshed = new Promise<void>((resolve) => model.onDidChange(() => resolve()));
    plane.event(KARMADA_PATHS.resourceBindings, 'MODIFIED', binding('web', ['member1', 'member2'], '2'));
    plane.event(KARMADA_PATHS.resourceBindings, 'ADDED', binding('api', ['member2'], '3'));
    plane.event(KARMADA_PATHS.resourceBindings, 'MODIFIED', binding('web', ['member1', 'member2', 'member3'], '4'));
    await refreshed;
    assert.deepEqual(fired, [folder.id], 'one refresh, of the outermost expanded node');
    assert.deepEqual((await model.children(folder)).map((n) => [n.label, n.description]), [
      ['shop/api', 'Deployment → member2 ×1'],
      ['shop/web', 'Deployment → member1 ×1, member2 ×1, member3 ×1'],
    ]);

    model.collapsed(folder);
    assert.equal(plane.open.size, 0, `watches still open after collapse: ${[...plane.open].join(', ')}`);
  } finally {
    model.dispose();
  }
});

test('a refresh of the folder waits while a template under it is loading, then fires once', async () => {
  let listWorks!: () => void;
  const plane = fakeControlPlane(new Promise<void>((resolve) => (listWorks = resolve)));
  const model = new ExplorerModel(plane.clients, { timeoutMs: 5000, concurrency: 1, coalesceMs: 10 });
  const fired: string[] = [];
  model.onDidChange((node) => fired.push(node?.id ?? 'root'));
  const folder = (model as unknown as { node(fields: ExplorerNode): ExplorerNode }).node({
    id: 'fed/Karmada/host/templates', kind: 'templates', label: 'Resource Templates', icon: 'folder', contextValue: 'templates', collapsible: true, context: 'host', clusterName: 'host',
  });
  try {
    const [web] = await model.children(folder);
    await plane.whenOpen(KARMADA_PATHS.resourceBindings);
    const works = model.children(web);
    let windowClosed!: () => void;
    const coalesced = new Promise<void>((resolve) => (windowClosed = resolve));
    const spied = model as unknown as { refreshNodes: (context: string, ids: string[]) => void };
    const original = spied.refreshNodes.bind(model);
    spied.refreshNodes = (context, ids) => (original(context, ids), windowClosed());
    plane.event(KARMADA_PATHS.resourceBindings, 'MODIFIED', binding('web', ['member1', 'member2'], '2'));
    // The coalescing window closes while the template is still loading: nothing may fire yet.
    await coalesced;
    assert.deepEqual(fired, [], 'held back while the template under the folder loads');
    const refreshed = new Promise<void>((resolve) => model.onDidChange(() => resolve()));
    listWorks();
    await works;
    await refreshed;
    assert.deepEqual(fired, [folder.id]);
  } finally {
    model.dispose();
  }
});

test('under steady churn a cluster\'s nodes refresh at most once per refresh interval', async () => {
  const plane = fakeControlPlane();
  const interval = 300;
  const model = new ExplorerModel(plane.clients, { timeoutMs: 5000, concurrency: 1, coalesceMs: 10, minRefreshIntervalMs: interval });
  const fired: number[] = [];
  const folder = (model as unknown as { node(fields: ExplorerNode): ExplorerNode }).node({
    id: 'fed/Karmada/host/templates', kind: 'templates', label: 'Resource Templates', icon: 'folder', contextValue: 'templates', collapsible: true, context: 'host', clusterName: 'host',
  });
  try {
    await model.children(folder);
    await plane.whenOpen(KARMADA_PATHS.resourceBindings);
    let fiveFired!: () => void;
    const five = new Promise<void>((resolve) => (fiveFired = resolve));
    model.onDidChange(() => {
      fired.push(performance.now());
      void model.children(folder);
      if (fired.length === 5) fiveFired();
    });
    // A change every 20 ms, each one visible (the binding moves between member sets).
    let n = 2;
    const churn = setInterval(() => plane.event(KARMADA_PATHS.resourceBindings, 'MODIFIED', binding('web', n % 2 ? ['member1'] : ['member1', 'member2'], String(n++))), 20);
    await five;
    clearInterval(churn);
    const gaps = fired.slice(1).map((t, i) => t - fired[i]);
    assert.ok(gaps.every((gap) => gap >= interval - 5), `gaps between refreshes: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
  } finally {
    model.dispose();
  }
});
