/**
 * `npm run fidelity -- --seed S --cases N [--ocm-cases M] [--out DIR] [--no-cli]`: differential tests of
 * Flotilla's placement preview against the real karmada-scheduler and OCM placement controller of a
 * running lab (FLOTILLA_LAB_DIR). Prints the agreement table per strategy and the run time; writes each
 * disagreement to DIR (default fidelity-out/) as a minimal YAML case. Exits 1 on any disagreement.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ClusterClients } from '../../core/kube/clients';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import { readLiveClusterObjects } from '../../core/placement/liveClusters';
import { labAt } from '../support/lab';
import { needsLive } from '../support/federation';
import { applyFleet, prepareLab, saveLab } from './fleet';
import { generateRun, type Fleet, type KarmadaCase, type OcmCase } from './generate';
import { policyOf, runKarmadaCase } from './karmada';
import { runOcmCase, placementOf } from './ocm';
import { LensServer } from './lspLens';
import { karmadaReductions, ocmReductions, shrink } from './shrink';
import { ExplorerModel } from '../../core/kube/explorer';
import { readCurrentSchedules } from '../../core/karmada/currentSchedules';
import { snapshotCli, cliPreview, enginePreview, lensPreview, sameAnswer, type Answer } from './previews';
import { agreementTable, disagreements, writeDisagreement, type CaseRecord, type Preview } from './report';

export interface FidelityOptions {
  labDir: string;
  seed: number;
  karmadaCases: number;
  ocmCases: number;
  out: string;
  /** Also run `flotilla plan --context` per case (needs dist/cli.js). */
  cli: boolean;
  /** Karmada lenses from the real language server (dist/server.js) rather than the core function it calls. */
  lsp?: boolean;
  /** Shrink each disagreement on the lab to a minimal case (default true). */
  shrink?: boolean;
  /** Tests of the shrinking: changes the engine's answer to a Karmada case (a disagreement on demand). */
  perturbEngine?: (c: KarmadaCase, answer: Answer) => Answer;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface FidelityReport {
  records: CaseRecord[];
  table: string;
  seconds: number;
  files: string[];
  /** Cases the lab could not run (an API refusal, a timeout): `id: message`. */
  failures: string[];
}

const TIMEOUT = { timeoutMs: 15_000 };

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

function compare(real: Answer, previews: Partial<Record<Preview, Answer>>): Partial<Record<Preview, boolean>> {
  return Object.fromEntries(Object.entries(previews).map(([p, a]) => [p, sameAnswer(real, a!)]));
}

async function karmadaCase(ctx: RunContext, c: KarmadaCase, clusters: unknown[]): Promise<CaseRecord[]> {
  const { clients, kubeconfig } = ctx;
  let previous: Record<string, number> | undefined;
  let scaledCli: Answer | undefined;
  let scaledLens: Answer | undefined;
  const outcome = await runKarmadaCase(clients, c, {
    beforeScale: async (binding, template) => {
      previous = Object.fromEntries(((binding.spec?.clusters ?? []) as { name: string; replicas: number }[]).map((x) => [x.name, x.replicas]));
      // `flotilla plan --current` reads the binding as it is now, before the scale, with the scaled template.
      if (ctx.cli) scaledCli = await cliPreview(ctx.cli, kubeconfig, [policyOf(c)], { ...template, spec: { ...template.spec, replicas: c.scaleTo } }, ['--current']);
      // The lens asks the extension's side (core/karmada/currentSchedules.ts, reading the lab) for the same binding.
      if (ctx.lensServer) scaledLens = await ctx.lensServer.lens(`${c.id}-scaled`, { ...template, spec: { ...template.spec, replicas: c.scaleTo } }, policyOf(c), true);
    },
  });
  const firstTemplate = { ...outcome.template, spec: { ...outcome.template.spec, replicas: c.replicas } };
  const previews: Partial<Record<Preview, Answer>> = {
    engine: enginePreview({ policy: outcome.policy, resource: firstTemplate, clusters }).answer,
    lens: ctx.lensServer ? await ctx.lensServer.lens(c.id, firstTemplate, outcome.policy) : lensPreview(outcome.policy, firstTemplate, clusters),
  };
  if (ctx.cli) previews.cli = await cliPreview(ctx.cli, kubeconfig, [outcome.policy], firstTemplate);
  if (ctx.options.perturbEngine) previews.engine = ctx.options.perturbEngine(c, previews.engine!);
  const records: CaseRecord[] = [{
    scheduler: 'karmada', id: c.id, row: `${c.strategy}${c.overflow ? ' + overflow' : ''}`, real: outcome.first, previews, agree: compare(outcome.first, previews),
    inputs: { policy: outcome.policy, resource: firstTemplate, clusters },
  }];
  if (outcome.scaled && previous) {
    const scaled: Partial<Record<Preview, Answer>> = { engine: enginePreview({ policy: outcome.policy, resource: outcome.template, clusters, previous: Object.entries(previous).map(([name, replicas]) => ({ name, replicas })) }).answer };
    if (scaledCli) scaled.cli = scaledCli;
    if (scaledLens) scaled.lens = scaledLens;
    records.push({
      scheduler: 'karmada', id: `${c.id}-scaled`, row: `${c.strategy}${c.overflow ? ' + overflow' : ''} + scale ${c.scaleTo! > c.replicas ? 'up' : 'down'}`, real: outcome.scaled, previews: scaled, agree: compare(outcome.scaled, scaled),
      inputs: { policy: outcome.policy, resource: outcome.template, clusters, previous },
    });
  }
  return records;
}

