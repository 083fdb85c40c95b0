import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { orderControlPlaneFirst } from '../../../core/schema/live/controlPlaneFirst';
import { JsonDiskCache } from '../../../core/schema/jsonDiskCache';
import { fetchLiveSchemas, groupVersionOfDiscoveryPath } from '../../../core/schema/live/liveSchemas';
import { UPSTREAM } from '../language/fixtures';

const openapi = (group: string) => JSON.parse(readFileSync(path.join(UPSTREAM, `openapi/kubernetes-1.35/apis__${group}__v1_openapi.json`), 'utf8'));
const DISCOVERY = {
  paths: {
    'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=AAA' },
    'apis/batch/v1': { serverRelativeURL: '/openapi/v3/apis/batch/v1?hash=BBB' },
    'apis/broken/v1': { serverRelativeURL: '/openapi/v3/apis/broken/v1?hash=CCC' },
  },
};

function fakeCluster() {
  const requests: string[] = [];
  let down = false;
  const fetchJson = async (p: string, signal: AbortSignal) => {
    signal.throwIfAborted();
    requests.push(p);
    if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:6443 (member1)');
    if (p === '/openapi/v3') return DISCOVERY;
    if (p.includes('apps')) return openapi('apps');
    if (p.includes('batch')) return openapi('batch');
    throw new Error('403 forbidden');
  };
  return { fetchJson, requests, setDown: (v: boolean) => (down = v) };
}

upstreamTest('fetches discovery then each group-version by hash, caches them, and reuses the cache', async () => {
  const cache = new JsonDiskCache(mkdtempSync(path.join(tmpdir(), 'flotilla-openapi-')));
  const cluster = fakeCluster();
  const first = await fetchLiveSchemas(cluster.fetchJson, 'https://member1:6443', cache, new AbortController().signal);
  assert.ok(first.drafts.some((d) => d.apiVersion === 'apps/v1' && d.kind === 'Deployment'));
  assert.ok(first.drafts.some((d) => d.apiVersion === 'batch/v1' && d.kind === 'Job'));
  assert.deepEqual(first.failures, ['apis/broken/v1']);
  assert.deepEqual(first.groupVersions.sort(), ['apps/v1', 'batch/v1', 'broken/v1'], 'every listed group-version, fetched or not');
  assert.equal(first.offline, false);
  assert.ok(readdirSync(cache.dir).includes('AAA.json'));

  cluster.requests.length = 0;
  await fetchLiveSchemas(cluster.fetchJson, 'https://member1:6443', cache, new AbortController().signal);
  assert.deepEqual(cluster.requests.sort(), ['/openapi/v3', '/openapi/v3/apis/broken/v1?hash=CCC'], 'cached hashes are not fetched again');
});

upstreamTest('an unreachable cluster still contributes the schemas it served last time', async () => {
  const cache = new JsonDiskCache(mkdtempSync(path.join(tmpdir(), 'flotilla-openapi-')));
  const cluster = fakeCluster();
  await fetchLiveSchemas(cluster.fetchJson, 'https://member1:6443', cache, new AbortController().signal);
  cluster.setDown(true);
  const offline = await fetchLiveSchemas(cluster.fetchJson, 'https://member1:6443', cache, new AbortController().signal);
  assert.equal(offline.offline, true);
  assert.ok(offline.drafts.some((d) => d.kind === 'Deployment'));
  await assert.rejects(fetchLiveSchemas(cluster.fetchJson, 'https://other:6443', cache, new AbortController().signal), /ECONNREFUSED.*member1/);
});

upstreamTest('cancellation is passed to every request', async () => {
  const cache = new JsonDiskCache(mkdtempSync(path.join(tmpdir(), 'flotilla-openapi-')));
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(fetchLiveSchemas(fakeCluster().fetchJson, 'https://member1:6443', cache, controller.signal), /abort/i);
});

test('discovery paths name group-versions; other paths do not', () => {
  assert.equal(groupVersionOfDiscoveryPath('api/v1'), 'v1');
  assert.equal(groupVersionOfDiscoveryPath('apis/cluster.karmada.io/v1alpha1'), 'cluster.karmada.io/v1alpha1');
  for (const other of ['.well-known/openid-configuration', 'openid/v1/jwks', 'version', 'apis', 'apis/apps']) assert.equal(groupVersionOfDiscoveryPath(other), undefined, other);
});

const MEMBER = ['v1', 'apps/v1'];
const contexts = (origins: { context: string }[]) => origins.map((o) => o.context);

test('a federation control plane outranks the current context', () => {
  for (const api of ['cluster.karmada.io/v1alpha1', 'cluster.open-cluster-management.io/v1', 'core.kubefed.io/v1beta1']) {
    const origins = [
      { context: 'member1', groupVersions: MEMBER },
      { context: 'member2', groupVersions: MEMBER },
      { context: 'host', groupVersions: [...MEMBER, api] },
    ];
    assert.deepEqual(contexts(orderControlPlaneFirst(origins, 'member1')), ['host', 'member1', 'member2'], api);
  }
});

test('an OCM member, which serves only ClusterClaims of the OCM cluster group, is no control plane', () => {
  const klusterlet = [...MEMBER, 'cluster.open-cluster-management.io/v1alpha1', 'work.open-cluster-management.io/v1'];
  const origins = [
    { context: 'member1', groupVersions: klusterlet },
    { context: 'hub', groupVersions: [...MEMBER, 'cluster.open-cluster-management.io/v1alpha1', 'cluster.open-cluster-management.io/v1'] },
  ];
  assert.deepEqual(contexts(orderControlPlaneFirst(origins, 'member1')), ['hub', 'member1']);
});

test('among control planes, and among the rest, the current context comes first, then kubeconfig order', () => {
  const origins = [
    { context: 'karmada', groupVersions: ['cluster.karmada.io/v1alpha1'] },
    { context: 'member1', groupVersions: MEMBER },
    { context: 'hub', groupVersions: ['cluster.open-cluster-management.io/v1'] },
    { context: 'member2', groupVersions: MEMBER },
    { context: 'member3', groupVersions: MEMBER },
  ];
  assert.deepEqual(contexts(orderControlPlaneFirst(origins, 'hub')), ['hub', 'karmada', 'member1', 'member2', 'member3']);
  assert.deepEqual(contexts(orderControlPlaneFirst(origins, 'member3')), ['karmada', 'hub', 'member3', 'member1', 'member2']);
  assert.deepEqual(contexts(orderControlPlaneFirst(origins, undefined)), ['karmada', 'hub', 'member1', 'member2', 'member3']);
});

test('a cluster without federation groups never outranks one with them', () => {
  const lookalikes = ['work.karmada.io/v1alpha1', 'policy.karmada.io/v1alpha1', 'types.kubefed.io/v1beta1', 'karmada.io/v1', 'v1'];
  const origins = [
    { context: 'current', groupVersions: lookalikes },
    { context: 'unreachable', groupVersions: [] },
    { context: 'ocm-hub', groupVersions: ['cluster.open-cluster-management.io/v1beta1'] },
  ];
  const ordered = contexts(orderControlPlaneFirst(origins, 'current'));
  assert.equal(ordered[0], 'ocm-hub');
  assert.deepEqual(ordered, ['ocm-hub', 'current', 'unreachable']);
});
