// Self-checks of the schemas bundled with Flotilla (schemas/bundled, compiled from schemas/source):
// they are fresh, structural, and agree with the upstream CRDs / Kubernetes OpenAPI on every field
// they declare (no invented fields, same types, enums, required lists and declared defaults).
import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flatten, upstreamCrdNamespaced, upstreamSchema, type FlatField, type JsonSchema } from './upstreamSchemas';

const repoRoot = resolve(__dirname, '../../..');
const bundledDir = join(repoRoot, 'schemas/bundled');

interface IndexEntry { apiVersion: string; kind: string; namespaced: boolean; file: string }
interface BundledFile { apiVersion: string; kind: string; namespaced: boolean; schema: JsonSchema }

const index = (JSON.parse(readFileSync(join(bundledDir, 'index.json'), 'utf8')) as { schemas: IndexEntry[] }).schemas;
const load = (entry: IndexEntry) => JSON.parse(readFileSync(join(bundledDir, entry.file), 'utf8')) as BundledFile;

test('schemas/bundled is what scripts/bundle-schemas.mjs compiles from schemas/source', () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle-schemas.mjs'), '--check'], { stdio: 'pipe' });
});

test('the index lists the kinds users write most, each once', () => {
  const keys = index.map((e) => `${e.apiVersion}/${e.kind}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const wanted of [
    'policy.karmada.io/v1alpha1/PropagationPolicy', 'policy.karmada.io/v1alpha1/ClusterPropagationPolicy',
    'policy.karmada.io/v1alpha1/OverridePolicy', 'policy.karmada.io/v1alpha1/ClusterOverridePolicy',
    'networking.karmada.io/v1alpha1/MultiClusterService', 'autoscaling.karmada.io/v1alpha1/FederatedHPA',
    'cluster.open-cluster-management.io/v1beta1/Placement', 'cluster.open-cluster-management.io/v1beta2/ManagedClusterSet',
    'cluster.open-cluster-management.io/v1beta2/ManagedClusterSetBinding', 'work.open-cluster-management.io/v1/ManifestWork',
    'types.kubefed.io/v1beta1/FederatedDeployment', 'scheduling.kubefed.io/v1alpha1/ReplicaSchedulingPreference',
    'multicluster.x-k8s.io/v1alpha1/ServiceExport', 'multicluster.x-k8s.io/v1alpha1/ServiceImport',
    'apps/v1/Deployment', 'v1/Service', 'v1/ConfigMap', 'v1/Namespace',
  ]) assert.ok(keys.includes(wanted), `missing ${wanted}`);
});

test('each bundled kind has the scope of its upstream CRD (core kinds: the Kubernetes scope)', () => {
  const coreScopes: Record<string, boolean> = { Deployment: true, Service: true, ConfigMap: true, Namespace: false };
  for (const entry of index) {
    const expected = upstreamCrdNamespaced(entry.apiVersion, entry.kind) ?? coreScopes[entry.kind];
    assert.equal(entry.namespaced, expected, `${entry.apiVersion} ${entry.kind}`);
    assert.equal(load(entry).namespaced, expected);
  }
});

/** Paths of nodes that are not structural: no type and neither int-or-string nor preserve-unknown. */
function nonStructural(schema: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  const typed = schema.type || schema['x-kubernetes-int-or-string'] || schema['x-kubernetes-preserve-unknown-fields'];
  if (!typed) problems.push(`${path}: no type`);
  for (const banned of ['$ref', 'allOf', 'anyOf', 'oneOf', 'not']) if (banned in schema) problems.push(`${path}: uses ${banned}`);
  if (schema.type === 'array' && !schema.items) problems.push(`${path}: array without items`);
  if (!schema.description) problems.push(`${path}: no description`);
  for (const [key, child] of Object.entries(schema.properties ?? {})) problems.push(...nonStructural(child, `${path}.${key}`));
  if (schema.items) problems.push(...nonStructural(schema.items, `${path}[]`));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    problems.push(...nonStructural(schema.additionalProperties, `${path}{}`));
  }
  return problems;
}

for (const entry of index) {
  test(`${entry.apiVersion} ${entry.kind}: parses and is structural, every field described`, () => {
    const file = load(entry);
    assert.equal(file.apiVersion, entry.apiVersion);
    assert.equal(file.kind, entry.kind);
    assert.equal(file.schema.type, 'object');
    // leaves inside map values and array items may rely on the parent's description
    const problems = nonStructural(file.schema, '').filter((p) => !/(\[\]|\{\}): no description$/.test(p));
    assert.deepEqual(problems, []);
  });
}

/** The upstream schema with metadata read as the ObjectMeta the API server validates it against. */
function upstreamWithObjectMeta(apiVersion: string, kind: string): JsonSchema | undefined {
  const schema = upstreamSchema(apiVersion, kind);
  const objectMeta = upstreamSchema('v1', 'ConfigMap')?.properties?.metadata;
  if (!schema || !objectMeta) return undefined;
  return { ...schema, properties: { ...schema.properties, metadata: objectMeta } };
}

const declaresChildren = (schema: JsonSchema | undefined) => Boolean(schema?.properties);

function disagreements(mine: Map<string, FlatField>, upstream: Map<string, FlatField>, mineNodes: Map<string, JsonSchema>): string[] {
  const out: string[] = [];
  for (const [path, field] of mine) {
    const theirs = upstream.get(path);
    if (!theirs) {
      out.push(`${path || '<root>'}: not an upstream field`);
      continue;
    }
    if (field.type !== theirs.type) out.push(`${path}: type ${field.type}, upstream ${theirs.type}`);
    if (String(field.enum) !== String(theirs.enum)) out.push(`${path}: enum ${field.enum}, upstream ${theirs.enum}`);
    if (field.default !== undefined && field.default !== theirs.default) out.push(`${path}: default ${field.default}, upstream ${theirs.default}`);
    if (declaresChildren(mineNodes.get(path)) && String(field.required) !== String(theirs.required)) {
      out.push(`${path}: required [${field.required}], upstream [${theirs.required}]`);
    }
  }
  return out;
}

function nodesByPath(schema: JsonSchema, path = '', out = new Map<string, JsonSchema>()): Map<string, JsonSchema> {
  out.set(path, schema);
  const join = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, child] of Object.entries(schema.properties ?? {})) nodesByPath(child, join(key), out);
  if (schema.items) nodesByPath(schema.items, `${path}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') nodesByPath(schema.additionalProperties, `${path}{}`, out);
  return out;
}

const authored = (path: string) => !/^(status|metadata)(\.|\[|\{|$)/.test(path);
const coverage: string[] = [];

for (const entry of index) {
  test(`${entry.apiVersion} ${entry.kind}: every declared field exists upstream with the same type, enum, required list and default`, (t) => {
    const upstreamSchemaOfKind = upstreamWithObjectMeta(entry.apiVersion, entry.kind);
    assert.ok(upstreamSchemaOfKind, `no upstream schema for ${entry.apiVersion} ${entry.kind}`);
    const schema = load(entry).schema;
    const mine = flatten(schema);
    const upstream = flatten(upstreamSchemaOfKind);
    assert.deepEqual(disagreements(mine, upstream, nodesByPath(schema)), []);
    const upstreamAuthored = [...upstream.keys()].filter(authored);
    const covered = upstreamAuthored.filter((p) => mine.has(p)).length;
    const percent = ((100 * covered) / upstreamAuthored.length).toFixed(1);
    const line = `${entry.kind}: ${covered}/${upstreamAuthored.length} upstream spec fields (${percent}%)`;
    coverage.push(line);
    t.diagnostic(line);
  });
}

test('coverage report', (t) => {
  for (const line of coverage) t.diagnostic(line);
  assert.equal(coverage.length, index.length);
});
