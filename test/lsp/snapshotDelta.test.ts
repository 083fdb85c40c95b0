// The federation snapshot as changes, over stdio: after the whole snapshot, a delta that taints one member
// moves the placement lens; a delta for a version the server does not hold is not applied, and the server
// asks for the whole snapshot instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeLensRequest, DidOpenTextDocumentNotification, type CodeLens } from 'vscode-languageserver-protocol';
import { diffSnapshot } from '../../core/federation/snapshotDelta';
import {
  FederationSnapshotDeltaNotification,
  FederationSnapshotNotification,
  FederationSnapshotResyncNotification,
  type FederationSnapshot,
} from '../../core/protocol';
import { startServer } from '../support/lspClient';
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
      clusterNames: [member1, member2]
    replicaScheduling:
      replicaSchedulingType: Divided
`;

function snapshot(taintMember2: boolean, version: number): FederationSnapshot {
  const taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
  return {
    clusters: [],
    karmadaClusters: ['member1', 'member2'].map((name) => karmadaCluster(name, taintMember2 && name === 'member2' ? { taints } : {})),
    version,
  };
}

test('a snapshot delta moves the placement lens; one for a version the server does not hold makes it ask for the whole', { timeout: 30_000 }, async () => {
  const session = await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
  try {
    const { connection } = session;
    let refreshed: () => void = () => undefined;
    connection.onRequest('workspace/codeLens/refresh', () => void refreshed());
    const nextRefresh = () => new Promise<void>((resolve) => (refreshed = resolve));
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
