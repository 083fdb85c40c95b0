// Explorer first paint with 8 members x 200 workloads, and API requests per refresh: one list (and one
// watch) per cluster and resource type, so requests grow with clusters, not with objects.
import { performance } from 'node:perf_hooks';
import { ClusterClients } from '../../core/kube/clients';
import { ExplorerModel, type ExplorerNode } from '../../core/kube/explorer';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import type { KubeList } from '../../core/kube/watch';
import { benchLab } from './benchLab';

const WORKLOADS = 200;
const NAMESPACE = 'tree-bench';

async function seed(clients: ClusterClients, member: string): Promise<void> {
  const existing = await clients.request<KubeList>(member, { path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments` }).catch(() => ({ items: [] }) as unknown as KubeList);
  if (existing.items.length >= WORKLOADS) return;
  await clients.request(member, { method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } } }).catch(() => undefined);
  const have = new Set(existing.items.map((d) => d.metadata.name));
  const names = Array.from({ length: WORKLOADS }, (_, i) => `app-${String(i).padStart(3, '0')}`).filter((n) => !have.has(n));
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(
      names.slice(i, i + 20).map((name) =>
        clients.request(member, {
          method: 'POST',
          path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
          body: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: NAMESPACE },
            spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
          },
        }),
      ),
    );
  }
}

async function firstPaint(kubeconfig: string, expand: number): Promise<{ ms: number; requests: number; workloads: number }> {
  const clients = new ClusterClients(loadKubeconfigs([kubeconfig]));
  const model = new ExplorerModel(clients, { timeoutMs: 30_000, concurrency: 8 });
  const start = performance.now();
  const roots = await model.roots();
  const karmada = roots.find((r) => r.label.startsWith('Karmada'))!;
  const members = (await model.children(karmada)).filter((m) => m.kind === 'member').slice(0, expand);
  const afterDiscovery = clients.totalRequests();
  const painted = await Promise.all(
    members.map(async (m: ExplorerNode) => {
      const namespaces = await model.children(m);
      const ns = namespaces.find((n) => n.label === NAMESPACE);
      return ns ? (await model.children(ns)).length : 0;
    }),
  );
  const ms = performance.now() - start;
  const requests = clients.totalRequests() - afterDiscovery;
  model.dispose();
  clients.dispose();
  return { ms, requests, workloads: painted.reduce((a, b) => a + b, 0) };
}

async function main(): Promise<void> {
  const lab = await benchLab(8);
  try {
    const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfig]));
    const members = lab.members.map((m) => m.name);
    const seedStart = performance.now();
    await Promise.all(members.map((m) => seed(clients, m)));
    clients.dispose();
    console.log(`seeded ${members.length} members x ${WORKLOADS} Deployments in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    await firstPaint(lab.kubeconfig, 1); // warm-up
    const four = await firstPaint(lab.kubeconfig, 4);
    const eight = await firstPaint(lab.kubeconfig, 8);
    console.log(`tree first paint, 8 members x ${WORKLOADS} workloads: ${eight.ms.toFixed(0)} ms (discovery + every member's namespaces + ${eight.workloads} workload items)`);
    console.log(`API requests per refresh (member subtrees): 4 members ${four.requests} (${four.requests / 4}/cluster), 8 members ${eight.requests} (${eight.requests / 8}/cluster); objects listed per member: ${WORKLOADS}+`);
    if (eight.requests / 8 !== four.requests / 4 || eight.workloads !== 8 * WORKLOADS) process.exitCode = 1;
  } finally {
    await lab.stop();
  }
}

void main();
