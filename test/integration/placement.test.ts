// Placement against the lab: the seeded Karmada Clusters (labels, a NoSchedule taint on member3, resource
// summaries), OCM ManagedClusters/sets and KubeFedClusters are read live from the host, and the engine's
// answers are checked; then a member's labels are patched in the cluster and the answer must change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { useLab } from '../support/lab';
import { planPlacement } from '../../core/placement';
import { readLiveClusterObjects } from '../../core/placement/liveClusters';
import { CodeLensRequest, DidOpenTextDocumentNotification, type CodeLens } from 'vscode-languageserver-protocol';
import { FederationSnapshotNotification } from '../../core/protocol';
import { labClients } from '../support/labClients';
import { startServer } from '../support/lspClient';
import { needsLive, needsCRDs } from '../support/federation';

const TIMEOUT = { timeoutMs: 10_000 };
const PROBE_LABEL = 'placement.flotilla.dev/probe';

function deployment(replicas: number, cpu?: string) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: cpu ? { requests: { cpu } } : {} }] } } },
  };
}

function policy(placement: Record<string, unknown>) {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'web', namespace: 'shop' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }], placement },
  };
}

const replicas = (outcome: { clusters: { name: string; replicas?: number }[] }) => Object.fromEntries(outcome.clusters.map((c) => [c.name, c.replicas]));

test('placements computed from the seeded Karmada Clusters', { timeout: 60_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const { clients } = await labClients();
  const clusters = await readLiveClusterObjects(clients, 'host', 'PropagationPolicy', TIMEOUT);
  assert.deepEqual(clusters.map((c) => (c as { metadata: { name: string } }).metadata.name).sort(), ['member1', 'member2', 'member3']);

  const equal = planPlacement({ policy: policy({ replicaScheduling: { replicaSchedulingType: 'Divided' } }), resource: deployment(10), clusters });
  assert.deepEqual(replicas(equal), { member1: 5, member2: 5 });
  assert.equal(equal.excluded.find((e) => e.name === 'member3')?.reason, 'untolerated taint dedicated=gpu:NoSchedule');

  // Dynamic weights follow the members' free capacity, which their running pods set (that the preview gives
  // what karmada-scheduler gives is the fidelity suite's job: test/integration/fidelity.test.ts).
  const dynamicPolicy = policy({ clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } }, replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } });
  const dynamic = planPlacement({ policy: dynamicPolicy, resource: deployment(10, '500m'), clusters });
  assert.deepEqual(Object.keys(replicas(dynamic)).sort(), ['member1', 'member2']);
  assert.equal(Object.values(replicas(dynamic)).reduce<number>((a, b) => a + (b ?? 0), 0), 10);
  const tooMany = planPlacement({ policy: dynamicPolicy, resource: deployment(1000, '500m'), clusters });
  assert.match(tooMany.error ?? '', /not enough capacity: the selected clusters can take \d+ of 1000 replicas/);


  const gpu = planPlacement({
    policy: policy({ clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us-east'] }] } } }),
    resource: deployment(3), clusters,
  });
  assert.deepEqual(replicas(gpu), { member3: 3 });

  const spread = planPlacement({
    policy: policy({ clusterTolerations: [{ key: 'dedicated', operator: 'Exists' }], spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }] }),
    resource: deployment(2), clusters,
  });
  assert.equal(spread.clusters.length, 2);
  assert.ok(spread.clusters.some((c) => c.name === 'member3'), 'one cluster from us-east');
  const threeRegions = planPlacement({ policy: policy({ spreadConstraints: [{ spreadByField: 'region', minGroups: 3 }, { spreadByField: 'cluster', minGroups: 1 }] }), resource: deployment(2), clusters });
  assert.match(threeRegions.error ?? '', /needs at least 3 regions/);
});

test('OCM Placement and KubeFed RSP from the seeded hub objects', { timeout: 60_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'ocm') ?? needsCRDs(await useLab(), 'kubefed');
  if (skip) return t.skip(skip);
  const { clients } = await labClients();
  const ocm = await readLiveClusterObjects(clients, 'host', 'Placement', TIMEOUT);
  const placement = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'default' }, spec: { clusterSets: ['prod'] } };
  const decided = planPlacement({ policy: placement, clusters: ocm });
  assert.deepEqual(decided.clusters.map((c) => c.name), ['member1', 'member2']);
  const elsewhere = planPlacement({ policy: { ...placement, metadata: { name: 'p', namespace: 'shop' } }, clusters: ocm });
  assert.match(elsewhere.error ?? '', /no ManagedClusterSet is bound to namespace shop/);

  const kubefed = await readLiveClusterObjects(clients, 'host', 'ReplicaSchedulingPreference', TIMEOUT);
  const rsp = { apiVersion: 'scheduling.kubefed.io/v1alpha1', kind: 'ReplicaSchedulingPreference', metadata: { name: 'web', namespace: 'shop' }, spec: { targetKind: 'FederatedDeployment', totalReplicas: 10, clusters: { '*': { weight: 1 } } } };
  const fed = { apiVersion: 'types.kubefed.io/v1beta1', kind: 'FederatedDeployment', metadata: { name: 'web', namespace: 'shop' }, spec: { placement: { clusters: [] }, template: { spec: { replicas: 1 } } } };
  const split = planPlacement({ policy: rsp, resource: fed, clusters: kubefed });
  assert.deepEqual(split.clusters.map((c) => c.replicas).sort(), [2, 4, 4]);
});

