/**
 * How OCM's placement controller splits the chosen clusters into decision groups
 * (scheduling_controller.go generateDecisionGroups): each spec.decisionStrategy.groupStrategy.decisionGroups
 * entry takes the chosen clusters its selector matches that no earlier group took; the rest form unnamed
 * groups. Every group is sorted by name and cut into pieces of clustersPerDecisionGroup; indexes run in
 * that order. Rollouts (ManifestWorkReplicaSet, add-ons) go group by group.
 */
import { parseLabelSelector, parseRequirements, requirementMismatch, selectorMismatch } from '../labelSelector';
import type { MemberCluster } from '../members';
import { asArray, asObj, asString, field } from '../objects';

export interface DecisionGroup {
  index: number;
  /** The decisionGroups entry's groupName; "" for the clusters no entry selected. */
  name: string;
  clusters: string[];
}

/** What a clustersPerDecisionGroup of `total` clusters comes to (calculateLength). */
export function groupLength(value: unknown, total: number): number | { error: string } {
  let length = total;
  if (typeof value === 'number') length = Math.trunc(value);
  else if (typeof value === 'string') {
    const percent = /^(.*)%$/.exec(value);
    const f = percent ? Number(percent[1]) : NaN;
    if (!percent || percent[1].trim() === '' || Number.isNaN(f)) return { error: `${value} invalid type: string is not a percentage` };
    length = Math.ceil((f / 100) * total);
  }
  return length <= 0 || length > total ? total : length;
}

function matches(selector: unknown, cluster: MemberCluster): boolean {
  const labels = parseLabelSelector(field(selector, 'labelSelector'));
  const claims = parseRequirements(field(selector, 'claimSelector', 'matchExpressions'));
  return selectorMismatch(labels, cluster.labels) === undefined && claims.every((req) => requirementMismatch(req, cluster.claims) === undefined);
}

function divide(name: string, clusters: string[], length: number, into: DecisionGroup[]): void {
  const sorted = [...clusters].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < sorted.length; i += length) into.push({ index: into.length, name, clusters: sorted.slice(i, i + length) });
}

/** The decision groups of `chosen` under the Placement's spec; always at least one (empty when nothing was chosen). */
export function decisionGroups(spec: Record<string, unknown>, chosen: MemberCluster[]): DecisionGroup[] | { error: string } {
  const strategy = asObj(field(spec, 'decisionStrategy', 'groupStrategy')) ?? {};
  const length = groupLength(strategy.clustersPerDecisionGroup ?? '100%', chosen.length);
  if (typeof length !== 'number') return length;
  const groups: DecisionGroup[] = [];
  const left = new Set(chosen.map((c) => c.name));
  for (const entry of asArray(strategy.decisionGroups)) {
    const taken = chosen.filter((c) => left.has(c.name) && matches(field(entry, 'groupClusterSelector'), c)).map((c) => c.name);
    for (const name of taken) left.delete(name);
    divide(asString(field(entry, 'groupName')) ?? '', taken, length, groups);
  }
  divide('', [...left], length, groups);
  return groups.length ? groups : [{ index: 0, name: '', clusters: [] }];
}

/** "#0 canary: member1; #1: member2, member3" */
export function describeDecisionGroups(groups: DecisionGroup[]): string {
  return groups.map((g) => `#${g.index}${g.name ? ` ${g.name}` : ''}: ${g.clusters.join(', ') || 'none'}`).join('; ');
}
