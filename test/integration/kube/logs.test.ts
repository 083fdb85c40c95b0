/**
 * Logs across members with real lines (KWOK serves each member's log file, which the lab appends a line to
 * every second; the previous container's log is its own file): follow, since, previous container.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterClients } from '../../../core/kube/clients';
import { logRequest, streamLogs, type PodTarget } from '../../../core/kube/streams';
import type { KubeList } from '../../../core/kube/watch';
import { labClients } from '../../support/labClients';

const options = { concurrency: 4, timeoutMs: 15_000 };

async function webPods(clients: ClusterClients, clusters: string[]): Promise<PodTarget[]> {
  return Promise.all(
    clusters.map(async (cluster) => {
      const list = await clients.request<KubeList>(cluster, { path: '/api/v1/namespaces/shop/pods', query: { labelSelector: 'app=web' } });
      const pod = list.items.find((p) => p.status?.phase === 'Running');
      assert.ok(pod, `a running web pod on ${cluster}`);
      return { cluster, namespace: 'shop', pod: pod.metadata.name, node: String(pod.spec?.nodeName) };
    }),
  );
}

test('the log request carries since, previous and the tail the user chose', () => {
  const target = { cluster: 'member1', namespace: 'shop', pod: 'web-1', container: 'web' };
  const path = '/api/v1/namespaces/shop/pods/web-1/log';
  assert.deepEqual(logRequest(target, false, { sinceSeconds: 300 }), { path, query: { follow: false, timestamps: true, sinceSeconds: 300, container: 'web' } });
  assert.deepEqual(logRequest(target, false, { previous: true }), { path, query: { follow: false, timestamps: true, tailLines: 100, previous: true, container: 'web' } });
  assert.deepEqual(logRequest(target, true, { tailLines: 5, sinceSeconds: 60 }), { path, query: { follow: true, timestamps: true, tailLines: 5, sinceSeconds: 60, container: 'web' } });
});

test('following logs on two members streams the lines each member writes after the start', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const targets = await webPods(clients, ['member1', 'member2']);
  const started = new Date().toISOString();
  const controller = new AbortController();
  const fresh = new Map<string, string>();
  const lines: string[] = [];
  await streamLogs(
    clients,
    targets,
    (line) => {
      lines.push(line);
      const m = /^\[(member\d)\/\S+\] (\S+) GET \/healthz 200 \((member\d)\)$/.exec(line);
      if (m && m[2] > started) fresh.set(m[1], m[3]);
      if (fresh.size === 2) controller.abort();
    },
    { ...options, signal: controller.signal, follow: true, selection: { tailLines: 1 } },
  );
  assert.deepEqual([...fresh].sort(), [['member1', 'member1'], ['member2', 'member2']]);
  assert.ok(!lines.some((l) => l.includes('listening on :8080')), 'tailLines 1 leaves out the first lines');
});

test('since a few seconds ago leaves out the lines from the start of the log; the previous container has its own log', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const targets = await webPods(clients, ['member3']);
  const collect = async (selection: { sinceSeconds?: number; previous?: boolean }) => {
    const lines: string[] = [];
    await streamLogs(clients, targets, (l) => lines.push(l), { ...options, signal: new AbortController().signal, follow: false, selection });
    return lines;
  };
  const recent = await collect({ sinceSeconds: 5 });
  assert.ok(recent.length > 0 && recent.every((l) => /^\[member3\/web-\S+\] \S+ GET \/healthz 200 \(member3\)$/.test(l)), recent.join('\n'));
  const all = await collect({ sinceSeconds: 86400 });
  assert.ok(all.some((l) => l.endsWith(' started on member3')) && all.length > recent.length, `${all.length} lines`);
  const previous = await collect({ previous: true });
  assert.deepEqual(
    previous.map((l) => l.replace(/^(\[member3\/web-\S+\]) \S+ /, '$1 ')),
    [`[member3/${targets[0].pod}] started on member3`, `[member3/${targets[0].pod}] fatal: lost connection to the database; exiting`],
  );
});
