// Explicit nulls: refused where a custom resource's schema has a type, no `nullable` and no default,
// because server-side apply keeps them (see core/language/nullValues.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../../core/language/languageService';
import { nullsRejected } from '../../../core/language/nullValues';
import { draftsFromText } from '../../../core/schema/files';
import { SchemaStore } from '../../../core/schema/store';
import { widgetCrd } from '../language/fixtures';
import { marked } from './support';

const CRD = widgetCrd(`            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                tags: {type: array, items: {type: string}}
                owner: {type: object, properties: {name: {type: string}}}
                note: {type: string}
                maybe: {type: array, nullable: true, items: {type: string}}
                mode: {type: string, default: fast}
                anything: {x-kubernetes-int-or-string: true}`);

const store = new SchemaStore();
store.setOrigin('user', '/crds/widget.yaml', draftsFromText('/crds/widget.yaml', CRD));
const service = new LanguageService({ schemas: store, settings: () => ({ strict: true }) });

function found(text: string) {
  return (service.diagnostics('file:///w/widget.yaml', text) ?? []).map((d) => ({
    code: String(d.code),
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    message: String(d.message),
  }));
}

const widget = (spec: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n${spec}`;

for (const [field, type] of [['tags', 'array'], ['owner', 'object'], ['note', 'string']]) {
  test(`null for a non-nullable ${type} is refused, on the null`, () => {
    const { text, range } = marked(widget(`  ${field}: «null»`));
    assert.deepEqual(found(text), [
      { code: 'null-value', range, message: `Null is not allowed at spec.${field} (server-side apply fails: spec.${field} in body must be of type ${type}: "null"); remove the field or give it a value` },
    ]);
  });
}

test('a key with nothing after it is a null too, reported on the key; so is ~ in a list', () => {
  const empty = marked(widget('  «tags»:'));
  assert.deepEqual(found(empty.text).map((d) => [d.code, d.range]), [['null-value', empty.range]]);
  const item = marked(widget('  tags: [a, «~»]'));
  assert.deepEqual(found(item.text).map((d) => [d.code, d.range]), [['null-value', item.range]]);
});

test('nullable, defaulted and untyped fields take a null; a required one is reported as missing', () => {
  assert.deepEqual(found(widget('  maybe: null\n  mode: null\n  anything: null')), []);
  assert.deepEqual(found(widget('').replace('  size: 1\n', '  size: null\n')).map((d) => d.code), ['missing-required']);
});

test('metadata nulls are left to the API server, which reads metadata into its own type', () => {
  assert.deepEqual(found(widget('').replace('  name: w', '  name: w\n  labels: null')), []);
});

test('which kinds refuse nulls: custom resources without a mutating webhook that drops them', () => {
  assert.equal(nullsRejected('example.com/v1', 'Widget'), true);
  assert.equal(nullsRejected('policy.karmada.io/v1alpha1', 'ClusterOverridePolicy'), true);
  assert.equal(nullsRejected('autoscaling.karmada.io/v1alpha1', 'CronFederatedHPA'), true);
  assert.equal(nullsRejected('policy.karmada.io/v1alpha1', 'OverridePolicy'), false, "Karmada's mutating webhook drops optional nulls");
  assert.equal(nullsRejected('policy.karmada.io/v1alpha1', 'PropagationPolicy'), false);
  assert.equal(nullsRejected('apps/v1', 'Deployment'), false, 'built-in kinds decode null as the zero value');
  assert.equal(nullsRejected('v1', 'ConfigMap'), false);
  assert.equal(nullsRejected('networking.k8s.io/v1', 'Ingress'), false);
});
