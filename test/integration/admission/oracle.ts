// The admission oracle: mutated upstream examples (test/support/admissionMutations) judged by the real
// API server with Karmada's webhooks (a strict server-side dry-run create, or apply for `null-value`)
// and by Flotilla, document by document. The server's verdict decides; the generator's expectation and
// Flotilla's findings are compared with it.
import { stringify } from 'yaml';
import { admissionMutations, hasAdmissionMutations, seedOf, type AdmissionMutation, type Doc } from '../../support/admissionMutations';
import { classify, type DryRunClient, type ServedKind, type Verdict } from '../conformance/apiServer';
import type { Engine } from '../conformance/engine';
import { exampleFiles } from '../conformance/examples';
import { CONFORMANCE_NAMESPACE, isBuiltIn } from '../conformance/run';

export interface Seed {
  /** file#index of the upstream example. */
  where: string;
  value: Doc;
  served: ServedKind;
}

/** One mutation of one seed, as sent: moved into the conformance namespace like its seed. */
export interface Case {
  seed: Seed;
  mutation: AdmissionMutation;
}

export interface Judged extends Case {
  verdict: Verdict;
  /** For `null-value` cases, which are judged by apply: what a create of the same document gets. */
  createVerdict?: Verdict;
  /** Flotilla's errors as `code: message`. */
  flotilla: string[];
  /** Why this case counts as a disagreement (empty when Flotilla, the generator and the server agree). */
  problems: string[];
}

const codeOf = (finding: string) => finding.slice(0, finding.indexOf(':'));
const verdictText = (v: Verdict) => (v.outcome === 'accepted' ? 'accepts' : v.outcome === 'schema-rejected' ? `rejects ("${v.message.slice(0, 300)}")` : `gives no schema verdict (${v.reason.slice(0, 200)})`);

const metadataOf = (doc: Doc): Doc => {
  if (!doc.metadata || typeof doc.metadata !== 'object' || Array.isArray(doc.metadata)) doc.metadata = {};
  return doc.metadata as Doc;
};

/**
 * The example as the oracle sends it: namespaced documents in the conformance namespace (which every API
 * server has), their resource selectors that named the example's own namespace following it, cluster-scoped
 * ones without a namespace; a name when the example only had generateName (apply needs one).
 */
export function placed(value: Doc, served: ServedKind, fallbackName: string): Doc {
  const doc = structuredClone(seedOf(value));
  const metadata = metadataOf(doc);
  const own = metadata.namespace;
  if (served.namespaced) {
    metadata.namespace = CONFORMANCE_NAMESPACE;
    const selectors = (doc.spec as Doc | undefined)?.resourceSelectors;
    if (Array.isArray(selectors) && own !== undefined) {
      for (const s of selectors as Doc[]) if (s && s.namespace === own) s.namespace = CONFORMANCE_NAMESPACE;
    }
  } else {
    delete metadata.namespace;
  }
  if (!metadata.name) {
    delete metadata.generateName;
    metadata.name = fallbackName;
  }
  return doc;
}

/** Every upstream example of a kind with admission mutations that the server serves, placed. */
export async function seeds(client: DryRunClient, signal: AbortSignal): Promise<Seed[]> {
  const out: Seed[] = [];
  for (const file of exampleFiles()) {
    for (const doc of file.documents) {
      if (!hasAdmissionMutations(doc.value) || doc.yaml.errors.length) continue;
      const served = (await client.servedKinds(doc.apiVersion, signal)).get(doc.kind);
      if (!served) continue;
      out.push({ where: `${file.file}#${doc.index}`, value: placed(doc.value, served, `oracle-${out.length}`), served });
    }
  }
  return out;
}

export interface SeedCheck {
  valid: Seed[];
  /** Examples the server or Flotilla refuses as they stand (the conformance test judges those), with why. */
  refused: string[];
}