test('the CLI reads the clusters live with --context and agrees with the engine', { timeout: 60_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const { lab, clients } = await labClients();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-plan-lab-'));
  const pp = policy({ replicaScheduling: { replicaSchedulingType: 'Divided' } });
  writeFileSync(join(dir, 'pp.yaml'), stringify(pp));
  writeFileSync(join(dir, 'deploy.yaml'), stringify(deployment(7)));
  const cli = spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'plan', '--policy', join(dir, 'pp.yaml'), '--resource', join(dir, 'deploy.yaml'), '--context', 'host', '--kubeconfig', lab.kubeconfigPath, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const engine = planPlacement({ policy: pp, resource: deployment(7), clusters: await readLiveClusterObjects(clients, 'host', 'PropagationPolicy', TIMEOUT) });
  assert.deepEqual(JSON.parse(cli.stdout).clusters, engine.clusters);
  const viewer = spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'plan', '--policy', join(dir, 'pp.yaml'), '--resource', join(dir, 'deploy.yaml'), '--context', 'host-viewer', '--kubeconfig', lab.kubeconfigPath, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(viewer.status, 0, 'the read-only viewer may list clusters');
});

test('patching a member label in the cluster changes the placement', { timeout: 60_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const { clients } = await labClients();
  const avoidProbed = policy({ clusterAffinity: { labelSelector: { matchExpressions: [{ key: PROBE_LABEL, operator: 'DoesNotExist' }] } } });
  const place = async () => planPlacement({ policy: avoidProbed, resource: deployment(2), clusters: await readLiveClusterObjects(clients, 'host', 'PropagationPolicy', TIMEOUT) });
  const patchLabel = (value: string | null) => clients.request('host', {
    method: 'PATCH', path: '/apis/cluster.karmada.io/v1alpha1/clusters/member2',
    contentType: 'application/merge-patch+json', body: { metadata: { labels: { [PROBE_LABEL]: value } } }, signal: AbortSignal.timeout(10_000),
  });
  assert.deepEqual(replicas(await place()), { member1: 2, member2: 2 });
  await patchLabel('excluded');
  try {
    const changed = await place();
    assert.deepEqual(replicas(changed), { member1: 2 });
    assert.match(changed.excluded.find((e) => e.name === 'member2')?.reason ?? '', /labelSelector: label placement.flotilla.dev\/probe exists/);
  } finally {
    await patchLabel(null);
  }
  assert.deepEqual(replicas(await place()), { member1: 2, member2: 2 });
});

test('the language server CodeLens changes when a member label changes in the cluster', { timeout: 60_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const { clients } = await labClients();
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  const uri = 'file:///workspace/web.yaml';
  const text = [stringify(deployment(4)), stringify(policy({ clusterAffinity: { labelSelector: { matchExpressions: [{ key: PROBE_LABEL, operator: 'DoesNotExist' }] } } }))].join('---\n');
  let refreshed: () => void = () => undefined;
  session.connection.onRequest('workspace/codeLens/refresh', () => {
    refreshed();
    return null;
  });
  // What the explorer does: read the Karmada Clusters from the host and push them as the snapshot.
  const pushSnapshot = async () => {
    const karmadaClusters = await readLiveClusterObjects(clients, 'host', 'PropagationPolicy', TIMEOUT);
    const refresh = new Promise<void>((resolve) => (refreshed = resolve));
    await session.connection.sendNotification(FederationSnapshotNotification.type, { clusters: [], karmadaClusters });
    await refresh;
    const lenses = (await session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[] | null;
    return (lenses ?? []).map((l) => l.command?.title);
  };
  const patchLabel = (value: string | null) => clients.request('host', {
    method: 'PATCH', path: '/apis/cluster.karmada.io/v1alpha1/clusters/member1',
    contentType: 'application/merge-patch+json', body: { metadata: { labels: { [PROBE_LABEL]: value } } }, signal: AbortSignal.timeout(10_000),
  });
  try {
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    assert.deepEqual(await pushSnapshot(), ['member1: 4 · member2: 4 (Duplicated)']);
    await patchLabel('excluded');
    try {
      assert.deepEqual(await pushSnapshot(), ['member2: 4 (Duplicated)']);
    } finally {
      await patchLabel(null);
    }
    assert.deepEqual(await pushSnapshot(), ['member1: 4 · member2: 4 (Duplicated)']);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});
