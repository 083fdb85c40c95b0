// Deploy through Karmada to 3 members: Flotilla's whole flow (access check, server-side apply of the
// template and a generated PropagationPolicy, then following binding, Works and member health by watch)
// against the same work by hand through the API (apply, then one watch on the binding until every member
// is healthy in its aggregated status). Target: Flotilla's following adds at most 10% to what Karmada
// itself takes. Flotilla runs twice: the whole flow with its access check, and from the user's Apply (the
// command checks access before its dry-run and confirmation, so Apply starts at the apply); and a watch
// beside it measures how long after Karmada's status says "all healthy" Flotilla reports it. Needs a lab with Karmada live: FLOTILLA_BENCH_LAB_DIR (e.g. the shared /tmp/flotilla-lab).
import { performance } from 'node:perf_hooks';
import { bindingName } from '../../core/karmada/bindings';
import { deployThroughKarmada } from '../../core/karmada/deploy';
import { planKarmadaDeploy, tolerationsFor, type KarmadaPlan } from '../../core/karmada/policy';
import { ClusterClients } from '../../core/kube/clients';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import { ResourceResolver } from '../../core/kube/manifests';
import { ResourceWatch, type KubeObject } from '../../core/kube/watch';
import { benchLab } from './benchLab';

const ROUNDS = 8;
const REPLICAS = 2;
const settings = { concurrency: 4, timeoutMs: 20_000, fieldManager: 'flotilla-bench', followMs: 120_000 };

function objects(namespace: string): KubeObject[] {
  const labels = { app: 'bench' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench', namespace }, spec: { replicas: REPLICAS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '10m' } } }] } } } },
  ];
}

async function planFor(clients: ClusterClients, members: string[], namespace: string): Promise<KarmadaPlan> {
  const clusters = await clients.request<{ items: KubeObject[] }>('host', { path: '/apis/cluster.karmada.io/v1alpha1/clusters' });
  return planKarmadaDeploy(objects(namespace), { members, scheduling: { type: 'Duplicated' }, name: 'flotilla-bench', tolerations: tolerationsFor(clusters.items, members) });
}

async function flotilla(clients: ClusterClients, resolver: ResourceResolver, plan: KarmadaPlan, members: number, skipAccessCheck = false): Promise<{ ms: number; healthy: number; lagMs: number; applyMs: number }> {
  const start = performance.now();
  // The same watch as by hand, beside Flotilla: when Karmada's own status said "all healthy" (a new
  // namespace: generation 1), to measure how long after that Flotilla's follow reports it.
  let sawHealthy = 0;
  const observer = healthyOnBinding(clients, plan, members, 1).then(() => (sawHealthy = performance.now()));
  let healthy = 0;
  let appliedAt = 0;
  for await (const e of deployThroughKarmada(clients, resolver, 'host', plan, { ...settings, skipAccessCheck })) {
    if (e.type === 'done') healthy = e.results.filter((r) => r.ok).length;
    if (e.type === 'applied') appliedAt = performance.now();
  }
  const done = performance.now();
  await observer;
  if (healthy !== members) throw new Error(`flotilla: ${healthy}/${members} members healthy`);
  return { ms: done - start, healthy, lagMs: done - sawHealthy, applyMs: appliedAt - start };
}

/** Resolves (with the member count) when one watch on the binding shows every member Healthy for `generation`. */
async function healthyOnBinding(clients: ClusterClients, plan: KarmadaPlan, members: number, generation: number): Promise<number> {
  const deployment = plan.followed[0];
  const name = bindingName(deployment.kind!, deployment.metadata.name);
  const watch = new ResourceWatch(clients, 'host', `/apis/work.karmada.io/v1alpha2/namespaces/${deployment.metadata.namespace}/resourcebindings?fieldSelector=metadata.name%3D${name}`, { timeoutMs: 20_000 });
  const healthy = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('by hand: not healthy in 120 s')), 120_000);
    watch.onChange(() => {
      const items = ((watch.items()[0]?.status?.aggregatedStatus ?? []) as { applied?: boolean; health?: string; status?: { resourceTemplateGeneration?: number } }[]);
      const ok = items.filter((i) => i.applied && i.health === 'Healthy' && (i.status?.resourceTemplateGeneration ?? 0) >= generation).length;
      if (ok === members) {
        clearTimeout(timer);
        resolve(ok);
      }
    });
    watch.start();
  });
  watch.stop();
  return healthy;
}

