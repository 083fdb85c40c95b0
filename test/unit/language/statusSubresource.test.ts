// A custom resource's top-level status, when its CRD enables the status subresource: the API server drops it
// on create after decoding, so only unknown fields (a strict decoding error) are rejected there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../../core/language/languageService';
import { draftsFromCrdYaml } from '../../../core/schema/loaders/crd';
import { SchemaStore } from '../../../core/schema/store';

const SCHEMA = `type: object
properties:
  spec: {type: object, properties: {size: {type: integer, minimum: 1}}}
  status:
    type: object
    required: [phase]
    properties:
      phase: {type: string, enum: [Ready, Failed]}
      observed: {type: integer, minimum: 0}
`;
const indent = (text: string, spaces: number) => text.replace(/^(?=.)/gm, ' '.repeat(spaces));
const HEAD = `metadata: {name: gadgets.example.com}
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
`;
const STATUS_SUBRESOURCE = 'subresources:\n  status: {}\n';

function crdV1(subresources: string): string {
  const version = `- name: v1\n  served: true\n  storage: true\n${indent(subresources, 2)}  schema:\n    openAPIV3Schema:\n${indent(SCHEMA, 6)}`;
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n${HEAD}  versions:\n${indent(version, 4)}`;
}

function crdV1beta1(subresources: string): string {
  return `apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\n${HEAD}  version: v1\n${indent(subresources, 2)}  validation:\n    openAPIV3Schema:\n${indent(SCHEMA, 6)}`;
}

function codes(crdText: string, body: string): string[] {
  const store = new SchemaStore((m) => {
    throw new Error(m);
  });
  store.setOrigin('user', '/crd.yaml', draftsFromCrdYaml(crdText));
  const ls = new LanguageService({ schemas: store, settings: () => ({ strict: true }) });
  return (ls.diagnostics('file:///work/gadget.yaml', `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n${body}`) ?? []).map((d) => `${d.code}: ${String(d.message)}`);
}

const BAD_STATUS = 'spec: {size: 2}\nstatus:\n  observed: -1\n  phase: 3\n';

test('with the status subresource, wrong types, enums, limits and missing fields under status are not errors', () => {
  const withStatus = crdV1(STATUS_SUBRESOURCE);
  assert.deepEqual(codes(withStatus, BAD_STATUS), []);
  assert.deepEqual(codes(withStatus, 'status: {observed: 1}\n'), []);
  assert.deepEqual(codes(withStatus, 'status: {phase: Unknown}\n'), []);
});

test('with the status subresource, unknown fields under status are still errors (strict decoding rejects them)', () => {
  const found = codes(crdV1(STATUS_SUBRESOURCE), 'status:\n  phase: Ready\n  bogus: 1\n');
  assert.deepEqual(found, ['unknown-field: Unknown field "status.bogus"']);
});

test('only the top-level status is skipped: spec keeps every check', () => {
  assert.deepEqual(codes(crdV1(STATUS_SUBRESOURCE), 'spec: {size: 0}\n'), ['out-of-range: Value 0 is less than the minimum 1 at spec.size']);
});

test('without the status subresource, status is validated like any field', () => {
  const found = codes(crdV1(''), BAD_STATUS);
  assert.deepEqual(found.map((f) => f.split(':')[0]), ['out-of-range', 'wrong-type']);
});

test('v1beta1 CRDs declare subresources for all versions at spec level', () => {
  assert.deepEqual(codes(crdV1beta1(STATUS_SUBRESOURCE), BAD_STATUS), []);
  assert.equal(codes(crdV1beta1(''), BAD_STATUS).length, 2);
});
