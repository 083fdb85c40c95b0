// Differential test of the placement preview against the real schedulers of the lab: a fixed seed's
// fleets and cases (test/fidelity/) are applied, karmada-scheduler's ResourceBindings and OCM's
// PlacementDecisions are read, and the engine, `flotilla plan --context` and the CodeLens must agree with
// them exactly. CI runs a budget that fits about 3 minutes on 2 cores; `npm run fidelity` is the benchmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLab } from '../support/lab';
import { needsLive } from '../support/federation';
import { runFidelity } from '../fidelity/run';
import { disagreements } from '../fidelity/report';
import { CLI_PATH } from '../fidelity/previews';

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
