// An editor that pushes no federation snapshot (any LSP client but VS Code) still gets member names
// completed, from the Cluster objects in the flotilla.clusters files its settings name: pulled through
// workspace/configuration, or pushed by clients that answer no pull (didChangeConfiguration, initializationOptions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  type CompletionList,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver-protocol';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
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
        - edge-3
`;

const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-offline-'));
const clusters = path.join(dir, 'clusters.yaml');
writeFileSync(clusters, ['edge-1', 'edge-2'].map((name) => `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}, labels: {tier: edge}}\n`).join('---\n'));
const SECTION = { clusters: [clusters], schemas: { live: false } };

/** Opens the policy, waits until the federation checks know the members (edge-3 is none), then completes. */
async function membersOffered(params: Partial<InitializeParams>, setup?: (c: MessageConnection) => void, afterStart?: (c: MessageConnection) => Promise<void>) {
  const session = await startServer(params, [], setup);
  try {
    const { connection } = session;
    const unknownCluster = (d: Diagnostic[]) => d.find((x) => x.code === 'unknown-cluster');
    const checked = session.nextDiagnostics(URI, (d) => !!unknownCluster(d)).then((d) => unknownCluster(d)!);
    await afterStart?.(connection);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    assert.match(String((await checked).message), /edge-3 is not a member cluster \(members: edge-1, edge-2\)/);
    const list = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 8, character: 14 } })) as CompletionList;
    return list.items.map((i) => [i.label, i.detail]);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
}

const EXPECTED = [['edge-1', 'member cluster · tier=edge'], ['edge-2', 'member cluster · tier=edge']];

test('pulled through workspace/configuration', { timeout: 30_000 }, async () => {
  const offered = await membersOffered({ capabilities: { workspace: { configuration: true } } }, (connection) => {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => SECTION));
  });
  assert.deepEqual(offered, EXPECTED);
});

test('pushed by workspace/didChangeConfiguration, from a client that answers no pull', { timeout: 30_000 }, async () => {
  const offered = await membersOffered({}, undefined, (connection) => connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { flotilla: SECTION } }));
  assert.deepEqual(offered, EXPECTED);
});

test('given as initializationOptions, under settings or directly (Helix sends its config so)', { timeout: 30_000 }, async () => {
  assert.deepEqual(await membersOffered({ initializationOptions: { settings: { flotilla: SECTION } } }), EXPECTED);
  assert.deepEqual(await membersOffered({ initializationOptions: { flotilla: SECTION } }), EXPECTED);
});
