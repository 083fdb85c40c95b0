// Placement through the language server: CodeLenses computed from the federation snapshot the client
// pushes, refreshed when the snapshot changes (a member gains a taint, whole or as a delta), and
// federation diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeLensRequest, DidOpenTextDocumentNotification, type CodeLens } from 'vscode-languageserver-protocol';
import { diffSnapshot } from '../../core/federation/snapshotDelta';
import {
  CurrentSchedulesRequest,
  FederationSnapshotDeltaNotification,
  FederationSnapshotNotification,
  FederationSnapshotResyncNotification,
  type FederationSnapshot,
} from '../../core/protocol';
import { startServer, type LspSession } from '../support/lspClient';
import { karmadaCluster } from '../unit/placement/fixtures';

const URI = 'file:///workspace/web.yaml';
const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 10
  template:
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web, namespace: shop}
spec:
  resourceSelectors:
    - {apiVersion: apps/v1, kind: Deployment, name: web}
  placement:
    clusterAffinity:
      clusterNames: [member1, member2, membr3]
    replicaScheduling:
      replicaSchedulingType: Divided
`;

/** Answers the server's codeLens/refresh requests; each call returns a promise of the next one. */
function lensRefreshes(connection: LspSession['connection']): () => Promise<void> {
  let refreshed: () => void = () => undefined;
  connection.onRequest('workspace/codeLens/refresh', () => {
    refreshed();
    return null;
  });
  return () => new Promise<void>((resolve) => (refreshed = resolve));
}

function snapshot(taintMember2: boolean, version?: number): FederationSnapshot {
  return {
    version,
    clusters: [],
    karmadaClusters: ['member1', 'member2', 'member3'].map((name) =>
      karmadaCluster(name, taintMember2 && name === 'member2' ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {})),
  };
}

test('placement CodeLens follows the pushed federation snapshot, and a non-member name is diagnosed', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    const nextRefresh = lensRefreshes(connection);
    const diagnosticsWith = (code: string) => session.nextDiagnostics(URI, (d) => d.some((x) => x.code === code));
    const lensTitles = async () => ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } })) as CodeLens[] | null ?? []).map((l) => l.command?.title);

    const unknownMember = diagnosticsWith('unknown-cluster');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    let refresh = nextRefresh();
    await connection.sendNotification(FederationSnapshotNotification.type, snapshot(false));
    await refresh;
    assert.deepEqual(await lensTitles(), ['member1: 5 · member2: 5 (Divided, equal weights)']);
    const published = await unknownMember;
    const diagnostic = published.find((d) => d.code === 'unknown-cluster')!;
    assert.match(String(diagnostic.message), /membr3 is not a member cluster/);
    assert.equal(diagnostic.range.start.line, 17);

    refresh = nextRefresh();
    await connection.sendNotification(FederationSnapshotNotification.type, snapshot(true));
    await refresh;
    assert.deepEqual(await lensTitles(), ['member1: 10 (Divided, equal weights)']);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});

test('a snapshot delta moves the placement lens; one for a version the server does not hold makes it ask for the whole', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    const nextRefresh = lensRefreshes(connection);
    let resyncs = 0;
    let resynced: () => void = () => undefined;
    connection.onNotification(FederationSnapshotResyncNotification.type, () => {
      resyncs++;
      resynced();
    });
    const lensTitles = async () => (((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } })) as CodeLens[] | null) ?? []).map((l) => l.command?.title);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    let refresh = nextRefresh();
    await connection.sendNotification(FederationSnapshotNotification.type, snapshot(false, 1));
    await refresh;
    assert.deepEqual(await lensTitles(), ['member1: 5 · member2: 5 (Divided, equal weights)']);

    refresh = nextRefresh();
    await connection.sendNotification(FederationSnapshotDeltaNotification.type, diffSnapshot(snapshot(false, 1), snapshot(true, 2), 1, 2)!);
    await refresh;
    assert.deepEqual(await lensTitles(), ['member1: 10 (Divided, equal weights)']);

    const asked = new Promise<void>((resolve) => (resynced = resolve));
    await connection.sendNotification(FederationSnapshotDeltaNotification.type, diffSnapshot(snapshot(true, 2), snapshot(false, 9), 8, 9)!);
    await asked;
    assert.equal(resyncs, 1);
    assert.deepEqual(await lensTitles(), ['member1: 10 (Divided, equal weights)'], 'the stale delta was not applied');
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});

const OCM_URI = 'file:///workspace/placement.yaml';
const OCM_TEXT = `apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata: {name: prod, namespace: default}
spec: {clusterSet: prod}
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: {name: biggest-in-eu, namespace: default}
spec:
  numberOfClusters: 1
  clusterSets: [prod]
  predicates:
    - requiredClusterSelector:
        claimSelector:
          matchExpressions:
            - {key: region.open-cluster-management.io, operator: In, values: [eu-west-1]}
  prioritizerPolicy:
    mode: Exact
    configurations:
      - scoreCoordinate: {builtIn: ResourceAllocatableCPU}
        weight: 1
