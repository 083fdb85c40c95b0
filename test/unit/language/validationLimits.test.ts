// Value limits the API server checks on custom resources (pattern, bounds, lengths, counts, format: byte),
// and format: byte on built-in kinds as Go's JSON decoder reads it.
import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { LanguageService } from '../../../core/language/languageService';
import { isBase64 } from '../../../core/language/valueChecks';
import { draftsFromCrdYaml } from '../../../core/schema/loaders/crd';
import { compiledPattern, describeLimits, readValueLimits } from '../../../core/schema/valueLimits';
import { SchemaStore } from '../../../core/schema/store';
import { lineOf, service, widgetCrd } from './fixtures';

const URI = 'file:///work/widget.yaml';

const CRD = widgetCrd(`            spec:
              type: object
              properties:
                name: {type: string, pattern: '^[a-z]+$'}
                broken: {type: string, pattern: '[[:alpha:]]+'}
                caBundle: {type: string, format: byte}
                replicas: {type: integer, minimum: 1, maximum: 10}
                ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true}
                port: {x-kubernetes-int-or-string: true, pattern: '^[a-z]+$', maximum: 100}
                code: {type: string, minLength: 2, maxLength: 3}
                zones: {type: array, minItems: 1, maxItems: 2, items: {type: string}}
                labels: {type: object, minProperties: 1, maxProperties: 2, additionalProperties: {type: string}}
`);

function widgetService(): LanguageService {
  const store = new SchemaStore((m) => {
    throw new Error(m);
  });
  store.setOrigin('user', '/crd.yaml', draftsFromCrdYaml(CRD));
  return new LanguageService({ schemas: store, settings: () => ({ strict: true }) });
}

