// A member stopped through the lab's control API is seen by the real control planes: Karmada marks its
// Cluster not ready within 15 s and OCM its ManagedCluster unavailable within 40 s (the registration
// agent's probe of a refused apiserver retries for about 10 s; 15 to 21 s here), and both recover after a
// restart. The member's pods and EndpointSlices are Ready when it ends, so later tests find the lab as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { condition, watchUntil } from '../../support/watchUntil';
import { endpointsOf } from '../../../core/kube/mcs';
import type { KubeObject } from '../../../core/kube/watch';

const KARMADA_CLUSTERS = '/apis/cluster.karmada.io/v1alpha1/clusters';
const MANAGED_CLUSTERS = '/apis/cluster.open-cluster-management.io/v1/managedclusters';
const ENDPOINT_SLICES = '/apis/discovery.k8s.io/v1/endpointslices';

test('a stopped member turns NotReady in Karmada within 15 s and unavailable in OCM within 40 s, and both recover', { timeout: 180_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada') ?? needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const member = 'member2';
  const stateOf = (path: string, type: string) => (items: { metadata: { name: string } }[]) => condition(items.find((i) => i.metadata.name === member) as never, type);

  const stoppedAt = Date.now();
  await lab.stopCluster(member);
  try {
    const [karmadaMs, ocmMs] = await Promise.all([
      watchUntil(clients, 'host', KARMADA_CLUSTERS, (items) => stateOf(KARMADA_CLUSTERS, 'Ready')(items) !== 'True' && Date.now() - stoppedAt, 'Karmada to mark member2 not ready', 15_000),
      watchUntil(clients, 'host', MANAGED_CLUSTERS, (items) => stateOf(MANAGED_CLUSTERS, 'ManagedClusterConditionAvailable')(items) !== 'True' && Date.now() - stoppedAt, 'OCM to mark member2 unavailable', 40_000),
    ]);
    t.diagnostic(`not ready in Karmada after ${karmadaMs} ms, unavailable in OCM after ${ocmMs} ms`);
  } finally {
    await lab.startCluster(member);
  }
  await Promise.all([
    watchUntil(clients, 'host', KARMADA_CLUSTERS, (items) => stateOf(KARMADA_CLUSTERS, 'Ready')(items) === 'True', 'Karmada to mark member2 ready again', 60_000),
    watchUntil(clients, 'host', MANAGED_CLUSTERS, (items) => stateOf(MANAGED_CLUSTERS, 'ManagedClusterConditionAvailable')(items) === 'True', 'OCM to mark member2 available again', 90_000),
  ]);
  const pods = await watchUntil(clients, member, '/api/v1/pods', (items) => {
    const running = items.filter((p) => p.status?.phase === 'Running');
    return running.length > 0 && running.every((p) => condition(p, 'Ready') === 'True') && running;
  }, 'every running pod of member2 to be Ready again', 90_000);
  assert.ok(pods.length >= 5, `${pods.length} running pods`);
  // Later tests read member2's Services: recovery ends when its EndpointSlice controller has caught up too.
  const podsReadyAt = Date.now();
  const notReady = (slices: KubeObject[]) => endpointsOf(slices).filter((e) => e.endsWith('(not ready)'));
  await watchUntil(clients, member, ENDPOINT_SLICES, (slices) => slices.length > 0 && notReady(slices).length === 0, 'every EndpointSlice of member2 to list its endpoints ready', 60_000);
  t.diagnostic(`EndpointSlices ready ${Date.now() - podsReadyAt} ms after the pods`);
});
