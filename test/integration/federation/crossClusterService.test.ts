// Cross-cluster services through the lab's real Karmada: members export a Service, a ServiceImport
// propagated to a consumer makes Karmada derive `derived-<name>` there with the providers' EndpointSlices,
// and a MultiClusterService dispatches one provider's endpoints to its consumer. The view shows what the
// control plane derived next to what each member exports, and quotes Karmada when it could not place one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectKarmadaService, renderKarmadaService, type KarmadaServiceView } from '../../../core/karmada/crossClusterService';
import { deployToClusters } from '../../../core/kube/deploy';
import { parseManifests, ResourceResolver } from '../../../core/kube/manifests';
import { inspectCrossClusterService, renderCrossClusterService, type ServiceOnCluster } from '../../../core/kube/mcs';
import type { KubeObject } from '../../../core/kube/watch';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { watchUntil } from '../../support/watchUntil';

const ns = `flotilla-mcs-${process.pid}`;
const members = ['member1', 'member2', 'member3'];
const opts = { concurrency: 4, timeoutMs: 10_000, members };
const gpuToleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };

const policy = (name: string, selectors: { apiVersion: string; kind: string; name: string }[], clusterNames: string[], tolerate = true) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name, namespace: ns },
  spec: { resourceSelectors: selectors, placement: { clusterAffinity: { clusterNames }, ...(tolerate ? { clusterTolerations: [gpuToleration] } : {}) } },
});

function manifests(): string {
  const labels = { app: 'echo' };
  const objects: object[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'echo', namespace: ns }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'echo', image: 'echo:1' }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: ns }, spec: { selector: labels, ports: [{ name: 'http', port: 80 }] } },
    { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'echo', namespace: ns } },
    { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', metadata: { name: 'echo', namespace: ns }, spec: { type: 'ClusterSetIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
    // A second import whose policy forgets member3's taint: Karmada cannot place it.
    { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', metadata: { name: 'stranded', namespace: ns }, spec: { type: 'ClusterSetIP', ports: [{ port: 80, protocol: 'TCP' }] } },
    policy('providers', [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'echo' },
      { apiVersion: 'v1', kind: 'Service', name: 'echo' },
      { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', name: 'echo' },
    ], ['member1', 'member2']),
    policy('consumer', [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'echo' }], ['member3']),
    policy('stranded', [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'stranded' }], ['member3'], false),
  ];
  return objects.map((o) => JSON.stringify(o)).join('\n---\n');
}

test('ServiceExport and ServiceImport: the consumer gets derived-<name> with every provider\'s endpoints, shown beside the control plane\'s view', { timeout: 180_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const { objects, errors } = parseManifests(manifests());
  assert.deepEqual(errors, []);
  const [applied] = await deployToClusters(clients, new ResourceResolver(clients), ['host'], objects, { concurrency: 1, timeoutMs: 20_000, fieldManager: 'flotilla-test', fieldValidation: 'Strict' });
  assert.ok(applied.ok, applied.summary);
  t.after(() => clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/${ns}` }).catch(() => undefined));

  // Karmada copies each provider's EndpointSlice to member3 once its endpoints exist: wait on member3's slices.
  await watchUntil(clients, 'member3', `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, (slices) => {
    const derived = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'derived-echo');
    const ready = (source: string) => derived.some((s) => s.metadata.name?.startsWith(`imported-${source}-`) && ((s.endpoints ?? []) as unknown[]).length === 2);
    return ready('member1') && ready('member2');
  }, 'endpoints of member1 and member2 copied to member3', 120_000);

  const rows = await inspectCrossClusterService(clients, members, ns, 'echo', opts);
  const row = (cluster: string) => rows.find((r) => r.cluster === cluster) as ServiceOnCluster;
  for (const provider of ['member1', 'member2']) {
    assert.equal(row(provider).exported, true, provider);
    assert.equal(row(provider).endpoints.length, 2, `${provider}: ${row(provider).endpoints}`);
    assert.equal(row(provider).derivedService, undefined);
  }
  const consumer = row('member3');
  assert.equal(consumer.exported, false);
  assert.equal(consumer.imported, true);
  assert.match(consumer.derivedService ?? '', /^derived-echo 10\.\d+\.\d+\.\d+$/);
  assert.deepEqual(consumer.importedFrom.map((f) => [f.source, f.endpoints.length]), [['member1', 2], ['member2', 2]]);
  assert.deepEqual(consumer.endpoints, [], 'member3 runs no echo pod of its own');

  const view: KarmadaServiceView = await inspectKarmadaService(clients, 'host', members, ns, 'echo');
  assert.deepEqual(view.exportTemplate?.clusters, ['member1', 'member2']);
  assert.deepEqual(view.importTemplate?.clusters, ['member3']);
  assert.deepEqual(view.importTemplate?.problems, []);
  assert.deepEqual(view.collected.map((f) => [f.source, f.endpoints.length]), [['member1', 2], ['member2', 2]]);
  const text = renderCrossClusterService(ns, 'echo', rows, renderKarmadaService(view));
  assert.match(text, /^ {2}ServiceImport consumed by member3 \(binding echo-serviceimport\)$/m);
  assert.match(text, /^member3: imports\n {2}consumer Service derived-echo 10\.[\d.]+\n {2}endpoints from member1: 10\.[\d.]+:80 \(ready\), /m);

  const stranded = await watchUntil(clients, 'host', `/apis/work.karmada.io/v1alpha2/namespaces/${ns}/resourcebindings`, (items) => {
    const binding = items.find((b) => b.metadata.name === 'stranded-serviceimport');
    return ((binding?.status?.conditions ?? []) as { type: string }[]).some((c) => c.type === 'Scheduled') && binding;
  }, 'the stranded import to be tried by the scheduler');
  assert.ok(stranded);
  const strandedView = await inspectKarmadaService(clients, 'host', members, ns, 'stranded');
  assert.match(strandedView.importTemplate?.problems.join('\n') ?? '', /^Scheduled=False NoClusterFit: 0\/3 clusters are available: .*untolerated taint \{dedicated=gpu:NoSchedule\}/m);
});

