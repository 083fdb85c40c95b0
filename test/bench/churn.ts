// Churn for scale.bench.ts, run as its own process so that its CPU is not counted as the explorer's:
// `churn.ts KUBECONFIG RATE SECONDS MEMBER...` scales a random Deployment of namespace `load` on each
// member one replica away from its size and back (5 and 4 for the lab's default Deployments of 5, 1 and 0
// for Deployments of one, 0 and 1 for those of none), RATE times a second per member, for SECONDS: each scale is a pod created or deleted
// by the member's controllers and KWOK, and the Deployment's status changing with it (what the explorer
// shows). Prints the patches it made.
import { ClusterClients } from '../../core/kube/clients';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import type { KubeList } from '../../core/kube/watch';

const MAX_IN_FLIGHT = 32;

async function main(): Promise<void> {
  const [kubeconfig, rate, seconds, ...members] = process.argv.slice(2);
  const clients = new ClusterClients(loadKubeconfigs([kubeconfig]));
  const names = new Map<string, string[]>();
  const replicasOf = new Map<string, number>();
  for (const m of members) {
    const list = await clients.request<KubeList>(m, { path: '/apis/apps/v1/namespaces/load/deployments' });
    names.set(m, list.items.map((d) => d.metadata.name));
    for (const d of list.items) replicasOf.set(`${m}/${d.metadata.name}`, Number(d.spec?.replicas ?? 1));
  }
  const end = Date.now() + Number(seconds) * 1000;
  const interval = 1000 / Number(rate);
  let patches = 0;
  let failures = 0;
  const changed = new Set<string>();
  const changedSize = (size: number) => (size > 0 ? size - 1 : 1);
  // Patches go out on schedule without waiting for the previous one (up to MAX_IN_FLIGHT per member): a
  // slow answer from a busy member delays the rate only once that many are outstanding.
  await Promise.all(
    members.map(async (m) => {
      const pool = names.get(m)!;
      const inFlight = new Set<Promise<void>>();
      for (let next = Date.now(); next < end; next += interval) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const name = pool[Math.floor(Math.random() * pool.length)];
        const key = `${m}/${name}`;
        const replicas = changed.delete(key) ? replicasOf.get(key)! : (changed.add(key), changedSize(replicasOf.get(key)!));
        const patch: Promise<void> = clients
          .request(m, { method: 'PATCH', path: `/apis/apps/v1/namespaces/load/deployments/${name}`, contentType: 'application/merge-patch+json', body: { spec: { replicas } } })
          .then(() => void patches++, () => void failures++)
          .finally(() => inFlight.delete(patch));
        inFlight.add(patch);
      }
      await Promise.all(inFlight);
    }),
  );
  // Back to the lab's sizes everywhere, so that the next run starts from the same state.
  await Promise.all([...changed].map((key) => {
    const [m, name] = key.split('/');
    return clients.request(m, { method: 'PATCH', path: `/apis/apps/v1/namespaces/load/deployments/${name}`, contentType: 'application/merge-patch+json', body: { spec: { replicas: replicasOf.get(key) } } }).catch(() => undefined);
  }));
  clients.dispose();
  console.log(JSON.stringify({ patches, failures }));
}

void main();