/** Keeps the seeds the server accepts (dry-run create) and Flotilla reports no error on: mutations break one rule of a valid document. */
export async function validSeeds(all: Seed[], client: DryRunClient, engine: Engine, concurrency: number, signal: AbortSignal): Promise<SeedCheck> {
  const checked = await pooled(all, concurrency, async (seed) => ({ seed, verdict: await serverVerdict(client, seed.value, seed.served, 'create', signal), flotilla: flotillaErrors(engine, seed.value) }));
  const out: SeedCheck = { valid: [], refused: [] };
  for (const { seed, verdict, flotilla } of checked) {
    if (verdict.outcome === 'accepted' && !flotilla.length) out.valid.push(seed);
    else out.refused.push(`${seed.where} ${String(seed.value.kind)}: the server ${verdictText(verdict)}${flotilla.length ? `; Flotilla: ${flotilla.join('; ')}` : ''}`);
  }
  return out;
}

/** mulberry32: a small seeded generator, so that the sample is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The variant a case is one instance of: the same edit, applied to different seeds. */
export const variantOf = (m: AdmissionMutation) => `${m.rule}|${m.expect}|${m.describe}`;

/**
 * Up to `perVariant` cases of every variant (all of them when undefined), picked among the seeds that
 * produce it by a generator seeded with `randomSeed`: every rule and near miss is exercised on every run,
 * on seeds of each kind that has it, within a fixed number of requests.
 */
export function sample(all: Seed[], perVariant: number | undefined, randomSeed: number): Case[] {
  const byVariant = new Map<string, Case[]>();
  for (const seed of all) {
    for (const mutation of admissionMutations(seed.value)) {
      const key = `${String(seed.value.kind)}|${variantOf(mutation)}`;
      let cases = byVariant.get(key);
      if (!cases) byVariant.set(key, (cases = []));
      cases.push({ seed, mutation });
    }
  }
  if (perVariant === undefined) return [...byVariant.values()].flat();
  const next = random(randomSeed);
  const out: Case[] = [];
  for (const key of [...byVariant.keys()].sort()) {
    const cases = byVariant.get(key) ?? [];
    // a partial Fisher-Yates shuffle: the first perVariant places
    for (let i = 0; i < Math.min(perVariant, cases.length); i++) {
      const j = i + Math.floor(next() * (cases.length - i));
      [cases[i], cases[j]] = [cases[j], cases[i]];
      out.push(cases[i]);
    }
  }
  return out;
}

/** Runs `work` over `items` with at most `limit` at a time; results in the order of `items`. */
export async function pooled<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The server's verdict on a document, by the request the mutation names. */
export async function serverVerdict(client: DryRunClient, doc: Doc, served: ServedKind, via: AdmissionMutation['via'], signal: AbortSignal): Promise<Verdict> {
  const apiVersion = String(doc.apiVersion);
  const yaml = stringify(doc);
  const response =
    via === 'apply'
      ? await client.dryRunApply(apiVersion, yaml, String(metadataOf(doc).name), served, CONFORMANCE_NAMESPACE, signal)
      : await client.dryRunCreate(apiVersion, yaml, served, CONFORMANCE_NAMESPACE, signal);
  return classify(response, isBuiltIn(apiVersion));
}

/** Flotilla's errors on a document, as `code: message`. */
export function flotillaErrors(engine: Engine, doc: Doc): string[] {
  return engine
    .lint('file:///oracle/mutated.yaml', stringify(doc))
    .filter((f) => f.severity === 'error')
    .map((f) => `${String(f.code)}: ${f.message}`);
}


