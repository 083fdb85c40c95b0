import { fnv32 } from '../fnv';

/** KubeFed's ReplicaSchedulingPreference planner (pkg/controller/util/planner), reimplemented. */
export interface ClusterPreference {
  minReplicas: number;
  maxReplicas?: number;
  weight: number;
}

export interface PlannerInput {
  totalReplicas: number;
  rebalance: boolean;
  /** clusters[name], falling back to clusters["*"]. */
  preferences: Record<string, ClusterPreference>;
  availableClusters: string[];
  /** namespace/name of the federated object; hashed with each cluster name to order equal weights. */
  key: string;
  currentReplicas?: Record<string, number>;
  capacity?: Record<string, number>;
}

export interface PlannerOutput {
  plan: Record<string, number>;
  overflow: Record<string, number>;
  /** Clusters that got no preference at all (neither their name nor "*"). */
  unpreferred: string[];
}

interface Named extends ClusterPreference {
  name: string;
  hash: number;
}

export function planReplicas(input: PlannerInput): PlannerOutput {
  const plan: Record<string, number> = {};
  const overflow: Record<string, number> = {};
  const unpreferred: string[] = [];
  let preferences: Named[] = [];
  for (const name of input.availableClusters) {
    const pref = input.preferences[name] ?? input.preferences['*'];
    if (pref) preferences.push({ ...pref, name, hash: fnv32(name + input.key) });
    else unpreferred.push(name);
  }
  preferences.sort((a, b) => b.weight - a.weight || a.hash - b.hash);
  const capacityOf = (name: string) => input.capacity?.[name];

  let remaining = input.totalReplicas;
  for (const pref of preferences) {
    let min = Math.min(pref.minReplicas, remaining);
    const capacity = capacityOf(pref.name);
    if (capacity !== undefined && capacity < min) min = capacity;
    remaining -= min;
    plan[pref.name] = min;
  }

  if (!input.rebalance && input.currentReplicas) {
    for (const pref of preferences) {
      const planned = plan[pref.name];
      const current = input.currentReplicas[pref.name];
      if (current === undefined || current <= planned) continue;
      let target = current;
      if (pref.maxReplicas !== undefined) target = Math.min(pref.maxReplicas, target);
      const capacity = capacityOf(pref.name);
      if (capacity !== undefined) target = Math.min(capacity, target);
      const extra = Math.max(0, Math.min(target - planned, remaining));
      remaining -= extra;
      plan[pref.name] = planned + extra;
    }
  }

  let modified = true;
  while (modified && remaining > 0) {
    modified = false;
    const weightSum = preferences.reduce((sum, p) => sum + p.weight, 0);
    if (weightSum <= 0) break;
    const next: Named[] = [];
    const distribute = remaining;
    for (const pref of preferences) {
      const start = plan[pref.name];
      let total = start + Math.ceil((distribute * pref.weight) / weightSum);
      if (pref.maxReplicas !== undefined && total > pref.maxReplicas) total = pref.maxReplicas;
      const capacity = capacityOf(pref.name);
      if (capacity !== undefined && total > capacity) {
        overflow[pref.name] = total - capacity;
        total = capacity;
      }
      if (total - start > remaining) total = start + remaining;
      if (total > start) modified = true;
      remaining -= total - start;
      plan[pref.name] = total;
      if ((pref.maxReplicas === undefined || pref.maxReplicas > total) && (capacity === undefined || capacity > total)) next.push(pref);
    }
    preferences = next;
  }

  if (!input.rebalance) {
    for (const name of Object.keys(overflow)) overflow[name] = Math.min(overflow[name], remaining);
  }
  return { plan, overflow, unpreferred };
}
