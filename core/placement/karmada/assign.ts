import type { ExcludedCluster, PlacedCluster } from '../result';
import { allocateWebster, type NameOrder } from '../webster';
import type { Workload } from '../workload';
import { affinityMismatch } from './filters';
import type { ReplicaScheduling } from './policy';
import { divideFromPrevious, type PreviousCluster } from './reschedule';
import type { Candidate } from './select';

export type Assignment = { placed: PlacedCluster[]; dropped: ExcludedCluster[]; notes: string[] } | { error: string };

function byWebster(total: number, weights: Map<string, number>, nameOrder: NameOrder, describeWeight: (name: string) => string): { placed: PlacedCluster[]; dropped: ExcludedCluster[] } {
  const parties = [...weights.entries()].map(([name, votes]) => ({ name, votes, seats: 0 }));
  const placed: PlacedCluster[] = [];
  const dropped: ExcludedCluster[] = [];
  for (const party of allocateWebster(total, parties, nameOrder)) {
    if (party.seats > 0) placed.push({ name: party.name, replicas: party.seats, reason: `${describeWeight(party.name)} -> ${party.seats} of ${total} replicas (Webster)` });
    else dropped.push({ name: party.name, reason: `${describeWeight(party.name)} -> 0 of ${total} replicas (Webster)` });
  }
  return { placed, dropped };
}

function staticWeights(selected: Candidate[], scheduling: Extract<ReplicaScheduling, { staticWeights: unknown }>): { weights: Map<string, number>; dropped: ExcludedCluster[]; notes: string[] } {
  const weights = new Map<string, number>();
  const dropped: ExcludedCluster[] = [];
  for (const { cluster } of selected) {
    const weight = Math.max(0, ...scheduling.staticWeights.filter((rule) => !affinityMismatch(rule.target, cluster)).map((rule) => rule.weight));
    if (weight > 0) weights.set(cluster.name, weight);
    else dropped.push({ name: cluster.name, reason: 'static weight 0: no staticWeightList rule with a positive weight matches it' });
  }
  if (weights.size === 0) {
    for (const { cluster } of selected) weights.set(cluster.name, 1);
    return { weights, dropped: [], notes: ['every static weight is 0, so each selected cluster gets weight 1'] };
  }
  return { weights, dropped, notes: [] };
}

/** Divides (or duplicates) the workload's replicas over the selected clusters; clusters ending with 0 are dropped. */
export function assignReplicas(selected: Candidate[], scheduling: ReplicaScheduling, workload: Workload, nameOrder: NameOrder, previous?: PreviousCluster[]): Assignment {
  const total = workload.replicas;
  if (total === 0 || scheduling.type === 'Duplicated') {
    const why = total === 0 ? `${workload.kind || 'the resource'} has no replicas; propagated as is` : `Duplicated: every selected cluster runs all ${total} replicas`;
    return { placed: selected.map((c) => ({ name: c.cluster.name, replicas: total, reason: why })), dropped: [], notes: [] };
  }
  if ('staticWeights' in scheduling || 'equalWeights' in scheduling) {
    const { weights, dropped, notes } = 'staticWeights' in scheduling
      ? staticWeights(selected, scheduling)
      : { weights: new Map(selected.map((c) => [c.cluster.name, 1])), dropped: [], notes: ['Divided without a weight preference: equal static weights'] };
    const divided = byWebster(total, weights, nameOrder, (name) => `static weight ${weights.get(name)}`);
    return { placed: divided.placed, dropped: [...dropped, ...divided.dropped], notes };
  }
  if (previous?.length) {
    const result = divideFromPrevious(selected, previous, total, scheduling.preference === 'Aggregated', nameOrder);
    return 'error' in result ? result : { placed: result.placed, dropped: [], notes: ['divided from the previous schedule (Karmada\'s Steady mode)'] };
  }
  const capacity = selected.reduce((sum, c) => sum + c.available, 0);
  if (capacity < total) {
    return { error: `not enough capacity: the selected clusters can take ${capacity} of ${total} replicas (${selected.map((c) => `${c.cluster.name}: ${c.available}`).join(', ') || 'no clusters'})` };
  }
  let pool = [...selected].sort((a, b) => b.available - a.available || (a.cluster.name < b.cluster.name ? -1 : 1));
  const dropped: ExcludedCluster[] = [];
  if (scheduling.preference === 'Aggregated') {
    let sum = 0;
    const prefix = pool.findIndex((c) => (sum += c.available) >= total);
    for (const c of pool.slice(prefix + 1)) dropped.push({ name: c.cluster.name, reason: `Aggregated: clusters with more room already cover ${total} replicas` });
    pool = pool.slice(0, prefix + 1);
  }
  const weights = new Map(pool.map((c) => [c.cluster.name, c.available]));
  const basis = new Map(pool.map((c) => [c.cluster.name, c.capacityBasis]));
  const divided = byWebster(total, weights, nameOrder, (name) => `room for ${weights.get(name)} (${basis.get(name)})`);
  return { placed: divided.placed, dropped: [...dropped, ...divided.dropped], notes: [] };
}
