// A member down during a propagation through Karmada: the other member lands, the stopped one fails in
// Karmada's words. It stops member2 through the lab's control API, as outage.test.ts does;
// test/unit/karmada/bindings.test.ts covers the same reading of recorded status.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { deployThroughKarmada } from '../../../core/karmada/deploy';
import type { ControlPlaneEvent } from '../../../core/karmada/events';
import { planKarmadaDeploy } from '../../../core/karmada/policy';
import { deleteThroughKarmada } from '../../../core/karmada/remove';
import { ResourceResolver } from '../../../core/kube/manifests';
import type { KubeObject } from '../../../core/kube/watch';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { condition, watchUntil } from '../../support/watchUntil';

const CLUSTERS = '/apis/cluster.karmada.io/v1alpha1/clusters';

const namespace = `cpd-out-${process.pid}`;

test('member2 down when a workload is propagated to it: member1 healthy, member2 failed with the Cluster\'s own NotReady condition', { timeout: 240_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const resolver = new ResourceResolver(clients);
  const labels = { app: 'outage' };
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'outage', namespace }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } } },
  ];
  const plan = planKarmadaDeploy(objects, { members: ['member1', 'member2'], scheduling: { type: 'Duplicated' }, name: 'flotilla-outage' });
  const member2Ready = (want: boolean) => (clusters: KubeObject[]) => {
    const cluster = clusters.find((c) => c.metadata.name === 'member2');
    return cluster && (condition(cluster, 'Ready') === 'True') === want;
  };
  await lab.stopCluster('member2');
  after(async () => {
    await lab.startCluster('member2');
    await watchUntil(clients, 'host', CLUSTERS, member2Ready(true), 'Karmada to see member2 Ready again', 120_000);
    for await (const e of deleteThroughKarmada(clients, resolver, 'host', plan, { concurrency: 2, timeoutMs: 20_000, fieldManager: 'flotilla-test', followMs: 120_000 })) void e;
  });
  // Karmada's cluster-status controller notices within seconds; its scheduler then leaves member2 out.
  await watchUntil(clients, 'host', CLUSTERS, member2Ready(false), 'Karmada to see member2 not Ready', 60_000);
  const events: ControlPlaneEvent[] = [];
  for await (const e of deployThroughKarmada(clients, resolver, 'host', plan, { concurrency: 2, timeoutMs: 20_000, fieldManager: 'flotilla-test', followMs: 180_000 })) events.push(e);
  const done = events.at(-1) as Extract<ControlPlaneEvent, { type: 'done' }>;
  const byCluster = new Map(done.results.map((r) => [r.cluster, r]));
  assert.equal(byCluster.get('member1')?.ok, true, JSON.stringify(done));
  assert.equal(byCluster.get('member2')?.ok, false, JSON.stringify(done));
  assert.match(byCluster.get('member2')!.summary, /^Deployment cpd-out-\d+\/outage: not scheduled here: the Cluster is not ready \(Ready=(False|Unknown).*\), so Karmada's scheduler left it out$/);
  assert.ok(!events.some((e) => e.type === 'scheduled' && e.placements.some((p) => p.cluster === 'member2')), 'Karmada did not schedule to member2');
});
