import { parseLabelSelector, selectorMismatch } from '../labelSelector';
import type { MemberCluster } from '../members';
import { asArray, asNumber, asObj, asString, field, identityOf } from '../objects';
import { failed, type ExcludedCluster, type PlacedCluster, type PlacementOutcome } from '../result';
import { planReplicas, type ClusterPreference } from './planner';

export interface RspOptions {
  /** Estimated capacity per cluster (KubeFed reads it from unschedulable pods; a preview takes it as input). */
  capacity?: Record<string, number>;
  /** Replicas currently running per cluster, used when rebalance is false. */
  currentReplicas?: Record<string, number>;
}

function parsePreferences(value: unknown): Record<string, ClusterPreference> {
  const out: Record<string, ClusterPreference> = {};
  for (const [name, raw] of Object.entries(asObj(value) ?? {})) {
    out[name] = {
      minReplicas: asNumber(field(raw, 'minReplicas')) ?? 0,
      maxReplicas: asNumber(field(raw, 'maxReplicas')),
      weight: asNumber(field(raw, 'weight')) ?? 0,
    };
  }
  return out;
}

/** Why the federated resource's spec.placement leaves the cluster out, or undefined when it selects it. */
function placementMismatch(federated: unknown, cluster: MemberCluster): string | undefined {
  const placement = asObj(field(federated, 'spec', 'placement'));
  if (!placement) return 'the federated resource has no spec.placement';
  const names = asArray(placement.clusters).map((c) => asString(field(c, 'name'))).filter((n): n is string => !!n);
  if (placement.clusters !== undefined) return names.includes(cluster.name) ? undefined : 'not in spec.placement.clusters';
  const selector = parseLabelSelector(placement.clusterSelector);
  if (!selector) return 'the federated resource selects no clusters';
  const why = selectorMismatch(selector, cluster.labels);
  return why ? `spec.placement.clusterSelector: ${why}` : undefined;
}

/** The replica split KubeFed's scheduler computes for a ReplicaSchedulingPreference and its federated workload. */
export function scheduleRsp(rsp: unknown, federated: unknown, clusters: MemberCluster[], options: RspOptions = {}): PlacementOutcome {
  const spec = asObj(field(rsp, 'spec')) ?? {};
  const strategy = 'ReplicaSchedulingPreference';
  const totalReplicas = asNumber(spec.totalReplicas);
  if (totalReplicas === undefined) return failed('kubefed', strategy, 'spec.totalReplicas is missing', []);
  const rebalance = spec.rebalance === true;
  const intersect = spec.intersectWithClusterSelector === true;
  const excluded: ExcludedCluster[] = [];
  const available: string[] = [];
  for (const cluster of clusters) {
    const why = cluster.ready === false ? 'not Ready' : intersect ? placementMismatch(federated, cluster) : undefined;
    if (why) excluded.push({ name: cluster.name, reason: why });
    else available.push(cluster.name);
  }
  const preferences = parsePreferences(spec.clusters);
  const id = identityOf(federated ?? rsp);
  const key = `${id.namespace ?? 'default'}/${id.name}`;
  const { plan, overflow, unpreferred } = planReplicas({
    totalReplicas, rebalance, preferences, availableClusters: available, key,
    capacity: options.capacity, currentReplicas: options.currentReplicas,
  });
  for (const name of unpreferred) excluded.push({ name, reason: 'no entry in spec.clusters and no "*" entry' });
  const placed: PlacedCluster[] = [];
  for (const name of available.filter((n) => !unpreferred.includes(n))) {
    const replicas = (plan[name] ?? 0) + (overflow[name] ?? 0);
    const pref = preferences[name] ?? preferences['*'];
    const source = preferences[name] ? `clusters.${name}` : 'clusters["*"]';
    const why = `${source}: weight ${pref.weight}${pref.minReplicas ? `, min ${pref.minReplicas}` : ''}${pref.maxReplicas !== undefined ? `, max ${pref.maxReplicas}` : ''}`;
    if (replicas > 0) placed.push({ name, replicas, reason: `${why} -> ${replicas}${overflow[name] ? ` (incl. ${overflow[name]} overflow)` : ''}` });
    else excluded.push({ name, reason: `${why} -> 0 replicas` });
  }
  const placedTotal = placed.reduce((sum, c) => sum + (c.replicas ?? 0), 0);
  const notes = [`rebalance: ${rebalance}`, `intersectWithClusterSelector: ${intersect}`];
  if (totalReplicas > 0 && placed.length === 0) {
    return failed('kubefed', strategy, available.length ? 'no cluster has a positive weight or minReplicas' : 'no cluster is available', excluded, notes);
  }
  if (placedTotal < totalReplicas) notes.push(`${totalReplicas - placedTotal} of ${totalReplicas} replicas could not be placed (maxReplicas or capacity)`);
  return { engine: 'kubefed', strategy, clusters: placed.sort((a, b) => (a.name < b.name ? -1 : 1)), excluded, notes };
}
