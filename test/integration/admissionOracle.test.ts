// The admission oracle: the upstream examples of kinds with admission rules, mutated to break each rule
// (and near misses), judged by the real host with Karmada v1.18.2's webhooks: a strict server-side dry-run
// create, or apply for explicit nulls. Flotilla must flag every document the server rejects, with the
// mutation's rule, and none it accepts; the generator's expected verdict must be the server's.
// A fixed seeded sample keeps it within the CI budget: FLOTILLA_ORACLE_PER_VARIANT=all (or a number) runs
// more, FLOTILLA_ORACLE_SEED picks another sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ADMISSION_RULES } from '../../core/language/admission';
import { needsLive, upstreamMissing } from '../support/federation';
import { useLab } from '../support/lab';
import { describeCase, figuresByRule, judge, sample, seeds, tableLines, validSeeds, type Judged } from './admission/oracle';
import { DryRunClient } from './conformance/apiServer';
import { upstreamEngine } from './conformance/engine';

const PER_VARIANT_DEFAULT = 3;
const perVariantSetting = process.env.FLOTILLA_ORACLE_PER_VARIANT;
const perVariant = perVariantSetting === 'all' ? undefined : Number(perVariantSetting ?? PER_VARIANT_DEFAULT);
const randomSeed = Number(process.env.FLOTILLA_ORACLE_SEED ?? 20251203);
/** Requests in flight at once: the host's apiserver and webhook share this machine's cores with the test. */
const CONCURRENCY = 4;

function writeDisagreements(dir: string, judged: Judged[]): string {
  const file = join(dir, 'admission-oracle-disagreements.yaml');
  const documents = judged.map((c) => `# ${describeCase(c)}\n${c.problems.map((p) => `# - ${p.replace(/\n/g, ' ')}`).join('\n')}\n${stringify(c.mutation.document)}`);
  writeFileSync(file, documents.join('---\n'));
  return file;
}

test('Flotilla flags the mutated examples that Karmada\'s webhooks reject, and none they accept', { timeout: 600_000 }, async (t) => {
  if (upstreamMissing) return t.skip(upstreamMissing);
  const lab = await useLab();
  const notLive = needsLive(lab, 'karmada');
  if (notLive) return t.skip(notLive);
  const started = Date.now();
  const signal = AbortSignal.timeout(540_000);
  const client = await DryRunClient.forContext(lab.kubeconfigPath, 'host');
  const engine = await upstreamEngine();

  const { valid, refused } = await validSeeds(await seeds(client, signal), client, engine, CONCURRENCY, signal);
  const cases = sample(valid, perVariant, randomSeed);
  const judged = await judge(cases, client, engine, CONCURRENCY, signal);

  const rows = figuresByRule(judged);
  t.diagnostic(`${judged.length} mutated documents (${perVariant ?? 'all'} per variant, seed ${randomSeed}) of ${valid.length} valid examples, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const line of tableLines(rows)) t.diagnostic(line);
  const nulls = judged.filter((j) => j.createVerdict);
  const rejecting = (verdicts: Array<Judged['verdict'] | undefined>) => verdicts.filter((v) => v?.outcome === 'schema-rejected').length;
  t.diagnostic(
    `explicit nulls: server-side apply rejects ${rejecting(nulls.map((c) => c.verdict))} of ${nulls.length}, ` +
      `create rejects ${rejecting(nulls.map((c) => c.createVerdict))} (create drops a custom resource's nulls as it decodes)`,
  );
  for (const line of refused) t.diagnostic(`example left out: ${line}`);
  for (const c of judged.filter((j) => j.verdict.outcome === 'ignored')) {
    t.diagnostic(`no schema verdict: ${describeCase(c)}: ${c.verdict.outcome === 'ignored' ? c.verdict.reason.slice(0, 200) : ''}`);
  }
  const disagreeing = judged.filter((c) => c.problems.length);
  for (const c of disagreeing) for (const p of c.problems) t.diagnostic(`disagreement: ${describeCase(c)}: ${p}`);
  if (disagreeing.length) t.diagnostic(`the disagreeing documents: ${writeDisagreements(lab.dir, disagreeing)}`);

  // the oracle must have exercised both verdicts on every rule's documents, or it proves little
  assert.ok(valid.length > 50, `only ${valid.length} examples are valid seeds`);
  const rejectedFor = new Set(rows.filter((r) => r.serverRejects > 0).map((r) => r.rule));
  const silent = [...Object.keys(ADMISSION_RULES), 'null-value'].filter((rule) => !rejectedFor.has(rule));
  assert.deepEqual(silent, [], 'rules the server rejected no mutated document for');
  assert.ok(rows.some((r) => r.serverAccepts > 0), 'no near miss was accepted');
  assert.deepEqual(disagreeing.map((c) => `${describeCase(c)}: ${c.problems.join('; ')}`), []);
});
