// Schemas with neither a type nor any structure accept any value: Kubernetes' OpenAPI describes JSON,
// JSONSchemaPropsOrBool and JSONSchemaPropsOrArray that way, so a CRD's own schema must not show unknown fields.
import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LanguageService } from '../../../core/language/languageService';
import { draftsFromOpenApi } from '../../../core/schema/loaders/openapi';
import { ANY_SCHEMA, normalizeSchema, propertySchema } from '../../../core/schema/model';
import { SchemaStore } from '../../../core/schema/store';
import { UPSTREAM, widgetCrd } from './fixtures';

const CRD = widgetCrd(`            annotations:
              type: object
              additionalProperties: {type: string}
            zones:
              type: array
              items: {type: string, minLength: 1}
            settings:
              type: object
              default: {mode: fast}
              x-kubernetes-preserve-unknown-fields: true
            strict:
              type: object
              additionalProperties: false
`);

function diagnose(text: string, strict = true) {
  const store = new SchemaStore((m) => {
    throw new Error(m);
  });
  const file = path.join(UPSTREAM, 'openapi/kubernetes-1.35/apis__apiextensions.k8s.io__v1_openapi.json');
  store.setOrigin('user', file, draftsFromOpenApi(JSON.parse(readFileSync(file, 'utf8'))));
  const ls = new LanguageService({ schemas: store, settings: () => ({ strict }) });
  return (ls.diagnostics('file:///work/crd.yaml', text) ?? []).map((d) => `${d.code}: ${String(d.message)}`);
}

upstreamTest('a CRD whose schema uses additionalProperties, items and default as schemas or values has no unknown fields', () => {
  assert.deepEqual(diagnose(CRD), []);
});

upstreamTest('the CRD kind is still checked where its OpenAPI has structure', () => {
  assert.deepEqual(diagnose(CRD.replace('  scope: Namespaced', '  scope: Namespaced\n  scop: x')), ['unknown-field: Unknown field "spec.scop"']);
  assert.deepEqual(diagnose(CRD.replace('served: true', 'served: yes please')).map((d) => d.split(':')[0]), ['wrong-type']);
});

test('a typeless schema without structure accepts any field; a typed one without fields does not', () => {
  const options = { root: {}, bareObjectIsOpen: false };
  assert.equal(propertySchema(normalizeSchema({ description: 'any JSON' }, options), 'type'), ANY_SCHEMA);
  assert.equal(propertySchema(normalizeSchema({ type: 'object' }, options), 'type'), undefined);
  assert.equal(propertySchema(normalizeSchema({ type: 'object', additionalProperties: false }, options), 'type'), undefined);
});
