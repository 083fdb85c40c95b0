import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SchemaFileCache } from '../../../core/schema/schemaFileCache';
import { loadSchemaPaths } from '../../../core/schema/files';
import { JsonDiskCache } from '../../../core/schema/jsonDiskCache';
import { fileAppears } from '../../support/fileAppears';
import { UPSTREAM } from '../language/fixtures';

const POLICY_CRD = path.join(UPSTREAM, 'crds/karmada/policy/policy.karmada.io_propagationpolicies.yaml');
const APPS_OPENAPI = path.join(UPSTREAM, 'openapi/kubernetes-1.35/apis__apps__v1_openapi.json');

function setup(source = POLICY_CRD, name = 'policies.yaml') {
  const root = mkdtempSync(path.join(tmpdir(), 'flotilla-schema-file-cache-'));
  const file = path.join(root, name);
  copyFileSync(source, file);
  // A whole second, which utimes can restore exactly.
  utimesSync(file, 1_700_000_000, 1_700_000_000);
  const cacheDir = path.join(root, 'cache');
  // Made up front, so that the watcher in fileAppears covers it from the start.
  mkdirSync(path.join(cacheDir, 'files'), { recursive: true });
  return { root, file, cacheDir, cache: new SchemaFileCache(new JsonDiskCache(path.join(cacheDir, 'files'))) };
}

const kinds = async (file: string, cache?: SchemaFileCache, errors: string[] = []) =>
  (await loadSchemaPaths([file], (p, m) => errors.push(`${p}: ${m}`), { fileCache: cache })).flatMap((f) => f.drafts.map((d) => `${d.apiVersion} ${d.kind}`));

/** Overwrites the file with other text of the same size and puts its modification time back. */
function sameVersionOtherText(file: string, text: string): void {
  const before = statSync(file);
  writeFileSync(file, text.padEnd(before.size, '#').slice(0, before.size));
  utimesSync(file, before.atime, before.mtime);
}

test('a CRD file is read from its YAML once, then from the cache while its size and modification time stay', async () => {
  const { file, cacheDir, cache } = setup();
  const written = fileAppears(cacheDir, /^files\/[0-9a-f]+\.json$/);
  assert.deepEqual(await kinds(file, cache), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  await written.path;
  // Same size and time, other text: only the cache can still know the CRD.
  sameVersionOtherText(file, 'kind: ConfigMap\n');
  assert.deepEqual(await kinds(file, cache), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  assert.deepEqual(await kinds(file), []);
  // A new version of the file is read again.
  writeFileSync(file, 'kind: ConfigMap\n');
  assert.deepEqual(await kinds(file, cache), []);
});

test('an OpenAPI document is remembered by its schemas alone', async () => {
  const { file, cacheDir, cache } = setup(APPS_OPENAPI, 'apps.json');
  const written = fileAppears(cacheDir, /^files\/[0-9a-f]+\.json$/);
  const fromFile = await kinds(file, cache);
  assert.ok(fromFile.includes('apps/v1 Deployment'), fromFile.join());
  const entry = await written.path;
  assert.ok(statSync(entry).size < statSync(file).size / 2, 'the cached entry leaves the paths out');
  sameVersionOtherText(file, '{}');
  assert.deepEqual(await kinds(file, cache), fromFile);
});

test('a cache entry that is corrupt or names another file is not used', async () => {
  const { file, cacheDir, cache } = setup();
  const written = fileAppears(cacheDir, /^files\/[0-9a-f]+\.json$/);
  await kinds(file, cache);
  const entry = await written.path;
  const stored = JSON.parse(readFileSync(entry, 'utf8')) as { path: string };
  writeFileSync(entry, JSON.stringify(stored).slice(0, 100));
  const rewritten = fileAppears(cacheDir, /^files\/[0-9a-f]+\.json$/);
  assert.deepEqual(await kinds(file, cache), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  // The corrupt entry was read as a miss and written again; wait for that write before the next step.
  await rewritten.path;
  writeFileSync(entry, JSON.stringify({ ...stored, path: '/elsewhere.yaml' }));
  sameVersionOtherText(file, 'kind: ConfigMap\n');
  assert.deepEqual(await kinds(file, cache), []);
});

test('a cache folder that cannot be made costs nothing but the cache', async () => {
  const { root, file } = setup();
  // A file where the folder should be: mkdir fails, even for root.
  const blocked = path.join(root, 'blocked');
  writeFileSync(blocked, '');
  const errors: string[] = [];
  const cache = new SchemaFileCache(new JsonDiskCache(path.join(blocked, 'files')));
  assert.deepEqual(await kinds(file, cache, errors), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  assert.deepEqual(await kinds(file, cache, errors), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  assert.deepEqual(errors, []);
  assert.equal(statSync(blocked).size, 0);
});

test('a cache entry for this version of the file whose content has the wrong shape is not used', async () => {
  const { file, cacheDir, cache } = setup();
  const written = fileAppears(cacheDir, /^files\/[0-9a-f]+\.json$/);
  await kinds(file, cache);
  const entry = await written.path;
  const stored = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
  writeFileSync(entry, JSON.stringify({ ...stored, content: { kind: 'CustomResourceDefinition' } }));
  const errors: string[] = [];
  assert.deepEqual(await kinds(file, cache, errors), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  assert.deepEqual(errors, []);
});

test('writes wait until they may start (a server holds them until its open documents are validated)', async () => {
  const { root, file } = setup();
  const written: string[] = [];
  class RecordingDisk extends JsonDiskCache {
    override async write(name: string): Promise<void> {
      written.push(name);
    }
  }
  let release = () => {};
  const mayStart = new Promise<void>((resolve) => (release = resolve));
  const cache = new SchemaFileCache(new RecordingDisk(path.join(root, 'unused')), mayStart);
  assert.deepEqual(await kinds(file, cache), ['policy.karmada.io/v1alpha1 PropagationPolicy']);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(written, []);
  release();
  await mayStart;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(written.length, 1);
});