test('MultiClusterService CrossCluster: the provider\'s endpoints are dispatched to the consumer only', { timeout: 180_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const mcsNs = `${ns}-x`;
  const labels = { app: 'cross' };
  const { objects } = parseManifests(
    [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: mcsNs } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cross', namespace: mcsNs }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'echo:1' }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cross', namespace: mcsNs }, spec: { selector: labels, ports: [{ port: 80 }] } },
      { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'cross', namespace: mcsNs }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'cross' }, { apiVersion: 'v1', kind: 'Service', name: 'cross' }], placement: { clusterAffinity: { clusterNames: ['member1'] } } } },
      { apiVersion: 'networking.karmada.io/v1alpha1', kind: 'MultiClusterService', metadata: { name: 'cross', namespace: mcsNs }, spec: { types: ['CrossCluster'], providerClusters: [{ name: 'member1' }], consumerClusters: [{ name: 'member2' }] } },
    ].map((o) => JSON.stringify(o)).join('\n---\n'),
  );
  const [applied] = await deployToClusters(clients, new ResourceResolver(clients), ['host'], objects, { concurrency: 1, timeoutMs: 20_000, fieldManager: 'flotilla-test', fieldValidation: 'Strict' });
  assert.ok(applied.ok, applied.summary);
  t.after(() => clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/${mcsNs}` }).catch(() => undefined));

  await watchUntil(clients, 'member2', `/apis/discovery.k8s.io/v1/namespaces/${mcsNs}/endpointslices`, (slices: KubeObject[]) =>
    slices.some((s) => s.metadata.annotations?.['endpointslice.karmada.io/provision-cluster'] === 'member1' && ((s.endpoints ?? []) as unknown[]).length === 1),
  'member1\'s endpoint dispatched to member2', 120_000);

  const view = await inspectKarmadaService(clients, 'host', members, mcsNs, 'cross');
  assert.deepEqual(view.multiClusterService && { ...view.multiClusterService, conditions: [] }, { types: ['CrossCluster'], providers: ['member1'], consumers: ['member2'], conditions: [] });
  assert.deepEqual(view.dispatches.map((d) => [d.provider, d.consumer]), [['member1', 'member2']]);
  const rows = await inspectCrossClusterService(clients, members, mcsNs, 'cross', opts);
  assert.deepEqual(rows.map((r) => [r.cluster, r.endpoints.length, r.importedFrom.map((f) => `${f.source}:${f.endpoints.length}`).join()]), [
    ['member1', 1, ''],
    ['member2', 0, 'member1:1'],
    ['member3', 0, ''],
  ]);
});
