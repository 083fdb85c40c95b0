// Conformance: Flotilla's diagnostics on every parseable upstream example, against the verdict of a real
// kube-apiserver (the lab host: server-side dry-run create, strict field validation). Agreement means
// "Flotilla reports an error" == "the server rejects the document for a schema reason" (see
// conformance/apiServer.ts for what is and is not a schema reason). Figures are reported per project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamMissing } from '../support/federation';
import { useLab } from '../support/lab';
import { DryRunClient } from './conformance/apiServer';
import { bundledEngine, upstreamEngine } from './conformance/engine';
import { PROJECTS } from './conformance/examples';
import { describeDocument, disagreementLines, runConformance, type ConformanceReport } from './conformance/run';

/** Floors this suite reaches today against the host with Karmada's webhooks (311/311 upstream, 228/228 bundled): any disagreement is a regression. */
const OVERALL_FLOOR = 1;
const PROJECT_FLOOR = 1;

function reportFigures(t: { diagnostic(message: string): void }, report: ConformanceReport): { agreed: number; compared: number; disagreements: string[] } {
  let compared = 0;
  let agreed = 0;
  for (const project of PROJECTS) {
    const f = report.figures[project];
    compared += f.compared;
    agreed += f.agreed;
    const percent = f.compared ? ((100 * f.agreed) / f.compared).toFixed(1) : 'n/a';
    t.diagnostic(
      `${project}: agreement ${f.agreed}/${f.compared} (${percent}%): both accept ${f.bothAccept}, both reject ${f.bothReject}; ` +
        `${f.notServed} documents of kinds the host does not serve, ${f.ignored} answers not about the schema`,
    );
  }
  t.diagnostic(`overall: agreement ${agreed}/${compared} (${((100 * agreed) / compared).toFixed(1)}%)`);
  const disagreements = disagreementLines(report);
  for (const line of disagreements) t.diagnostic(`disagreement: ${line}`);
  for (const { doc, reason } of report.ignored) t.diagnostic(`ignored (not a schema reason): ${describeDocument(doc)}: ${reason.slice(0, 200)}`);
  return { agreed, compared, disagreements };
}

test('Flotilla agrees with the real API server on the upstream examples (upstream CRD and OpenAPI schemas)', { timeout: 300_000 }, async (t) => {
  if (upstreamMissing) return t.skip(upstreamMissing);
  const lab = await useLab();
  const client = await DryRunClient.forContext(lab.kubeconfigPath, 'host');
  const report = await runConformance(await upstreamEngine(), client, AbortSignal.timeout(240_000));
  const { agreed, compared, disagreements } = reportFigures(t, report);

  // the suite must have exercised both outcomes, or it proves nothing
  assert.ok(PROJECTS.every((p) => report.figures[p].compared > 0), 'every project has documents the host serves');
  assert.ok(PROJECTS.reduce((n, p) => n + report.figures[p].bothReject, 0) > 0, 'some examples are rejected by both');
  assert.ok(agreed / compared >= OVERALL_FLOOR, `overall agreement ${agreed}/${compared} is below ${OVERALL_FLOOR}:\n${disagreements.join('\n')}`);
  for (const project of PROJECTS) {
    const f = report.figures[project];
    assert.ok(f.agreed / f.compared >= PROJECT_FLOOR, `${project}: agreement ${f.agreed}/${f.compared} is below ${PROJECT_FLOOR}`);
  }
});

test('the bundled schemas agree with the real API server on the examples of the kinds they cover', { timeout: 300_000 }, async (t) => {
  if (upstreamMissing) return t.skip(upstreamMissing);
  const lab = await useLab();
  const client = await DryRunClient.forContext(lab.kubeconfigPath, 'host');
  const engine = bundledEngine();
  const bundledKinds = new Set(engine.store.entries().map((e) => `${e.apiVersion}/${e.kind}`));
  const report = await runConformance(engine, client, AbortSignal.timeout(240_000), bundledKinds);
  const { agreed, compared, disagreements } = reportFigures(t, report);
  assert.ok(compared >= 100, `only ${compared} examples of bundled kinds were compared`);
  assert.ok(agreed / compared >= OVERALL_FLOOR, `bundled agreement ${agreed}/${compared} is below ${OVERALL_FLOOR}:\n${disagreements.join('\n')}`);
});
