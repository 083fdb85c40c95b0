// Mutation tests: in every clean upstream example document (no diagnostics before the change), a wrong
// type, an unknown field, a bad enum value and a removed required field each yield a diagnostic of that
// kind starting on the mutated line, and nothing new in the file's other documents (their own findings stay). Run with the schemas
// from the upstream CRDs/OpenAPI and again with only the schemas bundled with Flotilla.
import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { bundledEngine, upstreamEngine, type Engine } from '../../integration/conformance/engine';
import { exampleFiles } from '../../integration/conformance/examples';
import { anchorLine, mutationsFor, type MutationKind } from './mutations';

const KINDS: MutationKind[] = ['wrong-type', 'unknown-field', 'enum', 'missing-required'];

/** Joins documents into one file; returns the text and the file line of each document text's first line. */
function assemble(texts: string[]): { text: string; startLines: number[] } {
  const startLines: number[] = [];
  let line = 0;
  const parts = texts.map((t, i) => {
    const body = i > 0 && !t.startsWith('---') ? `---\n${t}` : t;
    // lines inside `t` count from t's first line; a separator added here shifts them by one
    startLines.push(line + (body === t ? 0 : 1));
    line += body.split('\n').length - 1;
    return body;
  });
  return { text: parts.join(''), startLines };
}

/** A small deterministic generator (mulberry32), so every run mutates the same places. */
function seeded(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % 2 ** 31) % n;
  };
}

interface Tally { tried: Record<MutationKind, number>; failures: string[]; kinds: Set<string> }

function runMutations(engine: Engine, onlyKinds?: Set<string>): Tally {
  const tally: Tally = { tried: { 'wrong-type': 0, 'unknown-field': 0, enum: 0, 'missing-required': 0 }, failures: [], kinds: new Set() };
  const pick = seeded(20261127);
  for (const file of exampleFiles()) {
    const docs = parseAllDocuments(file.text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) continue;
    const texts = docs.map((d) => d.toString());
    const base = assemble(texts);
    const baseline = engine.lint(file.file, base.text).filter((f) => f.severity === 'error');
    const rangeOf = (startLines: number[], i: number, total: number) => [startLines[i], i + 1 < startLines.length ? startLines[i + 1] - 1 : total];
    // A finding as its document and line within it, so that the other documents' own findings are not leaks.
    const placed = (startLines: number[], f: { line: number; code: string }) => {
      let j = 0;
      while (j + 1 < startLines.length && startLines[j + 1] <= f.line) j++;
      return `${j}:${f.line - startLines[j]}:${f.code}`;
    };
    const before = new Set(baseline.map((f) => placed(base.startLines, f)));
    docs.forEach((doc, i) => {
      const value = doc.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
      if (!value || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return;
      if (onlyKinds && !onlyKinds.has(`${value.apiVersion}/${value.kind}`)) return;
      const [from, to] = rangeOf(base.startLines, i, Infinity);
      if (baseline.some((f) => f.line >= from && f.line <= to)) return;
      const resolved = engine.store.resolve(value.apiVersion, value.kind);
      if (!resolved) return;
      const federated = value.apiVersion.startsWith('types.kubefed.io/');
      for (const mutation of mutationsFor(doc, resolved.schema, federated, pick)) {
        const mutated = doc.clone() as Document;
        mutation.apply(mutated);
        const mutatedText = mutated.toString();
        const file2 = assemble(texts.map((t, j) => (j === i ? mutatedText : t)));
        const expectedLine = file2.startLines[i] + anchorLine(mutatedText, mutation);
        const findings = engine.lint(file.file, file2.text).filter((f) => f.severity === 'error');
        tally.tried[mutation.kind]++;
        tally.kinds.add(`${value.apiVersion}/${value.kind}`);
        const where = `${file.file}#${i} ${value.kind}: ${mutation.describe}`;
        if (!findings.some((f) => f.code === mutation.kind && f.line === expectedLine)) {
          const got = findings.map((f) => `${f.code}@${f.line + 1}`).join(', ') || 'nothing';
          tally.failures.push(`${where}: expected ${mutation.kind} on line ${expectedLine + 1}, got ${got}`);
        }
        const [docFrom, docTo] = rangeOf(file2.startLines, i, Infinity);
        const leaked = findings.filter((f) => (f.line < docFrom || f.line > docTo) && !before.has(placed(file2.startLines, f)));
        if (leaked.length) tally.failures.push(`${where}: diagnostics leaked into other documents: ${leaked.map((f) => `${f.code}@${f.line + 1}`).join(', ')}`);
      }
    });
  }
  return tally;
}

function report(t: { diagnostic(message: string): void }, tally: Tally): void {
  t.diagnostic(`${tally.kinds.size} kinds mutated; ${KINDS.map((k) => `${k}: ${tally.tried[k]}`).join(', ')}; ${tally.failures.length} failures`);
  for (const failure of tally.failures.slice(0, 40)) t.diagnostic(failure);
}

test('each mutation of an upstream example is reported on the mutated line (upstream schemas)', async (t) => {
  const tally = runMutations(await upstreamEngine());
  report(t, tally);
  for (const kind of KINDS) assert.ok(tally.tried[kind] >= 50, `only ${tally.tried[kind]} ${kind} mutations were possible`);
  assert.deepEqual(tally.failures, []);
});

test('each mutation is reported on the mutated line with only the bundled schemas', (t) => {
  const engine = bundledEngine();
  const bundledKinds = new Set(engine.store.entries().map((e) => `${e.apiVersion}/${e.kind}`));
  const tally = runMutations(engine, bundledKinds);
  report(t, tally);
  for (const kind of KINDS) assert.ok(tally.tried[kind] >= 20, `only ${tally.tried[kind]} ${kind} mutations were possible`);
  assert.deepEqual(tally.failures, []);
});