async function ocmCase(ctx: RunContext, c: OcmCase, objects: unknown[]): Promise<CaseRecord> {
  const placement = placementOf(c);
  const previews: Partial<Record<Preview, Answer>> = {
    engine: enginePreview({ policy: placement, clusters: objects }).answer,
    lens: lensPreview(placement, undefined, objects),
  };
  if (ctx.cli) previews.cli = await cliPreview(ctx.cli, ctx.kubeconfig, [placement], undefined);
  const real = await runOcmCase(ctx.clients, c);
  return { scheduler: 'ocm', id: c.id, row: c.feature, real, previews, agree: compare(real, previews), inputs: { policy: placement, clusters: objects } };
}

interface RunContext {
  clients: ClusterClients;
  options: FidelityOptions;
  kubeconfig: string;
  ocm: boolean;
  /** Keeps a case's records and writes out its disagreements at once. */
  keep(found: CaseRecord[]): void;
  fail(id: string, err: unknown): void;
  /** Records a file written besides the run's records (a shrunk disagreement). */
  written(file: string): void;
  lensServer?: LensServer;
  /** The CLI copy `flotilla plan` runs from, when the run checks the CLI. */
  cli?: string;
}

async function guarded(ctx: RunContext, id: string, work: () => Promise<CaseRecord[]>): Promise<void> {
  try {
    ctx.keep(await work());
  } catch (err) {
    ctx.fail(id, err);
  }
}

/**
 * Runs `c`; if a preview disagrees, shrinks it on the lab (each variant under its own name) and writes the
 * smallest variant that still disagrees next to the original's file.
 */
async function withShrinking<C extends { id: string }>(ctx: RunContext, c: C, run: (c: C) => Promise<CaseRecord[]>, reductions: (c: C) => C[]): Promise<CaseRecord[]> {
  const records = await run(c);
  if (!disagreements(records).length || ctx.options.shrink === false) return records;
  let variant = 0;
  let minimal: CaseRecord[] = [];
  const { tries } = await shrink(c, reductions, async (smaller) => {
    const found = disagreements(await run({ ...smaller, id: `${c.id}-min${++variant}` }).catch(() => []));
    if (found.length) minimal = found;
    return found.length > 0;
  });
  for (const r of minimal) ctx.written(writeDisagreement(ctx.options.out, { ...r, id: `${c.id}-minimal${r.id.endsWith('-scaled') ? '-scaled' : ''}` }));
  ctx.options.log?.(`${c.id}: ${minimal.length ? `shrunk in ${tries} lab runs` : `no smaller variant disagrees (${tries} tried)`}`);
  return records;
}

