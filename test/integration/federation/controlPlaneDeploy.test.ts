// Deploy through the lab's real Karmada: Flotilla applies templates and a PropagationPolicy to the host and
// follows karmada-scheduler, the Works and the members' status back through watches; the results and
// failures are Karmada's own. Each test works in its own namespace and removes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import type { ControlPlaneEvent } from '../../../core/karmada/events';
import { deployThroughKarmada } from '../../../core/karmada/deploy';
import { deleteThroughKarmada } from '../../../core/karmada/remove';
import { planKarmadaDeploy, type ReplicaScheduling, type Toleration } from '../../../core/karmada/policy';
import { ResourceResolver } from '../../../core/kube/manifests';
import type { KubeObject } from '../../../core/kube/watch';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { watchUntil } from '../../support/watchUntil';

const prefix = `cpd-${process.pid}`;
// Each test has its own namespace: the one a previous test deleted may still be terminating.
let namespace = prefix;
const settings = { concurrency: 4, timeoutMs: 20_000, fieldManager: 'flotilla-test', followMs: 90_000 };

function deployment(name: string, replicas: number): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '10m' } } }] } } },
  };
}


const namespaceObject = (): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });

function useNamespace(suffix: string, clients: { request: (c: string, r: { method: 'DELETE'; path: string }) => Promise<unknown> }): void {
  namespace = `${prefix}-${suffix}`;
  const mine = namespace;
  cleanups.push(async () => {
    await clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/${mine}` }).catch(() => undefined);
  });
}

async function collect(stream: AsyncIterable<ControlPlaneEvent>): Promise<ControlPlaneEvent[]> {
  const events: ControlPlaneEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

function plan(name: string, replicas: number, members: string[], scheduling: ReplicaScheduling, tolerations?: Toleration[], extra: KubeObject[] = []) {
  return planKarmadaDeploy([namespaceObject(), deployment(name, replicas), ...extra], { members, scheduling, name: `flotilla-${name}`, tolerations });
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

test('a Deployment divided 1:2 between member1 and member2 lands as 2 and 4 running pods, followed in order from the binding', { timeout: 150_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  useNamespace('divided', clients);
  const name = 'divided';
  const p = plan(name, 6, ['member1', 'member2'], { type: 'DividedStatic', weights: { member1: 1, member2: 2 } });
  const events = await collect(deployThroughKarmada(clients, resolver, 'host', p, settings));
  const kinds = events.map((e) => e.type);
  assert.equal(kinds[0], 'applied');
  assert.equal(kinds.at(-1), 'done');
  const index = (pred: (e: ControlPlaneEvent) => boolean) => events.findIndex(pred);
  const bound = index((e) => e.type === 'bound');
  const scheduled = index((e) => e.type === 'scheduled');
  assert.ok(bound > 0 && scheduled > bound, `bound before scheduled: ${kinds.join(' ')}`);
  const placed = events[scheduled] as Extract<ControlPlaneEvent, { type: 'scheduled' }>;
  assert.deepEqual(placed.placements, [{ cluster: 'member1', replicas: 2 }, { cluster: 'member2', replicas: 4 }]);
  for (const member of ['member1', 'member2']) {
    const applied = index((e) => e.type === 'workApplied' && e.cluster === member);
    const healthy = index((e) => e.type === 'healthy' && e.cluster === member);
    assert.ok(applied > scheduled && healthy > applied, `${member}: scheduled, Work applied, healthy in order: ${kinds.join(' ')}`);
  }
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.problems, []);
  assert.deepEqual(done.results.map((r) => [r.cluster, r.ok, r.controlPlane]), [['member1', true, 'host'], ['member2', true, 'host']]);
  assert.match(done.results[0].summary, /^healthy, 2 replicas \(2\/2 ready\)$/);
  assert.match(done.results[1].summary, /^healthy, 4 replicas \(4\/4 ready\)$/);
  for (const [member, replicas] of [['member1', 2], ['member2', 4]] as const) {
    const pods = await clients.request<{ items: KubeObject[] }>(member, { path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: `app=${name}` } });
    assert.equal(pods.items.filter((pod) => pod.status?.phase === 'Running').length, replicas, `${replicas} running pods on ${member}`);
  }
  const member3 = await clients.request<{ items: KubeObject[] }>('member3', { path: `/apis/apps/v1/namespaces/${namespace}/deployments` }).catch(() => ({ items: [] }));
  assert.equal(member3.items.length, 0, 'nothing on member3');

  const removal = await collect(deleteThroughKarmada(clients, resolver, 'host', p, { ...settings, memberContexts: { member1: 'member1', member2: 'member2' } }));
  const removalKinds = removal.map((e) => e.type);
  assert.ok(removalKinds.indexOf('unbound') >= 0, removalKinds.join(' '));
  const cleared = removal.filter((e) => e.type === 'cleared').map((e) => (e as { cluster: string }).cluster).sort();
  assert.deepEqual(cleared, ['member1', 'member2']);
  const removed = removal.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(removed.results.map((r) => [r.cluster, r.ok]), [['member1', true], ['member2', true]]);
  for (const member of ['member1', 'member2']) {
    await watchUntil(clients, member, `/apis/apps/v1/namespaces/${namespace}/deployments`, (items) => !items.some((d) => d.metadata.name === name), `${name} gone from ${member}`, 5_000);
  }
  await assert.rejects(clients.request('host', { path: `/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies/flotilla-${name}` }), /not found/);
});

test('a policy no member fits ends with Karmada\'s own Scheduled=False message, and member3\'s untolerated taint is named', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  useNamespace('unfit', clients);
  // member3 carries the dedicated=gpu:NoSchedule taint (seed/members.yaml); the generated policy does not tolerate it.
  const p = plan('tainted', 1, ['member3'], { type: 'Duplicated' });
  const events = await collect(deployThroughKarmada(clients, resolver, 'host', p, settings));
  const unschedulable = events.find((e) => e.type === 'unschedulable') as Extract<ControlPlaneEvent, { type: 'unschedulable' }> | undefined;
  assert.ok(unschedulable, JSON.stringify(events));
  assert.match(unschedulable.message, /^0\/\d+ clusters are available: .*untolerated taint/);
  t.diagnostic(`Karmada: ${unschedulable.message}`);
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.results, []);
  assert.equal(done.problems.length, 1);
  assert.equal(done.problems[0].template, `Deployment ${namespace}/tainted`);
  assert.ok(done.problems[0].message.includes(unschedulable.message), done.problems[0].message);
  assert.match(done.problems[0].message, /^Scheduled=False \(NoClusterFit\): /);

  // A clusterAffinity on a label no member has: from the file's own policy.
  const affinity = planKarmadaDeploy([namespaceObject(), deployment('nowhere', 1), {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'nowhere', namespace },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nowhere' }], placement: { clusterAffinity: { labelSelector: { matchLabels: { 'flotilla.test/nobody': 'has-this' } } } } },
  }]);
  assert.ok(affinity.policiesFromFile);
  const second = await collect(deployThroughKarmada(clients, resolver, 'host', affinity, settings));
  const last = second.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.match(last.problems[0]?.message ?? '', /^Scheduled=False \(NoClusterFit\): 0\/\d+ clusters are available: .*cluster affinity/);
  for (const name of ['tainted', 'nowhere']) {
    await assert.rejects(clients.request('member3', { path: `/apis/apps/v1/namespaces/${namespace}/deployments/${name}` }), /not found/);
  }
  await collect(deleteThroughKarmada(clients, resolver, 'host', { ...p, templates: [...p.templates, deployment('nowhere', 1)], policies: [...p.policies, ...affinity.policies] }, settings));
});

test('a read-only identity on the control plane gets a 403 naming it, before anything is applied', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  useNamespace('denied', clients);
  const name = 'denied';
  const p = plan(name, 1, ['member1'], { type: 'Duplicated' });
  const stream = deployThroughKarmada(clients, resolver, 'host-viewer', p, settings);
  await assert.rejects(collect(stream), (err: Error & { kind?: string; describe?: () => string }) => {
    assert.equal(err.kind, 'forbidden');
    const token = (parse(readFileSync(lab.kubeconfigPath, 'utf8')) as { users: { name: string; user: { token?: string } }[] }).users.find((u) => u.name === 'host-viewer')?.user.token;
    assert.ok(token && !err.describe!().includes(token), 'the viewer\'s token stays out of the message');
    assert.match(err.describe!(), /^403 forbidden: Karmada control plane host-viewer: cannot create namespaces; .*cannot create deployments\.apps in cpd-\d+-denied; .*cannot create propagationpolicies\.policy\.karmada\.io in cpd-\d+-denied.*nothing was applied$/);
    return true;
  });
  await assert.rejects(clients.request('host', { path: `/api/v1/namespaces/${namespace}` }), /not found/);
});

test('a member already running an unmanaged object of that name fails with the Work\'s Applied=False message; the other lands', { timeout: 150_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  useNamespace('conflict', clients);
  const name = 'taken';
  await clients.request('host', { method: 'POST', path: '/api/v1/namespaces', body: namespaceObject() });
  // Karmada syncs the namespace to the members; then member1 gets its own Deployment of the same name.
  await watchUntil(clients, 'member1', '/api/v1/namespaces', (items) => items.some((n) => n.metadata.name === namespace), `${namespace} on member1`);
  await clients.request('member1', { method: 'POST', path: `/apis/apps/v1/namespaces/${namespace}/deployments`, body: deployment(name, 1) });
  const p = plan(name, 1, ['member1', 'member2'], { type: 'Duplicated' });
  const events = await collect(deployThroughKarmada(clients, resolver, 'host', p, settings));
  const failed = events.find((e) => e.type === 'failed') as Extract<ControlPlaneEvent, { type: 'failed' }> | undefined;
  assert.equal(failed?.cluster, 'member1', JSON.stringify(events));
  t.diagnostic(`member1: ${failed.reason}`);
  assert.match(failed.reason, /Applied=False \(AppliedFailed: Failed to apply all manifests \(0\/1\): .+\)|not applied: .+/);
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.results.map((r) => [r.cluster, r.ok]), [['member1', false], ['member2', true]]);
  assert.match(done.results[0].summary, /^Deployment cpd-\d+-conflict\/taken: /);
  await collect(deleteThroughKarmada(clients, resolver, 'host', p, settings));
});

test('cancelling stops following and undoes nothing: the template and its policy stay, the result says it stopped', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  useNamespace('cancel', clients);
  const p = plan('stopped', 1, ['member1'], { type: 'Duplicated' });
  const controller = new AbortController();
  const events: ControlPlaneEvent[] = [];
  for await (const e of deployThroughKarmada(clients, resolver, 'host', p, { ...settings, signal: controller.signal })) {
    events.push(e);
    if (e.type === 'applied') controller.abort();
  }
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.equal(done.type, 'done');
  const stopped = [...done.problems.map((p) => p.message), ...done.results.map((r) => r.summary)].join(' ');
  assert.match(stopped, /stopped following/);
  await clients.request('host', { path: `/apis/apps/v1/namespaces/${namespace}/deployments/stopped` });
  await clients.request('host', { path: `/apis/policy.karmada.io/v1alpha1/namespaces/${namespace}/propagationpolicies/flotilla-stopped` });
  await collect(deleteThroughKarmada(clients, resolver, 'host', p, settings));
});
