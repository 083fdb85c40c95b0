// Fuzz: thousands of random and mutated YAML documents through the language service's diagnostics,
// completion and hover. No call may throw, and every call returns in under a second (a correctness bound
// against pathological inputs, not a benchmark: speed targets live in test/bench). Seeded, so a failure
// reproduces; fast-check prints the shrunk counterexample.
import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { FederationSnapshot } from '../../../core/protocol';
import { engineOver, repoRoot, upstreamEngine, type Engine } from '../../integration/conformance/engine';
import { exampleFiles } from '../../integration/conformance/examples';

const SEED = 20261127;
const RUNS_PER_GENERATOR = 1000;
const CALL_BOUND_MS = 1000;

const snapshot: FederationSnapshot = {
  clusters: ['member1', 'member2', 'member3'].map((name) => ({ name, labels: { region: 'eu' }, taints: [], namespaces: ['default', 'apps'], federations: ['Karmada on host'] })),
  karmadaClusters: [],
};

/** Field names of the bundled schemas: random keys that the schemas actually know. */
function schemaKeys(): string[] {
  const keys = new Set<string>(['apiVersion', 'kind', 'metadata', 'spec', 'status', 'name', 'namespace']);
  const walk = (s: { properties?: Record<string, unknown>; items?: unknown; additionalProperties?: unknown }) => {
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      keys.add(key);
      walk(child as typeof s);
    }
    if (s.items && typeof s.items === 'object') walk(s.items as typeof s);
  };
  const dir = join(repoRoot, 'schemas/bundled');
  for (const { file } of (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { schemas: { file: string }[] }).schemas) {
    walk((JSON.parse(readFileSync(join(dir, file), 'utf8')) as { schema: Parameters<typeof walk>[0] }).schema);
  }
  return [...keys];
}

const YAML_CHARS = [...' \n\n\t:-?,[]{}#&*!|>\'"%@`~.0123456789abcxyzAZ_/\\', '---', '...', ': ', '- ', '\r\n', '\u00e9', '\u{1F600}'];
const yamlNoise = fc.string({ unit: fc.constantFrom(...YAML_CHARS), maxLength: 300 });
const scalarValue = fc.oneof(
  fc.constantFrom('', 'true', 'no', '1', '-3', '0x1F', '1e3', '.inf', '~', 'null', '[]', '{}', '"x"', "'y'", '&a', '*a', '!!str 1', '|', '>-', 'member1', 'Duplicated', 'Divided', 'Always', 'v1', '[a, b', '{a: 1', ': :'),
  fc.string({ maxLength: 12 }),
);

/** Line-structured YAML built from schema field names at random indents. */
function structuredLines(keys: string[], kinds: Array<[string, string]>) {
  const line = fc.tuple(fc.nat({ max: 10 }), fc.constantFrom(...keys), fc.constantFrom(': ', ':', ' : ', ':\n', ''), scalarValue, fc.boolean())
    .map(([indent, key, sep, value, dash]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${key}${sep}${value}`);
  return fc.tuple(fc.constantFrom(...kinds), fc.array(line, { maxLength: 40 }), fc.boolean())
    .map(([[apiVersion, kind], lines, header]) => `${header ? `apiVersion: ${apiVersion}\nkind: ${kind}\n` : ''}${lines.join('\n')}`);
}

/** Whole manifests of known kinds with random JSON bodies, serialized by the yaml package. */
function randomManifests(kinds: Array<[string, string]>) {
  return fc.tuple(fc.constantFrom(...kinds), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2 }), fc.nat({ max: 3 }))
    .map(([[apiVersion, kind], spec, metadata, copies]) =>
      Array.from({ length: copies + 1 }, () => stringify({ apiVersion, kind, metadata, spec })).join('---\n'));
}

/** Upstream examples with random edits: deletions, insertions of YAML syntax, line duplication. */
function mutatedExamples(texts: string[]) {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 30 }), yamlNoise.map((s) => s.slice(0, 20)));
  return fc.tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let out = text;
    for (const [at, remove, insert] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i + remove);
    }
    return out;
  });
}

interface Timings { calls: number; max: number; maxWhat: string; all: number[] }

function timed<T>(timings: Timings, what: string, call: () => T): T {
  const started = performance.now();
  const result = call();
  const took = performance.now() - started;
  timings.calls++;
  timings.all.push(took);
  if (took > timings.max) {
    timings.max = took;
    timings.maxWhat = what;
  }
  return result;
}

/** Diagnostics, then completion and hover at a position derived from the text (sometimes past a line's end). */
function exercise(engine: Engine, timings: Timings, text: string, pick: number, run: number): void {
  const uri = `file:///fuzz/${run}.yaml`;
  const lines = text.split('\n');
  // any line of the text, and sometimes up to 2 lines past its end (a client can ask about a position an
  // edit just removed); characters past a line's end are legal in LSP (they mean the end)
  const line = pick % (lines.length + 2);
  const character = (pick >>> 3) % ((lines[line]?.length ?? 0) + 3);
  const { service } = engine;
  const diagnostics = timed(timings, 'diagnostics', () => service.diagnostics(uri, text));
  assert.ok(Array.isArray(diagnostics));
  const completion = timed(timings, 'completion', () => service.completion(uri, text, { line, character }));
  assert.ok(Array.isArray(completion.items));
  timed(timings, 'hover', () => service.hover(uri, text, { line, character }));
  // a cancelled request answers null (or a full result) and never throws
  timed(timings, 'cancelled diagnostics', () => service.diagnostics(`${uri}.cancelled`, text, { isCancellationRequested: true }));
  service.close(uri);
  service.close(`${uri}.cancelled`);
}

test('the language service survives random and mutated YAML, each call under a second', { timeout: 600_000 }, async (t) => {
  const upstream = await upstreamEngine();
  const engine = engineOver(upstream.store, () => snapshot);
  const kinds = engine.store.entries().map((e): [string, string] => [e.apiVersion, e.kind]);
  const examples = exampleFiles().map((f) => f.text).filter((text) => text.length < 20_000);
  const timings: Timings = { calls: 0, max: 0, maxWhat: '', all: [] };
  let run = 0;
  const generators = {
    'random YAML characters': yamlNoise,
    'schema keys at random indents': structuredLines(schemaKeys(), kinds),
    'random manifests of known kinds': randomManifests(kinds),
    'mutated upstream examples': mutatedExamples(examples),
  };
  for (const [name, arbitrary] of Object.entries(generators)) {
    const runs = name === 'random YAML characters' ? RUNS_PER_GENERATOR / 2 : RUNS_PER_GENERATOR;
    fc.assert(
      fc.property(arbitrary, fc.nat(), (text, pick) => exercise(engine, timings, text, pick, run++)),
      { seed: SEED, numRuns: runs },
    );
    t.diagnostic(`${name}: ${runs} documents`);
  }
  const sorted = timings.all.sort((a, b) => a - b);
  const p99 = sorted[Math.floor(sorted.length * 0.99)];
  t.diagnostic(`${run} documents, ${timings.calls} calls; p99 ${p99.toFixed(2)} ms; max ${timings.max.toFixed(1)} ms (${timings.maxWhat})`);
  assert.ok(run >= 3000, `only ${run} documents were generated`);
  assert.ok(timings.max < CALL_BOUND_MS, `slowest call took ${timings.max.toFixed(0)} ms (${timings.maxWhat})`);
});
