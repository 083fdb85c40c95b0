import type { MemberCluster } from '../members';
import type { ExcludedCluster } from '../result';
import type { SpreadConstraint } from './policy';
import { selectGroups } from './selectGroups';

export interface Candidate {
  cluster: MemberCluster;
  /** AvailableReplicas: estimated room for the workload (plus replicas already there, none in a preview). */
  available: number;
  capacityBasis: string;
  /** Replicas the previous schedule gave this cluster (included in `available`, as Karmada counts them). */
  assigned?: number;
  /** Its overflow tier (overflow.ts); 0 or undefined for the term's own clusters. */
  overflowTier?: number;
}

export type Selection = { selected: Candidate[]; dropped: ExcludedCluster[]; notes: string[] } | { error: string; dropped: ExcludedCluster[] };

export interface SelectionInput {
  constraints: SpreadConstraint[];
  replicas: number;
  /** Duplicated: capacity plays no part in choosing clusters. */
  duplicated: boolean;
}

const WEIGHT_UNIT = 1000;
const byName = (a: Candidate, b: Candidate) => (a.cluster.name < b.cluster.name ? -1 : a.cluster.name > b.cluster.name ? 1 : 0);

/** ClusterLocality: 100 for a cluster the previous schedule used, else 0. */
const score = (c: Candidate) => (c.assigned !== undefined ? 100 : 0);

/** Karmada's cluster order: overflow tier asc, score desc (all 0 without a previous schedule), AvailableReplicas desc, name asc. */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => (a.overflowTier ?? 0) - (b.overflowTier ?? 0) || score(b) - score(a) || b.available - a.available || byName(a, b));
}

/**
 * A constraint's maxGroups, at most `total`. Unset is 0, as in Go's zero value: karmada-scheduler reads it
 * unmodified (select_clusters_by_region.go, select_clusters_by_cluster.go: min(total, MaxGroups)), so a
 * region constraint without maxGroups selects nothing.
 */
function maxOf(constraint: SpreadConstraint | undefined, total: number): number {
  return Math.min(constraint?.maxGroups ?? 0, total);
}

/**
 * A region's score (group_clusters.go calcGroupScore, calcGroupScoreForDuplicate), in units of 1000 plus
 * the mean ClusterLocality score of the clusters counted, so a region the previous schedule used wins ties.
 * Duplicated: how many of its clusters can take all the replicas. Divided: how much of its share
 * (ceil(replicas / region minGroups)) its first clusters cover, counting at least max(cluster, region) minGroups.
 */
function regionScore(members: Candidate[], input: SelectionInput, regionMinGroups: number, clusterMinGroups: number): number {
  if (input.duplicated) {
    const valid = members.filter((c) => c.available >= input.replicas);
    if (valid.length === 0) return 0;
    return valid.length * WEIGHT_UNIT + Math.trunc(valid.reduce((sum, c) => sum + score(c), 0) / valid.length);
  }
  const target = Math.ceil(input.replicas / Math.max(1, regionMinGroups));
  const need = Math.max(clusterMinGroups, regionMinGroups);
  let available = 0;
  let scores = 0;
  let counted = 0;
  for (const c of members) {
    available += c.available;
    scores += score(c);
    counted++;
    if (counted >= need && available >= target) break;
  }
  if (available < target) return available * WEIGHT_UNIT + Math.trunc(scores / members.length);
  return target * WEIGHT_UNIT + Math.trunc(scores / counted);
}

