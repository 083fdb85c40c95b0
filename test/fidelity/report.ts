/**
 * The outcome of a fidelity run: one record per case and preview, the agreement table per strategy, and
 * each disagreement written out as a minimal YAML case that `flotilla plan --clusters` reproduces offline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { showAnswer, type Answer } from './previews';

export type Preview = 'engine' | 'cli' | 'lens';

export interface CaseRecord {
  scheduler: 'karmada' | 'ocm';
  id: string;
  /** The table row: a Karmada strategy (with "+ scale" for rescheduled cases) or OCM's prioritizers. */
  row: string;
  real: Answer;
  previews: Partial<Record<Preview, Answer>>;
  agree: Partial<Record<Preview, boolean>>;
  /** What reproduces it: the policy, the resource, the member cluster objects and, for a scale, the previous result. */
  inputs: { policy: unknown; resource?: unknown; clusters: unknown[]; previous?: Record<string, number> };
}

/** Cluster objects cut down to what placement reads, so a disagreement's file stays short. */
export function minimalCluster(object: unknown): unknown {
  const o = object as { apiVersion: string; kind: string; metadata: { name: string; labels?: unknown }; spec?: Record<string, unknown>; status?: Record<string, unknown> };
  if (o.kind === 'Cluster') {
    const enablements = (o.status?.apiEnablements as { groupVersion: string }[] | undefined)?.filter((e) => e.groupVersion === 'apps/v1');
    return {
      apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, labels: o.metadata.labels },
      spec: { provider: o.spec?.provider, region: o.spec?.region, zones: o.spec?.zones, taints: o.spec?.taints, resourceModels: o.spec?.resourceModels },
      status: { apiEnablements: enablements, resourceSummary: o.status?.resourceSummary, conditions: o.status?.conditions },
    };
  }
  if (o.kind === 'ManagedCluster') {
    return {
      apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, labels: o.metadata.labels }, spec: { taints: o.spec?.taints },
      status: { allocatable: o.status?.allocatable, capacity: o.status?.capacity, clusterClaims: o.status?.clusterClaims, conditions: o.status?.conditions },
    };
  }
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, spec: o.spec, status: o.status };
}

/** A template as created, without what the API server adds (managedFields, status...) but with its UID (Webster's tie-break). */
function minimalResource(object: unknown): unknown {
  const o = object as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; uid?: string; labels?: unknown }; spec?: unknown };
  const { name, namespace, uid, labels } = o.metadata;
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name, namespace, uid, labels }, spec: o.spec };
}

export function writeDisagreement(dir: string, record: CaseRecord): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${record.id}.yaml`);
  const header = [
    `# ${record.scheduler} case ${record.id} (${record.row})`,
    `# real:    ${showAnswer(record.real)}`,
    ...Object.entries(record.previews).map(([name, answer]) => `# ${name.padEnd(7)}  ${showAnswer(answer!)}${record.agree[name as Preview] ? '' : '   <- differs'}`),
    ...(record.inputs.previous ? [`# previous schedule (planPlacement's \`previous\`; the CLI takes none): ${JSON.stringify(record.inputs.previous)}`] : []),
    `# reproduce: flotilla plan --policy ${record.id}.yaml --resource ${record.id}.yaml --clusters ${record.id}.yaml`,
  ];
  const docs = [record.inputs.policy, ...(record.inputs.resource ? [minimalResource(record.inputs.resource)] : []), ...record.inputs.clusters.map(minimalCluster)];
  writeFileSync(file, `${header.join('\n')}\n${docs.map((d) => stringify(d)).join('---\n')}`);
  return file;
}

export function agreementTable(records: CaseRecord[]): string {
  const previews: Preview[] = ['engine', 'cli', 'lens'];
  const rows: string[][] = [['SCHEDULER', 'ROW', 'CASES', ...previews.map((p) => p.toUpperCase())]];
  const keys = [...new Set(records.map((r) => `${r.scheduler}\t${r.row}`))].sort();
  const cell = (subset: CaseRecord[], p: Preview) => {
    const checked = subset.filter((r) => r.agree[p] !== undefined);
    if (checked.length === 0) return '-';
    const ok = checked.filter((r) => r.agree[p]).length;
    return `${ok}/${checked.length}`;
  };
  for (const key of keys) {
    const [scheduler, row] = key.split('\t');
    const subset = records.filter((r) => r.scheduler === scheduler && r.row === row);
    rows.push([scheduler, row, String(subset.length), ...previews.map((p) => cell(subset, p))]);
  }
  for (const scheduler of ['karmada', 'ocm']) {
    const subset = records.filter((r) => r.scheduler === scheduler);
    if (subset.length) rows.push([scheduler, 'TOTAL', String(subset.length), ...previews.map((p) => cell(subset, p))]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function disagreements(records: CaseRecord[]): CaseRecord[] {
  return records.filter((r) => Object.values(r.agree).some((ok) => ok === false));
}
