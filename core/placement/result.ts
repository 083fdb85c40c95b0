/** What every placement engine returns: where replicas land, and why each cluster was included or excluded. */
export interface PlacedCluster {
  name: string;
  /** Replicas on this cluster; undefined for engines that only select clusters (OCM Placement). */
  replicas?: number;
  reason: string;
  /** OCM: the decision group whose PlacementDecisions list this cluster (set when the Placement has a decisionStrategy). */
  decisionGroup?: { index: number; name: string };
}

export interface ExcludedCluster {
  name: string;
  reason: string;
}

export interface PlacementOutcome {
  engine: 'karmada' | 'kubefed' | 'ocm';
  /** e.g. "Divided, static weights"; "Duplicated"; "ReplicaSchedulingPreference". */
  strategy: string;
  clusters: PlacedCluster[];
  excluded: ExcludedCluster[];
  /** Set when no placement is possible; `clusters` is then empty. */
  error?: string;
  /** Extra facts for the explanation (which affinity term won, skipped checks...). */
  notes: string[];
}

export function failed(engine: PlacementOutcome['engine'], strategy: string, error: string, excluded: ExcludedCluster[], notes: string[] = []): PlacementOutcome {
  return { engine, strategy, clusters: [], excluded, error, notes };
}
