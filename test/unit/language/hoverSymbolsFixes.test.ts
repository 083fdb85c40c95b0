import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { caret, lineOf, service } from './fixtures';

const URI = 'file:///work/app.yaml';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function fixes(text: string) {
  const ls = service();
  const diagnostics = ls.diagnostics(URI, text) ?? [];
  return diagnostics.flatMap((d) => ls.codeActions(URI, text, d.range, [d]));
}

test('hover: description, type, allowed values and schema source', () => {
  const { text, line, character } = caret(`apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
spec:
  placement:
    replicaScheduling:
      replicaSched|ulingType: Divided
`);
  const h = service().hover(URI, text, { line, character });
  assert.ok(h);
  const value = (h.contents as { value: string }).value;
  assert.match(value, /\*\*replicaSchedulingType\*\*: `string`/);
  assert.match(value, /Allowed values: `Duplicated`, `Divided`/);
  assert.match(value, /schema source: user: .*policy\.karmada\.io_propagationpolicies\.yaml/);
  assert.equal(h.range?.start.line, 5);
  assert.equal(h.range?.start.character, 6);
});

test('hover on a built-in field follows $ref into the OpenAPI document', () => {
  const { text, line, character } = caret('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - ima|ge: nginx\n');
  const value = (service().hover(URI, text, { line, character })!.contents as { value: string }).value;
  assert.match(value, /\*\*image\*\*: `string`/);
  assert.match(value, /Container image name/);
});

test('document symbols: one per document with kind and name', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: web\n';
  const symbols = service().documentSymbols(URI, text);
  assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.range.start.line]), [
    ['Deployment shop/web', 'apps/v1', 0],
    ['PropagationPolicy web', 'policy.karmada.io/v1alpha1', 6],
  ]);
  assert.deepEqual(symbols[0].children?.map((c) => c.name), ['apiVersion', 'kind', 'metadata']);
});

test('quick fix: insert a missing required field, then the document validates', () => {
  const text = 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: web\nspec:\n  placement: {}\n';
  const [fix] = fixes(text);
  assert.equal(fix.title, 'Add required field "resourceSelectors"');
  const fixed = applyEdits(text, fix.edit!.changes![URI]);
  assert.match(fixed, / {2}placement: \{\}\n {2}resourceSelectors:\n {4}- apiVersion: \n {6}kind: \n/);
});

test("quick fix: correct an enum value's case", () => {
  const text = 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placement:\n    replicaScheduling:\n      replicaSchedulingType: divided\n';
  const [fix] = fixes(text);
  assert.equal(fix.title, 'Change to "Divided"');
  assert.deepEqual(service().diagnostics(URI, applyEdits(text, fix.edit!.changes![URI])), []);
});

test('quick fix: remove an unknown field with its whole subtree', () => {
  const text = 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  bogus:\n    deep: 1\n    deeper: [1, 2]\n  placement: {}\n';
  const [fix] = fixes(text);
  assert.equal(fix.title, 'Remove unknown field "bogus"');
  const fixed = applyEdits(text, fix.edit!.changes![URI]);
  assert.equal(fixed, text.replace('  bogus:\n    deep: 1\n    deeper: [1, 2]\n', ''));
  assert.equal(lineOf(fixed, 'placement'), 4);
});
