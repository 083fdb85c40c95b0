// An editor that pushes no federation snapshot (any LSP client but VS Code) still gets member names
// completed, from the Cluster objects in the flotilla.clusters files its settings name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompletionRequest, ConfigurationRequest, DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type CompletionList } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';

const URI = 'file:///workspace/policy.yaml';
const TEXT = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: web}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    clusterAffinity:
      clusterNames:
        - 
`;

test('member names complete from flotilla.clusters files when no snapshot is pushed', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-offline-'));
  const clusters = path.join(dir, 'clusters.yaml');
  writeFileSync(clusters, ['edge-1', 'edge-2'].map((name) => `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}, labels: {tier: edge}}\n`).join('---\n'));
  const session = await startServer({ capabilities: { workspace: { configuration: true } } }, [], (connection) => {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ clusters: [clusters], schemas: { live: false } })));
  });
  try {
    const { connection } = session;
    // Diagnostics come after the settings are read, so completion then knows the files.
    const validated = new Promise<void>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === URI) resolve();
    }));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await validated;
    const list = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 8, character: 10 } })) as CompletionList;
    assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['edge-1', 'member cluster · tier=edge'], ['edge-2', 'member cluster · tier=edge']]);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});