function selectByRegion(ranked: Candidate[], region: SpreadConstraint, cluster: SpreadConstraint | undefined, input: SelectionInput): Selection {
  const dropped: ExcludedCluster[] = [];
  const regions = new Map<string, Candidate[]>();
  for (const c of ranked) regions.set(c.cluster.region!, [...(regions.get(c.cluster.region!) ?? []), c]);
  if (regions.size < region.minGroups) {
    return { error: `spread constraint region needs at least ${region.minGroups} regions, but the fitting clusters span ${regions.size} (${[...regions.keys()].join(', ') || 'none'})`, dropped };
  }
  const groups = [...regions.entries()].map(([name, members]) => ({ name, value: members.length, weight: regionScore(members, input, region.minGroups, cluster?.minGroups ?? 0) }));
  const chosen = selectGroups(groups, region.minGroups, maxOf(region, groups.length), cluster?.minGroups ?? 1);
  if (!chosen) return { error: `no combination of ${region.minGroups}${region.maxGroups !== undefined ? `-${region.maxGroups}` : '+'} regions has the ${cluster?.minGroups ?? 1} clusters spread constraint cluster needs`, dropped };
  const chosenNames = new Set(chosen.map((g) => g.name));
  for (const [name, members] of regions) {
    if (chosenNames.has(name)) continue;
    for (const c of members) dropped.push({ name: c.cluster.name, reason: `region ${name} not chosen by the region spread constraint` });
  }
  const picked = chosen.map((g) => regions.get(g.name)![0]);
  const rest = rankCandidates(chosen.flatMap((g) => regions.get(g.name)!.slice(1)));
  const wanted = maxOf(cluster, picked.length + rest.length);
  const selected = [...picked, ...rest.slice(0, Math.max(0, wanted - picked.length))];
  for (const c of rest.slice(Math.max(0, wanted - picked.length))) dropped.push({ name: c.cluster.name, reason: `beyond the ${wanted} clusters spread constraint cluster maxGroups allows` });
  return { selected, dropped, notes: [`regions chosen: ${chosen.map((g) => g.name).join(', ')}`] };
}

function selectByCluster(ranked: Candidate[], cluster: SpreadConstraint, input: SelectionInput): Selection {
  const dropped: ExcludedCluster[] = [];
  if (ranked.length < cluster.minGroups) {
    return { error: `spread constraint cluster needs at least ${cluster.minGroups} clusters, but only ${ranked.length} fit`, dropped };
  }
  const wanted = maxOf(cluster, ranked.length);
  const notes: string[] = [];
  let selected: Candidate[];
  if (input.duplicated) {
    selected = ranked.slice(0, wanted);
  } else {
    // select_clusters_by_cluster.go (selectClustersByAvailableResource): the top `wanted` clusters, then,
    // from the last one up, swap a pick for the unpicked cluster with the most room while they fall short.
    const picked = ranked.slice(0, wanted);
    const rest = ranked.slice(wanted);
    const enough = () => picked.reduce((sum, c) => sum + c.available, 0) >= input.replicas;
    for (let i = picked.length - 1; i >= 0 && !enough(); i--) {
      let best = -1;
      for (let j = 0, most = picked[i].available; j < rest.length; j++) if (rest[j].available > most) [best, most] = [j, rest[j].available];
      if (best >= 0) [picked[i], rest[best]] = [rest[best], picked[i]];
    }
    if (!enough()) return { error: `not enough capacity: the ${wanted} clusters with the most room (spread constraint cluster maxGroups) can take ${picked.reduce((sum, c) => sum + c.available, 0)} of ${input.replicas} replicas`, dropped };
    selected = picked;
  }
  const selectedSet = new Set(selected);
  for (const c of ranked) if (!selectedSet.has(c)) dropped.push({ name: c.cluster.name, reason: `not among the clusters spread constraint cluster (maxGroups ${wanted}) chose` });
  return { selected, dropped, notes };
}

/**
 * Picks clusters under the spread constraints, as karmada-scheduler's SelectBestClusters: by region (when a
 * region constraint exists) or by cluster; other fields only filter out clusters lacking them.
 */
export function selectBySpread(ranked: Candidate[], input: SelectionInput): Selection {
  const { constraints } = input;
  if (constraints.length === 0) return { selected: ranked, dropped: [], notes: [] };
  const region = constraints.find((c) => c.byField === 'region');
  const cluster = constraints.find((c) => c.byField === 'cluster');
  const chosen = region ? selectByRegion(ranked, region, cluster, input) : cluster ? selectByCluster(ranked, cluster, input) : undefined;
  const byLabel = constraints.find((c) => c.byLabel);
  if (chosen && !('error' in chosen) && byLabel) {
    chosen.notes.push(`spreadByLabel ${byLabel.byLabel} changes nothing: karmada-scheduler groups clusters by region and cluster only`);
  }
  if (chosen) return chosen;
  return { error: 'only cluster and region spread constraints choose clusters; add a spreadByField: cluster constraint', dropped: [] };
}
