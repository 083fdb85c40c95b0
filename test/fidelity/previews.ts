/**
 * Flotilla's three previews of one case, each reduced to the same shape as the scheduler's answer: the
 * engine (planPlacement), the CLI (`flotilla plan --context host`, reading the clusters live itself) and
 * the CodeLens (computePlacementLenses, what the language server shows, parsed back from its title).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { planPlacement, type PlanInput } from '../../core/placement';
import { computePlacementLenses } from '../../core/placement/lenses';
import type { PlacementOutcome } from '../../core/placement/result';

/** cluster -> replicas (OCM: 0 for every chosen cluster); `error` when the preview finds no placement. */
export interface Answer {
  clusters?: Record<string, number>;
  /** OCM with a decisionStrategy: cluster -> "index:name" of its decision group (the lens title shows none). */
  groups?: Record<string, string>;
  error?: string;
}

type Grouped = { name: string; decisionGroup?: { index: number; name: string } };

function groupsOf(clusters: Grouped[]): Record<string, string> | undefined {
  if (!clusters.some((c) => c.decisionGroup)) return undefined;
  return Object.fromEntries(clusters.map((c) => [c.name, c.decisionGroup ? `${c.decisionGroup.index}:${c.decisionGroup.name}` : '']));
}

export const CLI_PATH = resolve(__dirname, '../../dist/cli.js');

/** A copy of the built CLI for one run, so a build running alongside cannot swap it mid-run. */
export function snapshotCli(): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'flotilla-fidelity-cli-')), 'cli.js');
  copyFileSync(CLI_PATH, copy);
  return copy;
}

export function answerOf(outcome: PlacementOutcome): Answer {
  if (outcome.error) return { error: outcome.error };
  const groups = groupsOf(outcome.clusters);
  return { clusters: Object.fromEntries(outcome.clusters.map((c) => [c.name, c.replicas ?? 0])), ...(groups ? { groups } : {}) };
}

export function enginePreview(input: PlanInput): { answer: Answer; outcome: PlacementOutcome } {
  const outcome = planPlacement(input);
  return { answer: answerOf(outcome), outcome };
}

/** The lens title ("member1: 4 · member2: 3 (Divided, …)" or "No placement: …") read back into an answer. */
export function parseLensTitle(title: string): Answer {
  if (title.startsWith('No placement: ')) return { error: title.slice('No placement: '.length) };
  const body = title.replace(/ \([^()]*(\([^()]*\))?[^()]*\)$/, '');
  if (body === 'no clusters') return { clusters: {} };
  return {
    clusters: Object.fromEntries(body.split(' · ').map((part) => {
      const [name, replicas] = part.split(': ');
      return [name, replicas === undefined ? 0 : Number(replicas)];
    })),
  };
}

export function lensPreview(policy: unknown, resource: unknown, clusters: unknown[], documents: unknown[] = []): Answer {
  const uri = 'file:///fidelity/case.yaml';
  const docs = [...(resource === undefined ? [] : [resource]), policy, ...documents].map((value, index) => ({ uri, index, value }));
  const lenses = computePlacementLenses(docs, clusters, uri);
  if (lenses.length !== 1) return { error: `expected one lens, got ${lenses.length}: ${lenses.map((l) => l.title).join(' | ')}` };
  return parseLensTitle(lenses[0].title);
}

const run = promisify(execFile);

/** Runs the built CLI against the live host; `policyDocs` may carry OCM cluster sets and bindings. */
export async function cliPreview(cli: string, kubeconfig: string, policyDocs: unknown[], resource: unknown, extraArgs: string[] = []): Promise<Answer> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-fidelity-'));
  try {
    writeFileSync(join(dir, 'policy.yaml'), policyDocs.map((d) => stringify(d)).join('---\n'));
    const args = [cli, 'plan', '--policy', join(dir, 'policy.yaml'), '--context', 'host', '--kubeconfig', kubeconfig, '--format', 'json', ...extraArgs];
    if (resource !== undefined) {
      writeFileSync(join(dir, 'resource.yaml'), stringify(resource));
      args.push('--resource', join(dir, 'resource.yaml'));
    }
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, args, { encoding: 'utf8' }));
    } catch (err) {
      stdout = (err as { stdout?: string }).stdout ?? '';
      if (!stdout.trim()) throw err;
    }
    const body = JSON.parse(stdout) as { error?: string; clusters?: (Grouped & { replicas?: number })[] };
    if (body.error) return { error: body.error };
    const groups = groupsOf(body.clusters ?? []);
    return { clusters: Object.fromEntries((body.clusters ?? []).map((c) => [c.name, c.replicas ?? 0])), ...(groups ? { groups } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sameEntries = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Whether two answers agree: the same cluster set and replica counts (and decision groups, where the preview gives them), or both find no placement. */
export function sameAnswer(real: Answer, preview: Answer): boolean {
  if (!real.clusters || !preview.clusters) return !real.clusters && !preview.clusters;
  return sameEntries(real.clusters, preview.clusters) && (!preview.groups || sameEntries(real.groups ?? {}, preview.groups));
}

export function showAnswer(answer: Answer): string {
  if (!answer.clusters) return `no placement (${answer.error ?? ''})`;
  const entries = Object.entries(answer.clusters).sort();
  const shown = entries.length ? entries.map(([n, r]) => `${n}: ${r}`).join(', ') : 'no clusters';
  return answer.groups ? `${shown}; groups ${Object.entries(answer.groups).sort().map(([n, g]) => `${n} ${g}`).join(', ')}` : shown;
}
