// Deliver through the lab's real OCM hub: Flotilla writes one ManifestWork per ManagedCluster (picked by
// name, or decided by a Placement), the members' real work agents apply it, and the result is the
// ManifestWork's own conditions and status feedback; withdrawing follows the works and member objects away.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ControlPlaneEvent } from '../../../core/karmada/events';
import { ResourceResolver } from '../../../core/kube/manifests';
import type { KubeObject } from '../../../core/kube/watch';
import { deliverThroughOcm, placementDecisions, replicaSetServed, withdrawThroughOcm } from '../../../core/ocm/deliver';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';

const namespace = `cpo-${process.pid}`;
const settings = { concurrency: 4, timeoutMs: 20_000, fieldManager: 'flotilla-test', followMs: 90_000, memberContexts: { member1: 'member1', member2: 'member2' } };

const manifestsIn = (namespace: string): KubeObject[] => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello', namespace },
    spec: { replicas: 1, selector: { matchLabels: { app: 'hello' } }, template: { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
  },
];
const manifests = manifestsIn(namespace);
// Its own namespace: the first test's may still be terminating.
const placedManifests = manifestsIn(`${namespace}-placed`);

async function collect(stream: AsyncIterable<ControlPlaneEvent>): Promise<ControlPlaneEvent[]> {
  const events: ControlPlaneEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

test('ManifestWorks to member1 and member2 are Applied and Available there, with status feedback, and withdraw clears them', { timeout: 150_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  const name = `flotilla-${namespace}`;
  after(async () => {
    for (const c of ['member1', 'member2']) await clients.request('host', { method: 'DELETE', path: `/apis/work.open-cluster-management.io/v1/namespaces/${c}/manifestworks/${name}` }).catch(() => undefined);
  });
  const events = await collect(deliverThroughOcm(clients, resolver, 'host', manifests, { name, clusters: ['member1', 'member2'] }, settings));
  assert.equal(events[0].type, 'applied');
  const applied = events[0] as Extract<ControlPlaneEvent, { type: 'applied' }>;
  assert.deepEqual(applied.outcome.objects.map((o) => [o.ref, o.result]), [[`ManifestWork member1/${name}`, 'created'], [`ManifestWork member2/${name}`, 'created']]);
  for (const member of ['member1', 'member2']) {
    const a = events.findIndex((e) => e.type === 'workApplied' && e.cluster === member);
    const h = events.findIndex((e) => e.type === 'healthy' && e.cluster === member);
    assert.ok(a > 0 && h >= a, `${member}: ${events.map((e) => e.type).join(' ')}`);
  }
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.results.map((r) => [r.cluster, r.ok, r.controlPlane]), [['member1', true, 'host'], ['member2', true, 'host']]);
  assert.match(done.results[0].summary, /^Applied, Available/);
  for (const member of ['member1', 'member2']) {
    const d = await clients.request<KubeObject>(member, { path: `/apis/apps/v1/namespaces/${namespace}/deployments/hello` });
    assert.equal(d.spec?.replicas, 1);
  }
  const work = await clients.request<KubeObject>('host', { path: `/apis/work.open-cluster-management.io/v1/namespaces/member1/manifestworks/${name}` });
  assert.deepEqual((work.spec?.manifestConfigs as { resourceIdentifier: unknown }[])[0].resourceIdentifier, { group: 'apps', resource: 'deployments', name: 'hello', namespace });

  const removal = await collect(withdrawThroughOcm(clients, resolver, 'host', manifests, { name, clusters: ['member1', 'member2'] }, settings));
  const cleared = removal.filter((e) => e.type === 'cleared').map((e) => (e as { cluster: string }).cluster).sort();
  assert.deepEqual(cleared, ['member1', 'member2']);
  const removed = removal.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.ok(removed.results.every((r) => r.ok), JSON.stringify(removed.results));
  for (const member of ['member1', 'member2']) {
    await assert.rejects(clients.request(member, { path: `/apis/apps/v1/namespaces/${namespace}/deployments/hello` }), /not found/);
  }
});

test('through a Placement: one ManifestWork per decided cluster, read from its PlacementDecisions', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  const placement = { namespace: 'default', name: 'prod-aws' };
  const decided = await placementDecisions(clients, 'host', placement);
  assert.ok(decided.length > 0, 'the seeded Placement decided at least one cluster');
  // The lab's hub serves the CRD but runs no work hub controller: Flotilla writes the ManifestWorks itself.
  assert.equal(typeof (await replicaSetServed(clients, 'host')), 'boolean');
  const name = `flotilla-${namespace}-placed`;
  after(async () => {
    for (const c of decided) await clients.request('host', { method: 'DELETE', path: `/apis/work.open-cluster-management.io/v1/namespaces/${c}/manifestworks/${name}` }).catch(() => undefined);
  });
  const events = await collect(deliverThroughOcm(clients, resolver, 'host', placedManifests, { name, placement }, settings));
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.results.map((r) => [r.cluster, r.ok]), decided.map((c) => [c, true]));
  await collect(withdrawThroughOcm(clients, resolver, 'host', placedManifests, { name, clusters: decided }, settings));
});

test('a manifest the work agent cannot apply fails with its own message, per cluster', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  const name = `flotilla-${namespace}-broken`;
  // The Deployment's namespace is neither on member1 nor in the ManifestWork.
  const orphan = manifestsIn(`${namespace}-missing`).slice(1);
  after(async () => {
    await clients.request('host', { method: 'DELETE', path: `/apis/work.open-cluster-management.io/v1/namespaces/member1/manifestworks/${name}` }).catch(() => undefined);
  });
  const events = await collect(deliverThroughOcm(clients, resolver, 'host', orphan, { name, clusters: ['member1'] }, settings));
  const failed = events.find((e) => e.type === 'failed') as Extract<ControlPlaneEvent, { type: 'failed' }> | undefined;
  assert.ok(failed, JSON.stringify(events));
  t.diagnostic(`member1: ${failed.reason}`);
  assert.match(failed.reason, /^Applied=False \(.+\): Deployment hello: .*not found/);
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  assert.deepEqual(done.results.map((r) => [r.cluster, r.ok, r.controlPlane]), [['member1', false, 'host']]);
  await collect(withdrawThroughOcm(clients, resolver, 'host', orphan, { name, clusters: ['member1'] }, settings));
});
