import type { MemberCluster } from '../members';
import type { ExcludedCluster } from '../result';
import { spreadValue } from './filters';
import type { SpreadConstraint } from './policy';

export interface Candidate {
  cluster: MemberCluster;
  /** AvailableReplicas: estimated room for the workload (plus replicas already there, none in a preview). */
  available: number;
  capacityBasis: string;
}

export type Selection = { selected: Candidate[]; dropped: ExcludedCluster[] } | { error: string; dropped: ExcludedCluster[] };

/** Karmada's cluster order: score desc (all 0 in a preview: nothing is scheduled yet), AvailableReplicas desc, name asc. */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => b.available - a.available || (a.cluster.name < b.cluster.name ? -1 : a.cluster.name > b.cluster.name ? 1 : 0));
}

function limit(maxGroups: number | undefined, total: number): number {
  return maxGroups !== undefined && maxGroups > 0 ? Math.min(maxGroups, total) : total;
}

function describe(c: SpreadConstraint): string {
  return c.byLabel ? `label ${c.byLabel}` : (c.byField ?? 'cluster');
}

/**
 * Picks clusters under the spread constraints from ranked candidates. With a group constraint (region, zone,
 * provider or a label), the best groups (by total AvailableReplicas, then name) are chosen up to its maxGroups,
 * the top cluster of each chosen group is taken first, then the rest in rank order up to the cluster maxGroups.
 */
export function selectBySpread(ranked: Candidate[], constraints: SpreadConstraint[]): Selection {
  const dropped: ExcludedCluster[] = [];
  if (constraints.length === 0) return { selected: ranked, dropped };
  const clusterConstraint = constraints.find((c) => c.byField === 'cluster' && !c.byLabel);
  const groupConstraint = constraints.find((c) => c !== clusterConstraint);
  let pool = ranked;
  let firstPicks: Candidate[] = [];

  if (groupConstraint) {
    const groups = new Map<string, Candidate[]>();
    for (const candidate of ranked) {
      const key = spreadValue(groupConstraint, candidate.cluster) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), candidate]);
    }
    const total = (members: Candidate[]) => members.reduce((sum, c) => sum + c.available, 0);
    const orderedGroups = [...groups.entries()].sort(([ka, a], [kb, b]) => total(b) - total(a) || (ka < kb ? -1 : ka > kb ? 1 : 0));
    if (orderedGroups.length < groupConstraint.minGroups) {
      return { error: `spread constraint ${describe(groupConstraint)} needs at least ${groupConstraint.minGroups} groups, but the fitting clusters span ${orderedGroups.length} (${orderedGroups.map(([k]) => k).join(', ') || 'none'})`, dropped };
    }
    const chosen = orderedGroups.slice(0, limit(groupConstraint.maxGroups, orderedGroups.length));
    for (const [key, members] of orderedGroups.slice(chosen.length)) {
      for (const c of members) dropped.push({ name: c.cluster.name, reason: `${describe(groupConstraint)} ${key} not chosen: spread constraint maxGroups is ${groupConstraint.maxGroups}` });
    }
    firstPicks = chosen.map(([, members]) => members[0]);
    const chosenSet = new Set(chosen.flatMap(([, members]) => members));
    pool = ranked.filter((c) => chosenSet.has(c));
  }

  const clusterMin = clusterConstraint?.minGroups ?? 1;
  if (pool.length < clusterMin) {
    return { error: `spread constraint cluster needs at least ${clusterMin} clusters, but only ${pool.length} fit`, dropped };
  }
  const wanted = limit(clusterConstraint?.maxGroups, pool.length);
  const picked = new Set(firstPicks.slice(0, wanted));
  for (const c of pool) {
    if (picked.size >= wanted) break;
    picked.add(c);
  }
  for (const c of pool) {
    if (!picked.has(c)) dropped.push({ name: c.cluster.name, reason: `ranked below the ${wanted} clusters spread constraint cluster maxGroups allows` });
  }
  return { selected: pool.filter((c) => picked.has(c)), dropped };
}
