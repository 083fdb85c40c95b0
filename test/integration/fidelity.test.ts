// Differential test of the placement preview against the real schedulers of the lab: a fixed seed's
// fleets and cases (test/fidelity/) are applied, karmada-scheduler's ResourceBindings and OCM's
// PlacementDecisions are read, and the engine, `flotilla plan --context` and the CodeLens must agree with
// them exactly. CI runs a budget that fits about 3 minutes on 2 cores; `npm run fidelity` is the benchmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLab } from '../support/lab';
import { needsLive } from '../support/federation';
import { runFidelity } from '../fidelity/run';
import { disagreements } from '../fidelity/report';
import { CLI_PATH } from '../fidelity/previews';
import { generateRun, type KarmadaCase } from '../fidelity/generate';
import { parseAllDocuments } from 'yaml';

const SEED = 20261203;
const KARMADA_CASES = 100;
const OCM_CASES = 25;

test('the placement preview agrees with karmada-scheduler and the OCM placement controller', { timeout: 360_000 }, async (t) => {
  const lab = await useLab();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  // Without a live OCM hub the Karmada cases still run.
  const ocmSkip = needsLive(lab, 'ocm');
  if (ocmSkip) t.diagnostic(`OCM cases skipped: ${ocmSkip}`);
  const ocmCases = ocmSkip ? 0 : OCM_CASES;
  const out = mkdtempSync(join(tmpdir(), 'flotilla-fidelity-'));
  const report = await runFidelity({ labDir: lab.dir, seed: SEED, karmadaCases: KARMADA_CASES, ocmCases, out, cli: existsSync(CLI_PATH) });
  for (const line of report.table.split('\n')) t.diagnostic(line);
  t.diagnostic(`${report.records.length} results in ${report.seconds.toFixed(1)} s`);
  assert.ok(report.records.filter((r) => r.scheduler === 'karmada').length >= KARMADA_CASES);
  assert.ok(report.records.filter((r) => r.scheduler === 'ocm').length >= ocmCases);
  assert.deepEqual(report.failures, [], 'every case ran on the lab');
  assert.deepEqual(disagreements(report.records).map((r) => r.id), [], `disagreements written to ${out}:\n${report.table}`);
});

test('a disagreement is shrunk on the lab to a minimal case that still disagrees, written next to the original', { timeout: 300_000 }, async (t) => {
  const lab = await useLab();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const out = mkdtempSync(join(tmpdir(), 'flotilla-shrink-'));
  // A preview that is wrong whenever the policy tolerates a taint: the minimal case keeps a toleration and little else.
  const tolerating = (c: KarmadaCase) => Array.isArray(c.placement.clusterTolerations) && c.placement.clusterTolerations.length > 0;
  const run = generateRun({ seed: SEED, karmadaCases: 40, ocmCases: 0, members: ['member1', 'member2', 'member3'] });
  const first = run.karmada.findIndex((c) => tolerating(c) && c.scaleTo === undefined && Object.keys(c.placement).length >= 3);
  assert.ok(first >= 0, 'the seed has a tolerating case with more to it');
  const report = await runFidelity({
    labDir: lab.dir, seed: SEED, karmadaCases: first + 1, ocmCases: 0, out, cli: false, lsp: false,
    perturbEngine: (c, answer) => (tolerating(c) ? { error: 'perturbed' } : answer),
  });
  const id = run.karmada[first].id;
  const minimal = report.files.find((f) => f.endsWith(`${id}-minimal.yaml`));
  assert.ok(minimal, `files: ${report.files.join(', ')}`);
  const policy = parseAllDocuments(readFileSync(minimal, 'utf8'))[0].toJSON() as { spec: { placement: Record<string, unknown> } };
  assert.deepEqual(Object.keys(policy.spec.placement).sort(), ['clusterTolerations', 'replicaScheduling'].filter((k) => k in policy.spec.placement).sort());
  assert.equal((policy.spec.placement.clusterTolerations as unknown[]).length, 1, 'one toleration is enough to disagree');
  assert.ok(Object.keys(run.karmada[first].placement).length > Object.keys(policy.spec.placement).length, 'smaller than the case it came from');
});
