import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshotDelta, diffSnapshot } from '../../../core/federation/snapshotDelta';
import { SnapshotSender } from '../../../core/kube/snapshotSender';
import type { FederationSnapshot, FederationSnapshotDelta, SnapshotCluster } from '../../../core/protocol';
import { karmadaCluster } from '../placement/fixtures';

const member = (name: string, labels: Record<string, string> = {}): SnapshotCluster => ({ name, context: name, labels, taints: [], namespaces: ['default'], federations: ['Karmada on host'] });

function fleet(count: number, change: (name: string) => Record<string, string> = () => ({})): FederationSnapshot {
  const names = Array.from({ length: count }, (_, i) => `member${i + 1}`);
  return {
    clusters: names.map((n) => member(n, change(n))),
    karmadaClusters: names.map((n) => karmadaCluster(n, { labels: change(n) })),
    ocmClusters: [],
    clusterSets: ['prod'],
  };
}

test('an unchanged snapshot gives no delta', () => {
  assert.equal(diffSnapshot(fleet(20), fleet(20), 1, 2), undefined);
});

test('one member relabelled: the delta carries that member and its Karmada Cluster only, and applying it gives the new snapshot', () => {
  const before = fleet(20);
  const after = fleet(20, (n): Record<string, string> => (n === 'member7' ? { env: 'canary' } : {}));
  const delta = diffSnapshot(before, after, 3, 4)!;
  assert.deepEqual(delta.clusters?.put.map((c) => c.name), ['member7']);
  assert.deepEqual(delta.karmadaClusters?.put.map((c) => (c as { metadata: { name: string } }).metadata.name), ['member7']);
  assert.equal(delta.ocmClusters, undefined);
  assert.equal(delta.clusterSets, undefined);
  assert.deepEqual(applySnapshotDelta({ ...before, version: 3 }, delta), { ...after, version: 4 });
  assert.ok(JSON.stringify(delta).length * 5 < JSON.stringify(after).length, 'a one-member delta is a fraction of the whole');
});

test('members added, removed and reordered, and cluster sets changed, come out as in the new snapshot', () => {
  const before = fleet(4);
  const after: FederationSnapshot = {
    clusters: [member('member4'), member('member9'), member('member1')],
    karmadaClusters: [karmadaCluster('member9')],
    ocmClusters: [{ metadata: { name: 'member1' } }],
    clusterSets: ['prod', 'staging'],
  };
  const delta = diffSnapshot(before, after, 1, 2)!;
  assert.deepEqual(delta.clusters?.names, ['member4', 'member9', 'member1']);
  assert.deepEqual(delta.clusters?.put.map((c) => c.name), ['member9']);
  assert.deepEqual(delta.clusterSets, ['prod', 'staging']);
  assert.deepEqual(applySnapshotDelta({ ...before, version: 1 }, delta), { ...after, version: 2 });
});

const decision = (namespace: string, name: string, clusters: string[]) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1beta1',
  kind: 'PlacementDecision',
  metadata: { namespace, name },
  status: { decisions: clusters.map((clusterName) => ({ clusterName, reason: '' })) },
});

test('OCM placement inputs are keyed by kind, namespace and name: a decision that changes travels alone', () => {
  const score = { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { namespace: 'member1', name: 'apps' }, status: { scores: [{ name: 'cpu', value: 80 }] } };
  const before: FederationSnapshot = { ...fleet(3), ocmObjects: [decision('apps', 'web-decision-1', ['member1']), decision('shop', 'web-decision-1', ['member2']), score] };
  const after: FederationSnapshot = { ...fleet(3), ocmObjects: [decision('apps', 'web-decision-1', ['member1']), decision('shop', 'web-decision-1', ['member3']), score] };
  const delta = diffSnapshot(before, after, 1, 2)!;
  assert.deepEqual(delta.ocmObjects?.put, [decision('shop', 'web-decision-1', ['member3'])]);
  assert.equal(delta.ocmObjects?.names.length, 3);
  assert.equal(delta.clusters, undefined);
  assert.deepEqual(applySnapshotDelta({ ...before, version: 1 }, delta), { ...after, version: 2 });
});

test('the sender sends the whole snapshot first, then deltas, nothing for no change, and the whole again on resync', () => {
  const sent: Array<['whole', FederationSnapshot] | ['delta', FederationSnapshotDelta]> = [];
  const sender = new SnapshotSender({ whole: (s) => sent.push(['whole', s]), delta: (d) => sent.push(['delta', d]) });
  sender.send(fleet(3));
  sender.send(fleet(3));
  sender.send(fleet(3, (n): Record<string, string> => (n === 'member2' ? { tier: 'gold' } : {})));
  sender.resync();
  sender.sendWhole(fleet(2));
  assert.deepEqual(
    sent.map(([kind, body]) => [kind, kind === 'whole' ? (body as FederationSnapshot).version : [(body as FederationSnapshotDelta).base, (body as FederationSnapshotDelta).version]]),
    [
      ['whole', 1],
      ['delta', [1, 2]],
      ['whole', 3],
      ['whole', 4],
    ],
  );
  const resent = sent[2][1] as FederationSnapshot;
  assert.equal(resent.clusters.find((c) => c.name === 'member2')?.labels.tier, 'gold');
});
