// Mutated examples: every valid upstream example of a kind with admission rules is mutated to break each
// rule (test/support/admissionMutations); Flotilla must report the rule on every document the server
// would refuse, and nothing on the near misses it accepts. The upstream CRDs are loaded too, so a
// mutation that the schema check would refuse before the webhook (a bad generator) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ADMISSION_RULES } from '../../../core/language/admission';
import { LanguageService } from '../../../core/language/languageService';
import { draftsFromText } from '../../../core/schema/files';
import { SchemaStore } from '../../../core/schema/store';
import { admissionMutations, hasAdmissionMutations, seedOf, type Doc } from '../../support/admissionMutations';
import { UPSTREAM } from '../language/fixtures';

const missing = existsSync(path.join(UPSTREAM, 'index.json')) ? false : `no upstream examples in ${UPSTREAM} (set FLOTILLA_UPSTREAM_DIR)`;

function schemaFiles(): string[] {
  const crds = path.join(UPSTREAM, 'crds/karmada');
  const yamls = readdirSync(crds, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => path.join(crds, f));
  return [...yamls, path.join(UPSTREAM, 'openapi/kubernetes-1.35/apis__batch__v1_openapi.json')];
}

function service(): LanguageService {
  const store = new SchemaStore((m) => {
    throw new Error(m);
  });
  for (const file of schemaFiles()) store.setOrigin('user', file, draftsFromText(file, readFileSync(file, 'utf8')));
  return new LanguageService({ schemas: store, settings: () => ({ strict: true }) });
}

/** Documents of the kinds with admission rules in the upstream examples, with where they come from. */
function seeds(): Array<{ where: string; value: Doc }> {
  const index = JSON.parse(readFileSync(path.join(UPSTREAM, 'index.json'), 'utf8')) as Record<string, { yamlParses: boolean }>;
  const out: Array<{ where: string; value: Doc }> = [];
  for (const [file, entry] of Object.entries(index).sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith('examples/') || !entry.yamlParses) continue;
    parseAllDocuments(readFileSync(path.join(UPSTREAM, file), 'utf8')).forEach((d, i) => {
      const value = d.toJS() as unknown;
      if (!d.errors.length && hasAdmissionMutations(value)) out.push({ where: `${file}#${i}`, value: value as Doc });
    });
  }
  return out;
}

test('every mutation that breaks an admission rule is reported with that rule, and no near miss is', { skip: missing }, (t) => {
  const lsp = service();
  const errors = (value: Doc) => (lsp.diagnostics('file:///mutated.yaml', stringify(value)) ?? []).filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${String(d.message)}`);
  const failures: string[] = [];
  const skipped: string[] = [];
  const rejectedRules = new Set<string>();
  let tried = 0;
  for (const seed of seeds()) {
    const value = seedOf(seed.value);
    const before = errors(value);
    if (before.length) {
      skipped.push(`${seed.where} ${String(value.kind)}: not valid as it stands (${before.join('; ')})`);
      continue;
    }
    for (const mutation of admissionMutations(value)) {
      tried++;
      const found = errors(mutation.document);
      const codes = new Set(found.map((f) => f.split(':')[0]));
      const where = `${seed.where} ${String(value.kind)}: ${mutation.describe}`;
      if (mutation.expect === 'accepted') {
        if (found.length) failures.push(`${where}: expected no errors, got ${found.join('; ')}`);
        continue;
      }
      rejectedRules.add(mutation.rule);
      const allowed = new Set<string>([mutation.rule, ...(mutation.alsoBreaks ?? [])]);
      if (!codes.has(mutation.rule)) failures.push(`${where}: expected ${mutation.rule}, got ${found.join('; ') || 'nothing'}`);
      const others = found.filter((f) => !allowed.has(f.split(':')[0]));
      if (others.length) failures.push(`${where}: breaks more than ${mutation.rule}: ${others.join('; ')}`);
    }
  }
  t.diagnostic(`${tried} mutated documents; ${skipped.length} examples not valid as they stand:`);
  for (const s of skipped) t.diagnostic(s);
  for (const f of failures.slice(0, 30)) t.diagnostic(f);
  assert.deepEqual(failures, []);
  const untested = [...Object.keys(ADMISSION_RULES), 'null-value'].filter((code) => !rejectedRules.has(code));
  assert.deepEqual(untested, [], 'rules no upstream example was mutated to break');
});

test('the generator is pure: the seed is left as it was and every variant is a copy', () => {
  const seed: Doc = { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'web' }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }], placement: {} } };
  const before = structuredClone(seed);
  const mutations = admissionMutations(seed);
  assert.deepEqual(seed, before);
  assert.ok(mutations.length > 20);
  assert.equal(new Set(mutations.map((m) => m.document)).size, mutations.length);
  assert.ok(mutations.some((m) => m.expect === 'accepted'));
  assert.deepEqual(admissionMutations({ apiVersion: 'v1', kind: 'ConfigMap' }), []);
});