/** What is wrong with one judged case; empty when all three agree. */
export function problemsOf(c: Omit<Judged, 'problems'>): string[] {
  const { mutation, verdict, flotilla } = c;
  if (verdict.outcome === 'ignored') return [];
  const problems: string[] = [];
  const rejects = verdict.outcome === 'schema-rejected';
  if (rejects && !flotilla.length) problems.push(`the server ${verdictText(verdict)} but Flotilla reports no error`);
  if (!rejects && flotilla.length) problems.push(`the server accepts it but Flotilla reports ${flotilla.join('; ')}`);
  if (rejects && mutation.expect === 'rejected' && flotilla.length && !flotilla.some((f) => codeOf(f) === mutation.rule)) {
    problems.push(`the server ${verdictText(verdict)}; Flotilla reports ${flotilla.join('; ')}, not ${mutation.rule}`);
  }
  if (rejects !== (mutation.expect === 'rejected')) {
    problems.push(`the generator expects ${mutation.expect === 'rejected' ? 'a rejection' : 'acceptance'} but the server ${verdictText(verdict)}`);
  }
  return problems;
}

/** Judges every case; `null-value` cases are also sent as a create, to show what create does with the null. */
export async function judge(cases: Case[], client: DryRunClient, engine: Engine, concurrency: number, signal: AbortSignal): Promise<Judged[]> {
  return pooled(cases, concurrency, async (c) => {
    const { document, via } = c.mutation;
    const verdict = await serverVerdict(client, document, c.seed.served, via, signal);
    const createVerdict = via === 'apply' ? await serverVerdict(client, document, c.seed.served, 'create', signal) : undefined;
    const judged = { ...c, verdict, createVerdict, flotilla: flotillaErrors(engine, document) };
    return { ...judged, problems: problemsOf(judged) };
  });
}

export interface RuleFigures {
  rule: string;
  documents: number;
  serverRejects: number;
  serverAccepts: number;
  ignored: number;
  /** Flotilla flags exactly the documents the server rejects (with the rule, on webhook denials). */
  flotillaAgrees: number;
  /** The generator's expected verdict is the server's. */
  expectationHolds: number;
}

export function figuresByRule(judged: Judged[]): RuleFigures[] {
  const rows = new Map<string, RuleFigures>();
  for (const c of judged) {
    const rule = c.mutation.rule;
    let row = rows.get(rule);
    if (!row) rows.set(rule, (row = { rule, documents: 0, serverRejects: 0, serverAccepts: 0, ignored: 0, flotillaAgrees: 0, expectationHolds: 0 }));
    row.documents++;
    if (c.verdict.outcome === 'ignored') {
      row.ignored++;
      continue;
    }
    const rejects = c.verdict.outcome === 'schema-rejected';
    if (rejects) row.serverRejects++;
    else row.serverAccepts++;
    if (!c.problems.some((p) => !p.startsWith('the generator'))) row.flotillaAgrees++;
    if (rejects === (c.mutation.expect === 'rejected')) row.expectationHolds++;
  }
  return [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

/** The per-rule figures as the lines of a Markdown table, with a total row. */
export function tableLines(rows: RuleFigures[]): string[] {
  const total = rows.reduce(
    (t, r) => ({
      ...t,
      documents: t.documents + r.documents,
      serverRejects: t.serverRejects + r.serverRejects,
      serverAccepts: t.serverAccepts + r.serverAccepts,
      ignored: t.ignored + r.ignored,
      flotillaAgrees: t.flotillaAgrees + r.flotillaAgrees,
      expectationHolds: t.expectationHolds + r.expectationHolds,
    }),
    { rule: 'all rules', documents: 0, serverRejects: 0, serverAccepts: 0, ignored: 0, flotillaAgrees: 0, expectationHolds: 0 },
  );
  const line = (r: RuleFigures) => {
    const judged = r.serverRejects + r.serverAccepts;
    return `| ${r.rule} | ${r.documents} | ${r.serverRejects} | ${r.serverAccepts} | ${r.ignored} | ${r.flotillaAgrees}/${judged} | ${r.expectationHolds}/${judged} |`;
  };
  return [
    '| rule | documents | server rejects | server accepts | no verdict | Flotilla agrees | generator expected |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(line),
    line(total),
  ];
}

export const describeCase = (c: Case) => `${c.seed.where} ${String(c.seed.value.kind)} [${c.mutation.rule}, ${c.mutation.expect} by ${c.mutation.via}]: ${c.mutation.describe}`;