`;

function managedCluster(name: string, region: string, cpu: string): unknown {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 'prod' } },
    spec: { hubAcceptsClient: true },
    status: {
      clusterClaims: [{ name: 'region.open-cluster-management.io', value: region }],
      allocatable: { cpu, memory: '16Gi' },
      capacity: { cpu, memory: '16Gi' },
      conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True' }],
    },
  };
}

test('the OCM placement CodeLens reads the hubs\' ManagedClusters from the snapshot: claims and allocatable decide', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    const nextRefresh = lensRefreshes(connection);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: OCM_URI, languageId: 'yaml', version: 1, text: OCM_TEXT } });
    const refresh = nextRefresh();
    const ocmClusters = [managedCluster('member1', 'eu-west-1', '8'), managedCluster('member2', 'eu-west-1', '24'), managedCluster('member3', 'us-east-1', '64')];
    // The per-cluster labels alone (no claims, no allocatable) could not tell these apart.
    const clusters = ['member1', 'member2', 'member3'].map((name) => ({ name, labels: { 'cluster.open-cluster-management.io/clusterset': 'prod' }, taints: [], namespaces: [], federations: ['OCM on host'] }));
    await connection.sendNotification(FederationSnapshotNotification.type, { clusters, karmadaClusters: [], ocmClusters, clusterSets: ['prod'] } satisfies FederationSnapshot);
    await refresh;
    const lenses = ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: OCM_URI } })) as CodeLens[] | null) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['member2 (OCM Placement)']);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});

const ADDON_URI = 'file:///workspace/gpu-placement.yaml';
const ADDON_TEXT = `apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: {name: most-free-gpu, namespace: default}
spec:
  numberOfClusters: 1
  clusterSets: [prod]
  prioritizerPolicy:
    mode: Exact
    configurations:
      - scoreCoordinate: {type: AddOn, addOn: {resourceName: gpu, scoreName: free}}
        weight: 1
