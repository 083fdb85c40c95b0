import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dispatchOf, multiClusterServiceView, renderKarmadaService, templatePlacement } from '../../../core/karmada/crossClusterService';
import { groupBySource, sliceSource } from '../../../core/kube/mcs';

const slice = (name: string, addresses: string[], annotations?: Record<string, string>) => ({
  metadata: { name, annotations },
  ports: [{ port: 80 }],
  endpoints: addresses.map((a, i) => ({ addresses: [a], conditions: { ready: i === 0 } })),
});

test('a copied slice names its source by annotation, else by the longest member name in its imported- prefix', () => {
  const members = ['east', 'east-2'];
  assert.equal(sliceSource(slice('imported-east-2-web-abc', []), members), 'east-2');
  assert.equal(sliceSource(slice('imported-east-web-abc', []), members), 'east');
  assert.equal(sliceSource(slice('east-2-web-abc', [], { 'endpointslice.karmada.io/provision-cluster': 'east-2' }), members), 'east-2');
  assert.equal(sliceSource(slice('web-abc', []), members), undefined);
});

test('copied endpoints are grouped by provider in member order, with readiness', () => {
  const groups = groupBySource([slice('imported-b-web-1', ['10.0.0.2']), slice('imported-a-web-1', ['10.0.0.1', '10.0.0.3']), slice('other', ['10.9.9.9'])], ['a', 'b']);
  assert.deepEqual(groups, [
    { source: 'a', endpoints: ['10.0.0.1:80 (ready)', '10.0.0.3:80 (not ready)'] },
    { source: 'b', endpoints: ['10.0.0.2:80 (ready)'] },
    { source: 'an unknown member', endpoints: ['10.9.9.9:80 (ready)'] },
  ]);
});

test('the control plane view quotes a binding that could not be scheduled and lists dispatches', () => {
  const binding = {
    metadata: { name: 'web-serviceimport' },
    spec: { clusters: [] },
    status: { conditions: [{ type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message: '0/3 clusters are available: 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}.' }] },
  };
  const work = { metadata: { name: 'w', namespace: 'karmada-es-member2', annotations: { 'endpointslice.karmada.io/provision-cluster': 'member1' } }, status: { conditions: [{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful' }] } };
  assert.equal(dispatchOf({ metadata: { name: 'x', namespace: 'karmada-es-member2' } }), undefined);
  const lines = renderKarmadaService({
    controlPlane: 'host',
    importTemplate: templatePlacement(binding),
    multiClusterService: multiClusterServiceView({ metadata: { name: 'web' }, spec: { types: ['CrossCluster'], providerClusters: [{ name: 'member1' }] } }),
    collected: [],
    dispatches: [dispatchOf(work)!],
  });
  assert.deepEqual(lines, [
    'Karmada control plane host:',
    '  ServiceExport: no ResourceBinding (not propagated)',
    '  ServiceImport consumed by no member (binding web-serviceimport)',
    '    Scheduled=False NoClusterFit: 0/3 clusters are available: 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}.',
    '  MultiClusterService CrossCluster: providers member1; consumers every member',
    '  endpoints of member1 dispatched to member2: Applied=True AppliedSuccessful',
  ]);
});
