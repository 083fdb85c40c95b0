/**
 * Members follow the control planes live: while a federation node is expanded, a label put on a Karmada
 * Cluster reaches the language server's snapshot as a delta of that member alone, and a KubeFedCluster
 * created or deleted on the host appears and disappears under KubeFed without a refresh.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExplorerModel } from '../../../core/kube/explorer';
import { SnapshotSender } from '../../../core/kube/snapshotSender';
import type { FederationSnapshot, FederationSnapshotDelta } from '../../../core/protocol';
import { needsCRDs, needsLive } from '../../support/federation';
import { kubeLab, whenTrue } from './lab';

const CLUSTERS = '/apis/cluster.karmada.io/v1alpha1/clusters';
const KUBEFED_CLUSTERS = '/apis/core.kubefed.io/v1beta1/namespaces/kube-federation-system/kubefedclusters';
const MERGE_PATCH = 'application/merge-patch+json';

test('a label put on a Karmada Cluster reaches the snapshot as a delta of that member', async (t) => {
  const skip = needsLive(await kubeLab(), 'karmada');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const model = new ExplorerModel(clients, { timeoutMs: 5000, concurrency: 8, coalesceMs: 50 });
  const stamp = `live-${Date.now().toString(36)}`;
  const deltas: FederationSnapshotDelta[] = [];
  let whole: FederationSnapshot | undefined;
  const sender = new SnapshotSender({ whole: (s) => (whole = s), delta: (d) => deltas.push(d) });
  const label = (value: string | null) =>
    clients.request('host', { method: 'PATCH', path: `${CLUSTERS}/member2`, contentType: MERGE_PATCH, body: { metadata: { labels: { 'flotilla-test/live': value } } } });
  try {
    const karmada = (await model.roots()).find((r) => r.label === 'Karmada on host')!;
    await model.children(karmada);
    sender.sendWhole(await model.snapshot());
    const unsubscribe = model.onSnapshot((s) => sender.send(s));
    const labelled = () => deltas.some((d) => d.clusters?.put.some((c) => c.name === 'member2' && c.labels['flotilla-test/live'] === stamp));
    const waiting = whenTrue((fire) => model.onSnapshot(fire), labelled, 'a snapshot delta with member2 labelled');
    await label(stamp);
    await waiting;
    unsubscribe();
    const delta = deltas.find((d) => d.clusters?.put.some((c) => c.name === 'member2'))!;
    const karmadaCluster = delta.karmadaClusters?.put.find((c) => (c as { metadata: { name: string } }).metadata.name === 'member2') as { metadata: { labels: Record<string, string> } };
    assert.equal(karmadaCluster?.metadata.labels['flotilla-test/live'], stamp, 'the Karmada Cluster object travels with the change');
    assert.ok(!delta.clusters!.put.some((c) => c.name === 'member1'), 'member1 did not change');
    assert.ok(JSON.stringify(delta).length * 2 < JSON.stringify(whole).length, `delta ${JSON.stringify(delta).length} bytes, whole ${JSON.stringify(whole).length}`);
  } finally {
    await label(null);
    model.dispose();
    clients.dispose();
  }
});

test('a KubeFedCluster created or deleted on the host appears and disappears under KubeFed without a refresh', async (t) => {
  const skip = needsCRDs(await kubeLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const model = new ExplorerModel(clients, { timeoutMs: 5000, concurrency: 8, coalesceMs: 50 });
  const name = `live-${Date.now().toString(36)}`;
  const body = {
    apiVersion: 'core.kubefed.io/v1beta1',
    kind: 'KubeFedCluster',
    metadata: { name, namespace: 'kube-federation-system' },
    spec: { apiEndpoint: 'https://127.0.0.1:1', secretRef: { name: `${name}-secret` } },
  };
  try {
    const kubefed = (await model.roots()).find((r) => r.label === 'KubeFed on host')!;
    const labels = async () => (await model.children(kubefed)).map((n) => n.label);
    assert.ok(!(await labels()).includes(name));
    const shown = whenTrue((fire) => model.onDidChange(fire), async () => (await labels()).includes(name), `${name} under KubeFed`);
    await clients.request('host', { method: 'POST', path: KUBEFED_CLUSTERS, body });
    await shown;
    const gone = whenTrue((fire) => model.onDidChange(fire), async () => !(await labels()).includes(name), `${name} gone from KubeFed`);
    await clients.request('host', { method: 'DELETE', path: `${KUBEFED_CLUSTERS}/${name}` });
    await gone;
  } finally {
    await clients.request('host', { method: 'DELETE', path: `${KUBEFED_CLUSTERS}/${name}` }).catch(() => undefined);
    model.dispose();
    clients.dispose();
  }
});