/** By hand: server-side apply each object, then watch the binding until every member reports Healthy for this generation. */
async function byHand(clients: ClusterClients, plan: KarmadaPlan, members: number): Promise<{ ms: number; healthy: number; applyMs: number }> {
  const start = performance.now();
  let generation = 0;
  for (const obj of [...plan.templates, ...plan.policies]) {
    const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
    const plural = { Namespace: 'namespaces', Deployment: 'deployments', PropagationPolicy: 'propagationpolicies' }[obj.kind!]!;
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const path = `${base}${obj.metadata.namespace ? `/namespaces/${obj.metadata.namespace}` : ''}/${plural}/${obj.metadata.name}`;
    const applied = await clients.request<KubeObject>('host', { method: 'PATCH', path, query: { fieldManager: 'flotilla-bench-manual' }, body: obj, contentType: 'application/apply-patch+yaml' });
    if (obj.kind === 'Deployment') generation = applied.metadata.generation as number;
  }
  const applyMs = performance.now() - start;
  const healthy = await healthyOnBinding(clients, plan, members, generation);
  return { ms: performance.now() - start, healthy, applyMs };
}

async function removeNamespace(clients: ClusterClients, namespace: string, members: string[]): Promise<void> {
  await clients.request('host', { method: 'DELETE', path: `/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies/flotilla-bench` }).catch(() => undefined);
  await clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/${namespace}` }).catch(() => undefined);
  // Karmada deletes the member namespaces once the host's is gone; wait for the Deployments to leave so rounds do not overlap.
  await Promise.all(members.map((m) => new Promise<void>((resolve) => {
    const w = new ResourceWatch(clients, m, `/apis/apps/v1/namespaces/${namespace}/deployments`, { timeoutMs: 20_000 });
    const timer = setTimeout(done, 60_000);
    function done() {
      clearTimeout(timer);
      w.stop();
      resolve();
    }
    w.onChange(() => w.state === 'live' && w.items().length === 0 && done());
    w.start();
  })));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const lab = await benchLab(3);
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfig]), { trusted: true });
  // One resolver for the whole run, as the extension keeps one per session (discovery cached).
  const resolver = new ResourceResolver(clients);
  const members = lab.members.map((m) => m.name);
  const stamp = `cpb-${Date.now().toString(36)}`;
  const times = { flotilla: [] as number[], afterApply: [] as number[], byHand: [] as number[] };
  const lags: number[] = [];
  const applies = { flotilla: [] as number[], afterApply: [] as number[], byHand: [] as number[] };
  try {
    // Warm-up outside the timings: TLS sessions, discovery, Node's lazy loading.
    const warm = `${stamp}-warm`;
    await flotilla(clients, resolver, await planFor(clients, members, warm), members.length);
    await removeNamespace(clients, warm, members);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first so that neither always meets a busier control plane.
      const variants = ['flotilla', 'afterApply', 'byHand'] as const;
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const which of order) {
        const namespace = `${stamp}-${which.toLowerCase()}-${round}`;
        const plan = await planFor(clients, members, namespace);
        if (which !== 'byHand') {
          const r = await flotilla(clients, resolver, plan, members.length, which === 'afterApply');
          times[which].push(r.ms);
          lags.push(r.lagMs);
          applies[which].push(r.applyMs);
        } else {
          const r = await byHand(clients, plan, members.length);
          times.byHand.push(r.ms);
          applies.byHand.push(r.applyMs);
        }
        await removeNamespace(clients, namespace, members);
      }
    }
    const f = median(times.flotilla);
    const a = median(times.afterApply);
    const h = median(times.byHand);
    const overhead = (f - h) / h;
    const watching = (a - h) / h;
    console.log(`deploy through Karmada to ${members.length} members (${REPLICAS} replicas each, Duplicated), median of ${ROUNDS}:`);
    console.log(`  flotilla (access check, apply, follow to healthy): ${(f / 1000).toFixed(2)} s  [${times.flotilla.map((t) => (t / 1000).toFixed(2)).join(', ')}]`);
    console.log(`  flotilla after the user's Apply (apply, follow):    ${(a / 1000).toFixed(2)} s  [${times.afterApply.map((t) => (t / 1000).toFixed(2)).join(', ')}]`);
    console.log(`  by hand (apply, watch the binding to healthy):      ${(h / 1000).toFixed(2)} s  [${times.byHand.map((t) => (t / 1000).toFixed(2)).join(', ')}]`);
    console.log(`  of which up to applied: flotilla ${median(applies.flotilla).toFixed(0)} ms (access check, read-before-apply), after Apply ${median(applies.afterApply).toFixed(0)} ms, by hand ${median(applies.byHand).toFixed(0)} ms`);
    console.log(`  flotilla adds ${(overhead * 100).toFixed(1)}% with its access check, ${(watching * 100).toFixed(1)}% from the user's Apply (target <= 10%); its report comes ${median(lags).toFixed(0)} ms (median) after Karmada's status says all healthy [${lags.map((l) => l.toFixed(0)).join(', ')}]`);
    if (watching > 0.1) process.exitCode = 1;
  } finally {
    clients.dispose();
    await lab.stop();
  }
}

void main();