`;

const hubObject = (kind: string, namespace: string, name: string, rest: object) => ({
  apiVersion: kind === 'AddOnPlacementScore' ? 'cluster.open-cluster-management.io/v1alpha1' : kind === 'PlacementDecision' ? 'cluster.open-cluster-management.io/v1beta1' : 'cluster.open-cluster-management.io/v1beta2',
  kind,
  metadata: { namespace, name },
  ...rest,
});

test('the OCM CodeLens reads the hubs\' bindings, add-on scores and decisions from the snapshot', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    const nextRefresh = lensRefreshes(connection);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: ADDON_URI, languageId: 'yaml', version: 1, text: ADDON_TEXT } });
    const refresh = nextRefresh();
    const names = ['member1', 'member2', 'member3'];
    const clusters = names.map((name) => ({ name, labels: { 'cluster.open-cluster-management.io/clusterset': 'prod' }, taints: [], namespaces: [], federations: ['OCM on host'] }));
    const ocmObjects = [
      // The binding lives on the hub only: without it the Placement may not use the set.
      hubObject('ManagedClusterSetBinding', 'default', 'prod', { spec: { clusterSet: 'prod' } }),
      ...names.map((name, i) => hubObject('AddOnPlacementScore', name, 'gpu', { status: { scores: [{ name: 'free', value: [20, 90, 50][i] }] } })),
      { ...hubObject('PlacementDecision', 'default', 'most-free-gpu-decision-1', { status: { decisions: [{ clusterName: 'member2', reason: '' }] } }), metadata: { namespace: 'default', name: 'most-free-gpu-decision-1', labels: { 'cluster.open-cluster-management.io/placement': 'most-free-gpu' } } },
    ];
    const ocmClusters = names.map((name) => managedCluster(name, 'eu-west-1', '8'));
    await connection.sendNotification(FederationSnapshotNotification.type, { clusters, karmadaClusters: [], ocmClusters, clusterSets: ['prod'], ocmObjects } satisfies FederationSnapshot);
    await refresh;
    const lenses = ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: ADDON_URI } })) as CodeLens[] | null) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['member2 (OCM Placement)']);
    const explanation = lenses[0].command?.arguments?.[0] as { outcome: { notes: string[] } };
    assert.ok(explanation.outcome.notes.includes('the live PlacementDecision agrees (member2)'), explanation.outcome.notes.join('; '));
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});

const SCALED_URI = 'file:///workspace/scaled.yaml';
// The Deployment and policy of TEXT, over two members, divided by their free capacity.
const SCALED_TEXT = TEXT.replace('clusterNames: [member1, member2, membr3]', 'clusterNames: [member1, member2]').replace(
  'replicaSchedulingType: Divided\n',
  'replicaSchedulingType: Divided\n      replicaDivisionPreference: Weighted\n      weightPreference: {dynamicWeight: AvailableReplicas}\n',
);

test('a lens over a workload Karmada already scheduled divides from the current schedule the client reports', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    const asked: unknown[] = [];
    // The ResourceBinding holds 6 replicas as 4 + 2: scaling to 10, karmada-scheduler adds to them.
    connection.onRequest(CurrentSchedulesRequest.type, (queries) => {
      asked.push(queries);
      return queries.map((q) => ({ ...q, clusters: [{ name: 'member1', replicas: 4 }, { name: 'member2', replicas: 2 }], context: 'host' }));
    });
    const nextRefresh = lensRefreshes(connection);
    const resources = { allocatable: { cpu: '4', pods: '110' }, allocated: {}, allocating: {} };
    let refresh = nextRefresh();
    await connection.sendNotification(FederationSnapshotNotification.type, { clusters: [], karmadaClusters: ['member1', 'member2'].map((n) => karmadaCluster(n, { resourceSummary: resources })) });
    await refresh;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: SCALED_URI, languageId: 'yaml', version: 1, text: SCALED_TEXT } });
    const lenses = async () => ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: SCALED_URI } })) as CodeLens[] | null) ?? [];
    refresh = nextRefresh();
    assert.deepEqual((await lenses()).map((l) => l.command?.title), ['member1: 5 · member2: 5 (Divided, dynamic weights (AvailableReplicas))'], 'a fresh schedule until the client answers');
    await refresh;
    const [lens] = await lenses();
    assert.equal(lens.command?.title, 'member1: 6 · member2: 4 (Divided, dynamic weights (AvailableReplicas))');
    const notes = (lens.command?.arguments?.[0] as { outcome: { notes: string[] } }).outcome.notes;
    assert.ok(notes.includes('divided from the current schedule (ResourceBinding: member1 ×4, member2 ×2), as karmada-scheduler does on a scale'), notes.join('; '));
    assert.deepEqual(asked, [[{ kind: 'Deployment', name: 'web', namespace: 'shop' }]]);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});
