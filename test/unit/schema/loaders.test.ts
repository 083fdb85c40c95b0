import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { draftsFromText, loadSchemaPaths } from '../../../core/schema/files';
import { draftsFromOpenApi } from '../../../core/schema/loaders/openapi';
import { draftsFromBundled } from '../../../core/schema/loaders/bundled';
import { propertySchema, typeLabel } from '../../../core/schema/model';
import { describeOrigin, SchemaStore } from '../../../core/schema/store';
import { UPSTREAM } from '../language/fixtures';

const read = (rel: string) => readFileSync(path.join(UPSTREAM, rel), 'utf8');

upstreamTest('CRD YAML: every served version becomes apiVersion/kind', () => {
  const drafts = draftsFromText('x.yaml', read('crds/mcs-api/multicluster.x-k8s.io_serviceimports.yaml'));
  assert.deepEqual(drafts.map((d) => `${d.apiVersion} ${d.kind}`).sort(), ['multicluster.x-k8s.io/v1alpha1 ServiceImport', 'multicluster.x-k8s.io/v1beta1 ServiceImport']);
  const kubefed = draftsFromText('x.yaml', read('crds/kubefed/federated-types-crds.yaml'));
  assert.ok(kubefed.some((d) => d.apiVersion === 'types.kubefed.io/v1beta1' && d.kind === 'FederatedDeployment'));
});

upstreamTest('OpenAPI v3 document: kinds from x-kubernetes-group-version-kind, $ref resolved lazily, int-or-string recognised', () => {
  const drafts = draftsFromOpenApi(JSON.parse(read('openapi/kubernetes-1.35/apis__apps__v1_openapi.json')));
  const deployment = drafts.find((d) => d.apiVersion === 'apps/v1' && d.kind === 'Deployment')!;
  assert.ok(deployment);
  assert.ok(!drafts.some((d) => d.kind === 'DeploymentList' || d.kind === 'DeleteOptions'));
  const schema = deployment.load();
  const container = propertySchema(propertySchema(propertySchema(propertySchema(schema, 'spec')!, 'template')!, 'spec')!, 'containers')!.items!;
  assert.deepEqual(container.required, ['name']);
  assert.equal(typeLabel(propertySchema(container, 'ports')!), 'object[]');
  const maxSurge = propertySchema(propertySchema(propertySchema(schema, 'spec')!, 'strategy')!, 'rollingUpdate')!.properties!.maxSurge;
  assert.equal(maxSurge.intOrString, true);
  assert.equal(deployment.load(), schema, 'built once');
});

upstreamTest('OpenAPI v2 (swagger definitions) is read the same way', () => {
  const drafts = draftsFromOpenApi(JSON.parse(read('openapi/karmada/swagger.json')));
  assert.ok(drafts.some((d) => d.apiVersion === 'cluster.karmada.io/v1alpha1' && d.kind === 'Cluster'));
});

test('bundled format: {apiVersion, kind, schema}', () => {
  const [d] = draftsFromBundled({ apiVersion: 'example.com/v1', kind: 'Widget', schema: { type: 'object', properties: { spec: { $ref: '#/definitions/Spec' } }, definitions: { Spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } } } } });
  assert.equal(d.kind, 'Widget');
  assert.deepEqual(propertySchema(d.load(), 'spec')?.required, ['size']);
});

test('store precedence live > user > workspace > bundled, counts per source, origins replaceable', () => {
  const store = new SchemaStore();
  const draft = (kind: string, description: string) => ({ apiVersion: 'example.com/v1', kind, load: () => ({ type: 'object' as const, description }) });
  store.setOrigin('bundled', 'bundled', [draft('A', 'bundled'), draft('B', 'bundled')]);
  store.setOrigin('workspace', '/w/crd.yaml', [draft('A', 'workspace')]);
  store.setOrigin('live', 'host', [draft('A', 'live')]);
  store.setOrigin('user', '/u/crd.yaml', [draft('A', 'user'), draft('C', 'user')]);
  assert.equal(store.resolve('example.com/v1', 'A')?.schema.description, 'live');
  assert.equal(describeOrigin(store.resolve('example.com/v1', 'A')!.entry), 'live: host');
  assert.equal(store.resolve('example.com/v1', 'B')?.entry.source, 'bundled');
  assert.deepEqual(
    store.counts().map((c) => [c.source, c.kinds, c.origins]),
    [
      ['live', 1, ['host']],
      ['user', 1, ['/u/crd.yaml']],
      ['workspace', 0, ['/w/crd.yaml']],
      ['bundled', 1, ['bundled']],
    ],
  );
  const generation = store.generation;
  store.retainOrigins('live', []);
  assert.ok(store.generation > generation);
  assert.equal(store.resolve('example.com/v1', 'A')?.schema.description, 'user');
});

test('a schema that fails to build is reported once and skipped', () => {
  const errors: string[] = [];
  const store = new SchemaStore((m) => errors.push(m));
  store.setOrigin('user', 'bad.json', [{ apiVersion: 'v1', kind: 'Bad', load: () => { throw new Error('boom'); } }]);
  assert.equal(store.resolve('v1', 'Bad'), undefined);
  assert.equal(store.resolve('v1', 'Bad'), undefined);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /v1 Bad from bad\.json failed to build: boom/);
});

upstreamTest('schema paths: folders are walked, malformed and missing files are reported and skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-schemas-'));
  writeFileSync(path.join(dir, 'broken.json'), '{ not json');
  writeFileSync(path.join(dir, 'exports.yaml'), read('crds/mcs-api/multicluster.x-k8s.io_serviceexports.yaml'));
  writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
  const problems: string[] = [];
  const files = await loadSchemaPaths([dir, path.join(dir, 'missing.yaml')], (p, m) => problems.push(`${path.basename(p)}: ${m}`));
  assert.deepEqual(files.map((f) => path.basename(f.path)), ['exports.yaml']);
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('broken.json')));
  assert.ok(problems.some((p) => p.startsWith('missing.yaml')));
});