async function runFleet(ctx: RunContext, fleet: Fleet, karmadaCases: KarmadaCase[], ocmCases: OcmCase[]): Promise<void> {
  await applyFleet(ctx.clients, fleet, ctx.ocm);
  const clusters = await readLiveClusterObjects(ctx.clients, 'host', 'PropagationPolicy', TIMEOUT);
  await ctx.lensServer?.pushClusters(clusters);
  await pool(karmadaCases, ctx.options.concurrency ?? 4, (c) => guarded(ctx, c.id, () => withShrinking(ctx, c, (v) => karmadaCase(ctx, v, clusters), karmadaReductions)));
  if (ocmCases.length === 0) return;
  const objects = await readLiveClusterObjects(ctx.clients, 'host', 'Placement', TIMEOUT);
  for (const c of ocmCases) await guarded(ctx, c.id, () => withShrinking(ctx, c, async (v) => [await ocmCase(ctx, v, objects)], ocmReductions));
}

export async function runFidelity(options: FidelityOptions): Promise<FidelityReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const lab = labAt(options.labDir);
  const skip = needsLive(lab, 'karmada');
  if (skip) throw new Error(skip);
  const ocm = options.ocmCases > 0 && !needsLive(lab, 'ocm');
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfigPath]), { trusted: true });
  const records: CaseRecord[] = [];
  const files: string[] = [];
  const failures: string[] = [];
  const fail = (id: string, err: unknown) => {
    failures.push(`${id}: ${(err as Error).message}`);
    log(`${id}: ${(err as Error).message}`);
  };
  const keep = (found: CaseRecord[]) => {
    records.push(...found);
    for (const r of disagreements(found)) files.push(writeDisagreement(options.out, r));
  };
  try {
    const members = lab.readInfo().clusters.map((c) => c.name).filter((n) => /^member\d+$/.test(n));
    const run = generateRun({ seed: options.seed, karmadaCases: options.karmadaCases, ocmCases: ocm ? options.ocmCases : 0, members });
    await prepareLab(clients);
    const restore = await saveLab(clients, members, ocm);
    // What the extension answers the language server with: bindings read from the lab's Karmada.
    const discovery = new ExplorerModel(clients, { timeoutMs: 10_000, concurrency: 4 });
    const lensServer = options.lsp === false ? undefined : await LensServer.start((queries) => readCurrentSchedules(discovery, queries, { timeoutMs: 10_000 }));
    const cli = options.cli ? snapshotCli() : undefined;
    try {
      for (const fleet of run.fleets) {
        const karmadaCases = run.karmada.filter((c) => c.fleet === fleet.index);
        const ocmCases = run.ocm.filter((c) => c.fleet === fleet.index);
        if (!karmadaCases.length && !ocmCases.length) continue;
        await runFleet({ clients, options, kubeconfig: lab.kubeconfigPath, ocm, keep, fail, written: (file) => files.push(file), lensServer, cli }, fleet, karmadaCases, ocmCases);
        log(`fleet ${fleet.index + 1}/${run.fleets.length}: ${records.length} results, ${disagreements(records).length} disagreements, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    } finally {
      await lensServer?.close();
      discovery.dispose();
      await restore();
    }
  } finally {
    clients.dispose();
  }
  return { records, table: agreementTable(records), seconds: (Date.now() - started) / 1000, files, failures };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' }, cases: { type: 'string', default: '300' }, 'ocm-cases': { type: 'string', default: '100' },
      out: { type: 'string', default: join(process.cwd(), 'fidelity-out') }, 'no-cli': { type: 'boolean', default: false }, concurrency: { type: 'string', default: '4' },
    },
  });
  const labDir = process.env.FLOTILLA_LAB_DIR;
  if (!labDir) {
    process.stderr.write('fidelity: set FLOTILLA_LAB_DIR to a running lab (npm run lab -- --out DIR)\n');
    return 2;
  }
  const report = await runFidelity({
    labDir, seed: Number(values.seed), karmadaCases: Number(values.cases), ocmCases: Number(values['ocm-cases']), out: values.out!, cli: !values['no-cli'],
    concurrency: Number(values.concurrency), log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${report.table}\n\nseed ${values.seed}: ${report.records.length} results in ${report.seconds.toFixed(1)} s\n`);
  for (const file of report.files) process.stdout.write(`disagreement: ${file}\n`);
  for (const failure of report.failures) process.stdout.write(`not run: ${failure}\n`);
  return report.files.length || report.failures.length ? 1 : 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err: Error) => {
    process.stderr.write(`fidelity: ${err.stack ?? err.message}\n`);
    process.exit(2);
  });
}
