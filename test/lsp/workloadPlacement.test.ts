// "Create PropagationPolicy for this workload" over LSP: a refactor code action on a Deployment that
// appends a policy placing it on the members the pushed snapshot lists; the result is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type CodeLens,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { FederationSnapshotNotification, type FederationSnapshot } from '../../core/protocol';
import { startServer } from '../support/lspClient';
import { WEB_DEPLOYMENT } from '../support/manifests';
import { karmadaCluster } from '../unit/placement/fixtures';

const URI = 'file:///workspace/web.yaml';
const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;
const TEXT = `${SERVICE}---\n${WEB_DEPLOYMENT}`;
const DEPLOYMENT_LINE = SERVICE.split('\n').length;
const END_LINE = TEXT.split('\n').length - 1;

const SNAPSHOT: FederationSnapshot = {
  clusters: [
    { name: 'hub-east', labels: { name: 'hub-east' }, taints: [], namespaces: [], federations: ['OCM on hub'] },
  ],
  karmadaClusters: ['member1', 'member2'].map((name) => karmadaCluster(name)),
};

test('a Deployment offers a PropagationPolicy and an OCM placement on the known members; applied, the file stays clean', { timeout: 30_000 }, async () => {
  const session = await startServer();
  try {
    const { connection } = session;
    const actionsAt = async (line: number) =>
      ((await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] } })) ?? []) as CodeAction[];
    const opened = session.nextDiagnostics(URI);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await opened;
    assert.deepEqual(await actionsAt(DEPLOYMENT_LINE), [], 'no members known yet');
    await connection.sendNotification(FederationSnapshotNotification.type, SNAPSHOT);

    assert.deepEqual(await actionsAt(1), [], 'a Service is no workload');
    const actions = await actionsAt(DEPLOYMENT_LINE);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Create PropagationPolicy for Deployment web', 'refactor'],
      ['Create OCM Placement and ManifestWorkReplicaSet for Deployment web', 'refactor'],
    ]);
    const [edit] = actions[0].edit!.changes![URI] as TextEdit[];
    assert.deepEqual(edit.range, { start: { line: END_LINE, character: 0 }, end: { line: END_LINE, character: 0 } });
    assert.match(edit.newText, /^---\napiVersion: policy\.karmada\.io\/v1alpha1\nkind: PropagationPolicy\n/);
    assert.match(edit.newText, /clusterNames:\n\s+- member1\n\s+- member2\n/);
    assert.match((actions[1].edit!.changes![URI] as TextEdit[])[0].newText, /values:\n\s+- hub-east\n/);

    // Applied: no schema error, and the placement preview puts the Deployment on both members.
    const clean = session.nextDiagnostics(URI, (d) => d.length === 0);
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
    assert.deepEqual(await clean, []);
    const lenses = ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } })) ?? []) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[END_LINE + 1, 'member1: 2 · member2: 2 (Duplicated)']]);
  } finally {
    assert.equal(await session.close(), 0, session.stderr());
  }
});
