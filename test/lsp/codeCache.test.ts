/** dist/server.js starts the server from V8's code cache: written after the first file, used by the next start. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DidOpenTextDocumentNotification, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { fileAppears } from '../support/fileAppears';
import { startServer, type LspSession } from '../support/lspClient';
import { POLICY_WITH_ENUM_ERROR } from '../support/manifests';

const URI = 'file:///work/policy.yaml';

function firstDiagnostics(session: LspSession): Promise<Diagnostic[]> {
  const published = session.nextDiagnostics(URI);
  void session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: POLICY_WITH_ENUM_ERROR } });
  return published;
}

test('the first start writes the code cache after its first diagnostics; the next start uses it and reports the same', { timeout: 60_000 }, async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'flotilla-lsp-code-cache-'));
  const written = fileAppears(cacheDir, /^languageServer-\w+\.bin$/).path;
  const first = await startServer({}, [], undefined, { FLOTILLA_CODE_CACHE_DIR: cacheDir });
  const before = await firstDiagnostics(first);
  const cacheFile = await written;
  assert.equal(await first.close(), 0, first.stderr());
  assert.ok(before.some((d) => d.code === 'enum'), `the lowercase enum value is reported: ${JSON.stringify(before)}`);
  const writtenAt = statSync(cacheFile).mtimeMs;

  const second = await startServer({}, [], undefined, { FLOTILLA_CODE_CACHE_DIR: cacheDir });
  assert.deepEqual(await firstDiagnostics(second), before);
  // A request answered after the diagnostics comes after the moment a start without a usable cache writes one.
  await second.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 1, character: 2 } });
  assert.equal(await second.close(), 0, second.stderr());
  assert.deepEqual(readdirSync(cacheDir), [cacheFile.split('/').pop()]);
  assert.equal(statSync(cacheFile).mtimeMs, writtenAt, 'the second start found a usable cache and wrote none');
});
