// The bundled schemas as the server loads them: copied by the build into <out>/schemas/bundled, found by
// searching upwards from the server bundle's folder, and read by the server's own file loader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findBundledSchemas, loadFileSource } from '../../../core/schema/sources';
import { SchemaStore } from '../../../core/schema/store';

const repoRoot = resolve(__dirname, '../../..');

test('the build copy is found from the server folder and every bundled kind loads through the server loader', async () => {
  const out = mkdtempSync(join(tmpdir(), 'flotilla-bundled-'));
  try {
    const script = `import('${join(repoRoot, 'scripts/bundle-schemas.mjs')}').then((m) => m.copyBundledSchemas(${JSON.stringify(out)}))`;
    execFileSync(process.execPath, ['-e', script]);
    // `out` plays dist/ of the packaged extension: the server searches from its own folder
    const found = findBundledSchemas(out);
    assert.equal(found, join(out, 'schemas', 'bundled'));

    const problems: string[] = [];
    const store = new SchemaStore((m) => problems.push(m));
    await loadFileSource(store, 'bundled', [found!], (m) => problems.push(m));
    const index = JSON.parse(readFileSync(join(found!, 'index.json'), 'utf8')) as { schemas: { apiVersion: string; kind: string }[] };
    for (const { apiVersion, kind } of index.schemas) {
      const resolved = store.resolve(apiVersion, kind);
      assert.ok(resolved, `${apiVersion} ${kind} did not load`);
      assert.equal(resolved.entry.source, 'bundled');
      assert.equal(resolved.schema.type, 'object');
      assert.ok(resolved.schema.properties?.metadata?.properties?.name, `${kind}: metadata.name is declared`);
    }
    assert.deepEqual(problems, []);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
