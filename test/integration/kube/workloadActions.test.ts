/**
 * Scale, rollout restart and rollout status across the lab's members, judged by the real controllers
 * (kube-controller-manager's Deployment and ReplicaSet controllers, kube-scheduler, KWOK's pods), and a
 * federated Deployment scaled on its Karmada template only, with Karmada dividing the new count.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { bindingName } from '../../../core/karmada/bindings';
import { waitForTemplateRollout, type TemplateRollout } from '../../../core/karmada/templateRollout';
import type { ClusterClients } from '../../../core/kube/clients';
import { workloadPath } from '../../../core/kube/inspect';
import { rolloutStatusAcross, waitForRollout } from '../../../core/kube/rollout';
import type { KubeList, KubeObject } from '../../../core/kube/watch';
import { actAcross, RESTARTED_AT } from '../../../core/kube/workloadActions';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { watchUntil } from '../../support/watchUntil';

const suffix = randomBytes(3).toString('hex');
const members = ['member1', 'member2'];
const fanOut = { concurrency: 4, timeoutMs: 15_000 };

function deployment(namespace: string, name: string, replicas: number): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
  };
}

async function create(clients: ClusterClients, cluster: string, path: string, body: unknown): Promise<void> {
  await clients.request(cluster, { method: 'POST', path, body });
}

async function deleteNamespace(clients: ClusterClients, cluster: string, namespace: string): Promise<void> {
  await clients.request(cluster, { method: 'DELETE', path: `/api/v1/namespaces/${namespace}` }).catch((err: { kind?: string }) => {
    if (err.kind !== 'notFound') throw err;
  });
}

async function ownNamespace(clients: ClusterClients, clusters: string[], namespace: string): Promise<void> {
  after(() => Promise.all(clusters.map((c) => deleteNamespace(clients, c, namespace))));
  await Promise.all(clusters.map((c) => create(clients, c, '/api/v1/namespaces', { metadata: { name: namespace } })));
}

test('scale on two members: rollout status follows the real controllers to the new count on each', { timeout: 180_000 }, async () => {
  const { clients } = await labClients();
  const namespace = `wl-scale-${suffix}`;
  const ref = { kind: 'Deployment', namespace, name: 'echo' };
  await ownNamespace(clients, members, namespace);
  await Promise.all(members.map((c) => create(clients, c, `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(namespace, 'echo', 1))));
  const first = await rolloutStatusAcross(clients, members, ref, { deadlineMs: 60_000, concurrency: 4 });
  assert.deepEqual(first.map((r) => r.ok && [r.cluster, r.value.done, r.value.replicas]), [['member1', true, 1], ['member2', true, 1]]);

  const scaled = await actAcross(clients, members, ref, { kind: 'scale', replicas: 3 }, fanOut);
  assert.deepEqual(scaled.map((r) => r.ok && [r.cluster, r.value.replicas]), [['member1', 3], ['member2', 3]]);
  const progress: string[] = [];
  const status = await rolloutStatusAcross(clients, members, ref, { deadlineMs: 90_000, concurrency: 4, onResult: (r) => progress.push(r.cluster) });
  for (const r of status) {
    assert.ok(r.ok, r.ok ? '' : r.error.describe());
    assert.equal(r.value.done, true, `${r.cluster}: ${r.value.message}`);
    assert.equal(r.value.message, 'successfully rolled out (3 replicas)');
  }
  assert.deepEqual(progress.sort(), members);
  // What the controllers report, read back independently of the rollout judgement.
  for (const cluster of members) {
    const live = await clients.request<KubeObject>(cluster, { path: workloadPath(ref) });
    assert.equal(live.status?.readyReplicas, 3, cluster);
    assert.equal(live.status?.updatedReplicas, 3, cluster);
  }

  // A member where the action is refused says so, and the others still act.
  const mixed = await actAcross(clients, ['member1', 'member2-viewer'], ref, { kind: 'scale', replicas: 2 }, fanOut);
  assert.equal(mixed[0].ok, true);
  assert.ok(!mixed[1].ok);
  assert.equal(mixed[1].error.kind, 'forbidden');
  assert.match(mixed[1].error.describe(), /^403 forbidden: deployments\.apps "echo" is forbidden/);
  const back = await waitForRollout(clients, 'member1', ref, { deadlineMs: 60_000 });
  assert.deepEqual([back.done, back.replicas], [true, 2]);
});

test('rollout restart makes a new ReplicaSet that takes over every replica', { timeout: 180_000 }, async () => {
  const { clients } = await labClients();
  const namespace = `wl-restart-${suffix}`;
  const ref = { kind: 'Deployment', namespace, name: 'echo' };
  await ownNamespace(clients, members, namespace);
  await Promise.all(members.map((c) => create(clients, c, `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(namespace, 'echo', 2))));
  await rolloutStatusAcross(clients, members, ref, { deadlineMs: 60_000, concurrency: 4 });
  const replicaSets = (cluster: string) =>
    clients.request<KubeList>(cluster, { path: `/apis/apps/v1/namespaces/${namespace}/replicasets`, query: { labelSelector: 'app=echo' } }).then((l) => l.items);
  const before = await Promise.all(members.map(replicaSets));
  for (const list of before) assert.equal(list.length, 1);

  const at = new Date('2026-01-02T03:04:05.678Z');
  const restarted = await actAcross(clients, members, ref, { kind: 'restart', at }, fanOut);
  for (const r of restarted) assert.ok(r.ok && r.value.generation === 2, r.ok ? `${r.cluster}: generation ${r.value.generation}` : r.error.describe());
  const status = await rolloutStatusAcross(clients, members, ref, { deadlineMs: 120_000, concurrency: 4 });
  for (const r of status) assert.ok(r.ok && r.value.done, r.ok ? r.value.message : r.error.describe());

  for (const [i, cluster] of members.entries()) {
    const current = await replicaSets(cluster);
    assert.equal(current.length, 2, cluster);
    const fresh = current.find((rs) => rs.metadata.uid !== before[i][0].metadata.uid)!;
    const template = fresh.spec?.template as { metadata?: { annotations?: Record<string, string> } };
    assert.equal(template.metadata?.annotations?.[RESTARTED_AT], '2026-01-02T03:04:05Z');
    assert.equal(fresh.status?.readyReplicas, 2, cluster);
    const old = current.find((rs) => rs.metadata.uid === before[i][0].metadata.uid)!;
    assert.equal(old.spec?.replicas, 0, cluster);
  }
});

test('a rollout that cannot complete reports where it stands at the deadline, and cancelling stops the wait', { timeout: 120_000 }, async () => {
  const { clients } = await labClients();
  const namespace = `wl-stuck-${suffix}`;
  const ref = { kind: 'Deployment', namespace, name: 'stuck' };
  await ownNamespace(clients, ['member3'], namespace);
  const stuck = deployment(namespace, 'stuck', 2);
  // No node carries this label: the scheduler leaves both pods Pending, so none becomes available.
  (stuck.spec!.template as { spec: Record<string, unknown> }).spec.nodeSelector = { 'flotilla.dev/none': 'true' };
  await create(clients, 'member3', `/apis/apps/v1/namespaces/${namespace}/deployments`, stuck);
  // Once the Deployment controller has seen it, where the rollout stands no longer depends on how loaded the machine is.
  await watchUntil(clients, 'member3', `/apis/apps/v1/namespaces/${namespace}/deployments`, ([d]) => d && (d.status?.observedGeneration as number | undefined) === d.metadata.generation && d.status?.updatedReplicas === 2, 'the Deployment controller to create both pods');
  const states: string[] = [];
  const result = await waitForRollout(clients, 'member3', ref, { deadlineMs: 4_000, onProgress: (s) => states.push(s.message) });
  assert.equal(result.done, false);
  assert.equal(result.timedOut, true);
  assert.equal(result.message, 'not complete after 4 s: 0 of 2 updated replicas are available');
  assert.ok(states.length >= 1);

  const controller = new AbortController();
  const waiting = waitForRollout(clients, 'member3', ref, { deadlineMs: 60_000, signal: controller.signal, onProgress: () => controller.abort() });
  await assert.rejects(waiting, (err: { kind?: string }) => err.kind === 'cancelled');
  const missing = await waitForRollout(clients, 'member3', { ...ref, name: 'absent' }, { deadlineMs: 10_000 }).then(
    () => assert.fail('a rollout of a missing Deployment'),
    (e: { kind?: string; message?: string }) => e,
  );
  assert.equal(missing.kind, 'notFound');
  assert.equal(missing.message, `Deployment ${namespace}/absent does not exist`);
});

test('a federated Deployment is scaled on its Karmada template: Karmada divides 4 replicas 2+2 between the members', { timeout: 240_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const namespace = `wl-karmada-${suffix}`;
  const ref = { kind: 'Deployment', namespace, name: 'divided' };
  // Karmada propagates the namespace to every member; deleting it on the host removes it there too.
  after(() => Promise.all(members.map((c) => deleteNamespace(clients, c, namespace))));
  await ownNamespace(clients, ['host'], namespace);
  await create(clients, 'host', `/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies`, {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'divided', namespace },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'divided' }],
      placement: {
        clusterAffinity: { clusterNames: members },
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { staticWeightList: members.map((m) => ({ targetCluster: { clusterNames: [m] }, weight: 1 })) },
        },
      },
    },
  });
  await create(clients, 'host', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(namespace, 'divided', 2));
  const initial = await waitForTemplateRollout(clients, 'host', ref, { deadlineMs: 120_000 });
  assert.ok(initial.done, initial.message);
  assert.deepEqual(split(initial), [['member1', 1], ['member2', 1]]);

  const scaled = await actAcross(clients, ['host'], ref, { kind: 'scale', replicas: 4 }, fanOut);
  assert.ok(scaled[0].ok && scaled[0].value.replicas === 4);
  const seen: string[] = [];
  const rollout = await waitForTemplateRollout(clients, 'host', ref, { deadlineMs: 120_000, onProgress: (r) => seen.push(r.message) });
  assert.ok(rollout.done, rollout.message);
  assert.equal(rollout.timedOut, false);
  assert.deepEqual(split(rollout), [['member1', 2], ['member2', 2]]);
  assert.equal(rollout.message, 'rolled out on member1 (2), member2 (2)');
  assert.ok(seen.length >= 1);
  // The members' own Deployments, as their controllers run them.
  for (const cluster of members) {
    const ready = await watchUntil(
      clients,
      cluster,
      `/apis/apps/v1/namespaces/${namespace}/deployments`,
      (items) => items.find((d) => d.metadata.name === 'divided' && d.spec?.replicas === 2 && d.status?.readyReplicas === 2),
      'divided at 2 ready replicas',
    );
    assert.ok(ready);
  }
  const binding = await clients.request<KubeObject>('host', { path: `/apis/work.karmada.io/v1alpha2/namespaces/${namespace}/resourcebindings/${bindingName('Deployment', 'divided')}` });
  assert.equal(binding.spec?.replicas, 4);
  await clients.request('host', { method: 'DELETE', path: workloadPath(ref) });
  await clients.request('host', { method: 'DELETE', path: `/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies/divided` });
  for (const cluster of members) {
    await watchUntil(clients, cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, (items) => items.length === 0, 'divided removed by Karmada');
  }
});

function split(rollout: TemplateRollout): [string, number | undefined][] {
  return rollout.members.map((m) => [m.cluster, m.replicas] as [string, number | undefined]).sort((a, b) => a[0].localeCompare(b[0]));
}
