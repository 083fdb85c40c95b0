// Cross-document features see the workspace's YAML files that are not open: a PropagationPolicy whose
// Deployment lives in another, unopened file gets a placement CodeLens, and follows that file's changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type CodeLens,
} from 'vscode-languageserver-protocol';
import { FederationSnapshotNotification } from '../../core/protocol';
import { startServer } from '../support/lspClient';
import { karmadaCluster } from '../unit/placement/fixtures';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers: [{name: web, image: nginx}]
`;

const POLICY = `apiVersion: policy.karmada.io/v1alpha1
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

test('placement CodeLens finds the Deployment in an unopened workspace file and follows its changes', { timeout: 30_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'flotilla-ws-'));
  const deploymentPath = join(folder, 'deployment.yaml');
  const policyUri = pathToFileURL(join(folder, 'policy.yaml')).toString();
  writeFileSync(deploymentPath, deployment(4));
  writeFileSync(join(folder, 'policy.yaml'), POLICY);
  const session = await startServer({
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
    workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }],
  });
  try {
    const { connection } = session;
    let refreshes = 0;
    let wake: () => void = () => undefined;
    connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      wake();
      return null;
    });
    const lensTitles = async () =>
      (((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: policyUri } })) as CodeLens[] | null) ?? []).map((l) => l.command?.title);
    /** Waits for refreshes until the lens shows `expected` (the scan and the snapshot each refresh once). */
    const lensBecomes = async (expected: string) => {
      for (;;) {
        const seen = refreshes;
        const titles = await lensTitles();
        if (titles.includes(expected)) return titles;
        if (refreshes === seen) await new Promise<void>((resolve) => (wake = resolve));
      }
    };

    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: policyUri, languageId: 'yaml', version: 1, text: POLICY } });
    await connection.sendNotification(FederationSnapshotNotification.type, {
      clusters: [],
      karmadaClusters: ['member1', 'member2'].map((name) => karmadaCluster(name)),
    });
    assert.deepEqual(await lensBecomes('member1: 2 · member2: 2 (Divided, equal weights)'), ['member1: 2 · member2: 2 (Divided, equal weights)']);

    writeFileSync(deploymentPath, deployment(10));
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(deploymentPath).toString(), type: FileChangeType.Changed }],
    });
    assert.deepEqual(await lensBecomes('member1: 5 · member2: 5 (Divided, equal weights)'), ['member1: 5 · member2: 5 (Divided, equal weights)']);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
    rmSync(folder, { recursive: true, force: true });
  }
});
