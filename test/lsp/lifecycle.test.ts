import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';

test('dist/server.js --stdio completes initialize and shutdown, then exits 0', async () => {
  const session = await startServer();
  assert.equal(session.initializeResult.serverInfo?.name, 'flotilla-language-server');
  assert.ok(session.initializeResult.capabilities.textDocumentSync, 'announces document sync');
  assert.equal(await session.close(), 0, session.stderr());
});
