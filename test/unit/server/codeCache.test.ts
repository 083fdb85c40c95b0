import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeCacheDir } from '../../../server/codeCache';

const CHILD = join(__dirname, 'codeCacheChild.ts');

/** A bundle-like module: uses require, __dirname and module.exports, and has a lazily compiled function it calls. */
function bundle(answer: number): string {
  return `const { basename } = require('node:path');
function later(x) { return x * 2; }
module.exports = { answer: ${answer}, doubled: later(${answer}), folder: basename(__dirname) };
`;
}

/** Each start is its own process, as each server start is: V8's in-memory compilation cache cannot answer for the disk cache. */
function start(file: string, cacheDir: string): { status: string; exports: { answer: number; doubled: number; folder: string }; saved: string | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, cacheDir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function setUp(): { file: string; cacheDir: string; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), 'flotilla-code-cache-'));
  const file = join(folder, 'server.js');
  writeFileSync(file, bundle(21));
  return { file, cacheDir: join(folder, 'cache'), folder };
}

test('the first start runs without a cache and writes one; the next start uses it and writes nothing', () => {
  const { file, cacheDir, folder } = setUp();
  const first = start(file, cacheDir);
  assert.equal(first.status, 'none');
  assert.deepEqual(first.exports, { answer: 21, doubled: 42, folder: folder.split('/').pop() });
  assert.ok(first.saved && readdirSync(cacheDir).length === 1, 'one cache file written');
  const second = start(file, cacheDir);
  assert.equal(second.status, 'used');
  assert.equal(second.exports.doubled, 42);
  assert.equal(second.saved, null);
});

test('a rebuilt bundle of the same length never meets the old cache, and the old file goes', () => {
  const { file, cacheDir } = setUp();
  const old = start(file, cacheDir).saved!;
  writeFileSync(file, bundle(12));
  const rebuilt = start(file, cacheDir);
  assert.equal(rebuilt.status, 'none');
  assert.deepEqual([rebuilt.exports.answer, rebuilt.exports.doubled], [12, 24]);
  assert.notEqual(rebuilt.saved, old);
  assert.deepEqual(readdirSync(cacheDir), [rebuilt.saved!.split('/').pop()]);
});

test('a corrupt cache is rejected by V8, the bundle still runs, and the cache is written again', () => {
  const { file, cacheDir } = setUp();
  const cacheFile = start(file, cacheDir).saved!;
  const good = readFileSync(cacheFile);
  writeFileSync(cacheFile, Buffer.alloc(good.length, 7));
  const corrupt = start(file, cacheDir);
  assert.equal(corrupt.status, 'rejected');
  assert.equal(corrupt.exports.doubled, 42);
  assert.equal(corrupt.saved, cacheFile);
  assert.equal(start(file, cacheDir).status, 'used');
});

test('an unwritable cache folder costs nothing but the cache', () => {
  const { file, folder } = setUp();
  const blocked = join(folder, 'a-file-not-a-folder');
  writeFileSync(blocked, '');
  const run = start(file, join(blocked, 'cache'));
  assert.equal(run.status, 'none');
  assert.equal(run.exports.doubled, 42);
  assert.equal(run.saved, null);
});

test('the cache folder: FLOTILLA_CODE_CACHE_DIR, `off`, else the user cache folder', () => {
  assert.equal(codeCacheDir({ FLOTILLA_CODE_CACHE_DIR: '/tmp/cc' }), '/tmp/cc');
  assert.equal(codeCacheDir({ FLOTILLA_CODE_CACHE_DIR: 'off' }), undefined);
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/home/u/.cache' }), '/home/u/.cache/flotilla/code');
});
