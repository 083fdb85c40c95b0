/**
 * Karmada v1.18's overflow tiers (clusterAffinities[].overflowAffinities, dynamic weights or Aggregated
 * only): a workload may also go to the clusters of the overflow groups, tier by tier. A cluster's tier is
 * 0 when the term's own affinity matches it, else 1 + the index of the first overflow group that does
 * (spreadconstraint/group_clusters.go getClusterOverflowOrder); clusters are ranked by tier first
 * (spreadconstraint/util.go sortClusters); and replicas are assigned per tier, each taking at most its
 * clusters' AvailableReplicas, until none remain (core/common.go assignWorkloadReplicas).
 */
import type { MemberCluster } from '../members';
import type { ExcludedCluster, PlacedCluster } from '../result';
import type { NameOrder } from '../webster';
import type { Workload } from '../workload';
import { assignReplicas, type Assignment } from './assign';
import { affinityMismatch } from './filters';
import type { ClusterAffinity, ReplicaScheduling } from './policy';
import type { PreviousCluster } from './reschedule';
import type { Candidate } from './select';

/** Overflow applies to workloads (replicas to place) of a term that declares overflow groups. */
export function overflowEnabled(affinity: ClusterAffinity, workload: Workload): boolean {
  return affinity.overflow !== undefined && workload.replicas > 0;
}

/** The cluster's tier, or the reason no group of the term matches it. */
export function overflowTier(affinity: ClusterAffinity, cluster: MemberCluster): number | string {
  const primary = affinityMismatch(affinity, cluster);
  if (!primary) return 0;
  const index = (affinity.overflow ?? []).findIndex((group) => !affinityMismatch(group, cluster));
  return index >= 0 ? index + 1 : primary;
}

export function assignByTiers(selected: Candidate[], scheduling: ReplicaScheduling, workload: Workload, nameOrder: NameOrder, previous?: PreviousCluster[]): Assignment {
  const tiers = new Map<number, Candidate[]>();
  for (const c of selected) tiers.set(c.overflowTier ?? 0, [...(tiers.get(c.overflowTier ?? 0) ?? []), c]);
  const placed: PlacedCluster[] = [];
  const dropped: ExcludedCluster[] = [];
  const notes: string[] = [];
  let remaining = workload.replicas;
  for (const tier of [...tiers.keys()].sort((a, b) => a - b)) {
    if (remaining <= 0) {
      for (const c of tiers.get(tier)!) dropped.push({ name: c.cluster.name, reason: `overflow tier ${tier} not needed: earlier tiers take all ${workload.replicas} replicas` });
      continue;
    }
    const members = tiers.get(tier)!;
    const share = Math.min(remaining, members.reduce((sum, c) => sum + c.available, 0));
    remaining -= share;
    if (share === 0) continue;
    const result = assignReplicas(members, scheduling, { ...workload, replicas: share }, nameOrder, previous);
    if ('error' in result) return result;
    placed.push(...result.placed);
    dropped.push(...result.dropped);
    notes.push(`overflow tier ${tier} (${members.map((c) => c.cluster.name).join(', ')}) takes ${share} replicas`);
  }
  if (remaining > 0) return { error: `not enough capacity: the overflow tiers can take ${workload.replicas - remaining} of ${workload.replicas} replicas` };
  return { placed, dropped, notes };
}
