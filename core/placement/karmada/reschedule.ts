/**
 * Karmada's dynamic division (dynamic weights and Aggregated) from a previous result, in its Steady mode
 * (pkg/scheduler/core/division_algorithm.go: dynamicScaleUp, dynamicScaleDown; assignment.go:
 * buildScheduledClusters, resortAvailableClusters; util.MergeTargetClusters):
 * - scale up: only the extra replicas are divided, by each selected cluster's free capacity (not counting
 *   what it already runs), and added to the previous assignment; Aggregated tries the clusters it already
 *   uses first;
 * - scale down: the previous counts (of clusters still selected) are the weights, and the desired total is
 *   divided from zero;
 * - same total: the previous assignment stands.
 */
import type { PlacedCluster } from '../result';
import { allocateWebster, type NameOrder } from '../webster';
import type { Candidate } from './select';

export interface PreviousCluster {
  name: string;
  replicas: number;
}

type Result = { placed: PlacedCluster[] } | { error: string };

/** Go's sort.Sort over at most 12 items is an insertion sort: stable. */
const byReplicasDesc = <T extends { weight: number }>(list: T[]) => [...list].sort((a, b) => b.weight - a.weight);

function divide(total: number, pool: { name: string; weight: number }[], aggregated: boolean, nameOrder: NameOrder): Map<string, number> {
  let chosen = pool;
  if (aggregated) {
    let sum = 0;
    const end = pool.findIndex((c) => (sum += c.weight) >= total);
    chosen = end < 0 ? pool : pool.slice(0, end + 1);
  }
  const seats = allocateWebster(total, chosen.map((c) => ({ name: c.name, votes: c.weight, seats: 0 })), nameOrder);
  return new Map(seats.map((p) => [p.name, p.seats]));
}

export function divideFromPrevious(selected: Candidate[], previous: PreviousCluster[], total: number, aggregated: boolean, nameOrder: NameOrder): Result {
  const names = new Set(selected.map((c) => c.cluster.name));
  const scheduled = previous.filter((p) => names.has(p.name));
  const assigned = scheduled.reduce((s, p) => s + p.replicas, 0);
  const placed = (counts: Map<string, number>, why: (name: string) => string) => ({
    placed: [...counts.entries()].filter(([, n]) => n > 0).map(([name, replicas]) => ({ name, replicas, reason: why(name) })),
  });
  if (assigned === total) return placed(new Map(scheduled.map((p) => [p.name, p.replicas])), () => 'unchanged from the previous schedule');
  if (assigned > total) {
    const pool = byReplicasDesc(scheduled.map((p) => ({ name: p.name, weight: p.replicas })));
    const counts = divide(total, pool, aggregated, nameOrder);
    return placed(counts, (name) => `scale down: previous ${scheduled.find((p) => p.name === name)?.replicas} replicas as the weight`);
  }
  const extra = total - assigned;
  let pool = byReplicasDesc(selected.map((c) => ({ name: c.cluster.name, weight: c.available - (c.assigned ?? 0) })));
  const room = pool.reduce((s, c) => s + c.weight, 0);
  if (room < extra) return { error: `not enough capacity: the selected clusters have room for ${room} more of the ${extra} added replicas` };
  if (aggregated) {
    const prior = new Set(scheduled.filter((p) => p.replicas > 0).map((p) => p.name));
    pool = [...pool.filter((c) => prior.has(c.name)), ...pool.filter((c) => !prior.has(c.name))];
  }
  const counts = divide(extra, pool, aggregated, nameOrder);
  for (const p of scheduled) counts.set(p.name, (counts.get(p.name) ?? 0) + p.replicas);
  return placed(counts, (name) => `scale up: ${scheduled.find((p) => p.name === name)?.replicas ?? 0} before, the ${extra} added replicas divided by free capacity`);
}
