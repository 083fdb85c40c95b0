/** Admission rules over LSP: published with the schema findings, on the field, with the rule's code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';
import { POLICY_DENIED_BY_WEBHOOK } from '../support/manifests';

const URI = 'file:///work/policy.yaml';
const TEXT = POLICY_DENIED_BY_WEBHOOK;

test('a policy the Karmada webhook would deny gets its rules as diagnostics from the server', async () => {
  const s = await startServer();
  try {
    const published = s.nextDiagnostics(URI);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    const found = (await published).map((d) => ({ code: d.code, source: d.source, severity: d.severity, start: [d.range.start.line, d.range.start.character], end: [d.range.end.line, d.range.end.character] }));
    const line = TEXT.split('\n')[8];
    assert.deepEqual(found, [
      { code: 'karmada-spread-max-below-min', source: 'flotilla', severity: 1, start: [8, line.indexOf('2}')], end: [8, line.indexOf('2}') + 1] },
      { code: 'karmada-spread-cluster-required', source: 'flotilla', severity: 1, start: [7, 4], end: [7, 4 + 'spreadConstraints'.length] },
    ], s.stderr());
  } finally {
    assert.equal(await s.close(), 0);
  }
});