function diagnose(spec: string) {
  const text = `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${spec}`;
  const ls = widgetService();
  const found = (ls.diagnostics(URI, text) ?? []).map((d) => ({
    code: d.code,
    line: d.range.start.line,
    character: d.range.start.character,
    endCharacter: d.range.end.character,
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
  return { text, found };
}

test('a string that does not match the pattern is reported on its value range', () => {
  const { text, found } = diagnose('  name: Abc\n');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].code, 'pattern');
  assert.equal(found[0].message, 'Value "Abc" does not match pattern "^[a-z]+$" at spec.name');
  assert.equal(found[0].line, lineOf(text, 'name: Abc'));
  assert.deepEqual([found[0].character, found[0].endCharacter], ['  name: '.length, '  name: Abc'.length]);
  assert.deepEqual(diagnose('  name: abc\n').found, []);
});

test('a pattern that is not a valid ECMAScript regex is ignored, and each pattern is compiled once', () => {
  assert.deepEqual(diagnose('  broken: "123"\n').found, []);
  const limits = readValueLimits({ pattern: '^[a-z]+$' }, 'crd')!;
  assert.equal(compiledPattern(limits), compiledPattern(limits));
  assert.equal(compiledPattern(readValueLimits({ pattern: '(?i)abc' }, 'crd')!), null);
});

test('format: byte on a CRD: base64 as kube-openapi checks it (padded, not empty, no line breaks)', () => {
  const [d] = diagnose('  caBundle: "LS0tLS...LS0tCg=="\n').found;
  assert.equal(d.code, 'format');
  assert.equal(d.message, 'Value "LS0tLS...LS0tCg==" is not valid base64 (format: byte) at spec.caBundle');
  assert.deepEqual(diagnose('  caBundle: QUJDRA==\n').found, []);
  assert.deepEqual(diagnose('  caBundle: ""\n').found.map((f) => f.code), ['format']);
  assert.deepEqual(diagnose('  caBundle: |\n    QUJD\n').found.map((f) => f.code), ['format']);
  assert.equal(isBase64('QUI', 'crd'), false);
  assert.equal(isBase64('QUI=', 'crd'), true);
});

upstreamTest('format: byte on a built-in kind: what Go decodes (empty and line breaks accepted)', () => {
  const diagnoseSecret = (data: string) => (service().diagnostics('file:///work/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n${data}`) ?? []).map((d) => d.code);
  assert.deepEqual(diagnoseSecret('  a: ""\n  b: |\n    QUJD\n    REVG\n  c: QUI=\n'), []);
  assert.deepEqual(diagnoseSecret('  a: ${ENCODED}\n'), ['format']);
  assert.deepEqual(diagnoseSecret('  a: QUI\n'), ['format']);
});

test('minimum and maximum, inclusive and exclusive', () => {
  assert.deepEqual(diagnose('  replicas: 0\n').found.map((f) => f.message), ['Value 0 is less than the minimum 1 at spec.replicas']);
  assert.deepEqual(diagnose('  replicas: 11\n').found.map((f) => f.message), ['Value 11 is greater than the maximum 10 at spec.replicas']);
  assert.deepEqual(diagnose('  replicas: 1\n').found, []);
  assert.deepEqual(diagnose('  replicas: 10\n').found, []);
  assert.deepEqual(diagnose('  ratio: 0\n').found.map((f) => [f.code, f.message]), [['out-of-range', 'Value 0 must be greater than 0 at spec.ratio']]);
  assert.deepEqual(diagnose('  ratio: 1\n').found.map((f) => f.message), ['Value 1 must be less than 1 at spec.ratio']);
  assert.deepEqual(diagnose('  ratio: 0.5\n').found, []);
});

test('OpenAPI 3.1 numeric exclusive bounds are read as exclusive', () => {
  assert.deepEqual(readValueLimits({ exclusiveMinimum: 2, exclusiveMaximum: 5 }, 'crd'), { minimum: 2, exclusiveMinimum: true, maximum: 5, exclusiveMaximum: true });
  assert.equal(readValueLimits({ type: 'string', format: 'date-time' }, 'crd'), undefined);
});

test('each limit checks the values of its own kind: an int-or-string field checks strings by pattern, integers by bounds', () => {
  assert.deepEqual(diagnose('  port: 80\n').found, []);
  assert.deepEqual(diagnose('  port: http\n').found, []);
  assert.deepEqual(diagnose('  port: 101\n').found.map((f) => f.code), ['out-of-range']);
  assert.deepEqual(diagnose('  port: HTTP\n').found.map((f) => f.code), ['pattern']);
});

test('minLength and maxLength count characters (code points), not UTF-16 units', () => {
  assert.deepEqual(diagnose('  code: a\n').found.map((f) => [f.code, f.message]), [['length', 'Value "a" is shorter than the minimum length 2 (1 character) at spec.code']]);
  assert.deepEqual(diagnose('  code: abcd\n').found.map((f) => f.message), ['Value "abcd" is longer than the maximum length 3 (4 characters) at spec.code']);
  assert.deepEqual(diagnose('  code: "🚀🚀🚀"\n').found, []);
});

test('minItems and maxItems', () => {
  const { text, found } = diagnose('  zones: []\n');
  assert.deepEqual(found.map((f) => [f.code, f.message]), [['length', 'Array has 0 items, fewer than the minimum 1 at spec.zones']]);
  assert.deepEqual([found[0].line, found[0].character], [lineOf(text, 'zones: []'), '  zones: '.length]);
  assert.deepEqual(diagnose('  zones: [a, b, c]\n').found.map((f) => f.message), ['Array has 3 items, more than the maximum 2 at spec.zones']);
  assert.deepEqual(diagnose('  zones:\n    - a\n').found, []);
});

test('minProperties and maxProperties', () => {
  assert.deepEqual(diagnose('  labels: {}\n').found.map((f) => f.message), ['Object has 0 properties, fewer than the minimum 1 at spec.labels']);
  assert.deepEqual(diagnose('  labels: {a: x, b: y, c: z}\n').found.map((f) => f.message), ['Object has 3 properties, more than the maximum 2 at spec.labels']);
  assert.deepEqual(diagnose('  labels: {a: x}\n').found, []);
});

upstreamTest('inside an embedded manifest the API server stores unchecked, a limit violation is a warning', () => {
  const text = `apiVersion: work.open-cluster-management.io/v1
kind: ManifestWork
metadata: {name: w, namespace: member1}
spec:
  workload:
    manifests:
      - apiVersion: v1
        kind: Secret
        metadata: {name: s}
        data: {a: QUI}
`;
  const found = service().diagnostics('file:///work/work.yaml', text) ?? [];
  assert.deepEqual(found.map((d) => [d.code, d.severity]), [['format', 2]]);
});

test('hover states the limits in words', () => {
  const spec = ['name: abc', 'caBundle: YQ==', 'replicas: 2', 'ratio: 0.5', 'code: ab', 'zones: [a]', 'labels: {a: b}', 'port: 80'];
  const text = `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${spec.map((l) => `  ${l}\n`).join('')}`;
  const ls = widgetService();
  const limitsOf = (field: string) => {
    const value = (ls.hover(URI, text, { line: lineOf(text, `  ${field}:`), character: 3 })?.contents as { value: string } | undefined)?.value ?? '';
    return /^Limits: (.*)$/m.exec(value)?.[1];
  };
  assert.equal(limitsOf('name'), 'matches `^[a-z]+$`');
  assert.equal(limitsOf('caBundle'), 'base64-encoded');
  assert.equal(limitsOf('replicas'), '≥ 1 and ≤ 10');
  assert.equal(limitsOf('ratio'), '> 0 and < 1');
  assert.equal(limitsOf('code'), '2 to 3 characters');
  assert.equal(limitsOf('zones'), '1 to 2 items');
  assert.equal(limitsOf('labels'), '1 to 2 properties');
  assert.equal(limitsOf('port'), '≤ 100 · matches `^[a-z]+$`');
});

test('limits in words: one-sided counts, exact counts, and a pattern holding a backtick', () => {
  assert.deepEqual(describeLimits({ minLength: 1 }), ['at least 1 character']);
  assert.deepEqual(describeLimits({ maxItems: 5 }), ['at most 5 items']);
  assert.deepEqual(describeLimits({ minProperties: 2, maxProperties: 2 }), ['exactly 2 properties']);
  assert.deepEqual(describeLimits({ minItems: 1, maxItems: 1 }), ['exactly 1 item']);
  assert.deepEqual(describeLimits({ pattern: 'a`b' }), ['matches `` a`b ``']);
});
