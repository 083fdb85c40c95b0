import { fnv32a } from '../fnv';
import type { MemberCluster } from '../members';
import { policySelects } from '../resourceSelectors';
import { failed, type ExcludedCluster, type PlacementOutcome } from '../result';
import type { NameOrder } from '../webster';
import type { Workload } from '../workload';
import { assignReplicas } from './assign';
import { estimateCapacity } from './capacity';
import { affinityMismatch, apiEnablementMismatch, spreadMismatch, taintMismatch } from './filters';
import { describeStrategy, parseKarmadaPlacement, type ClusterAffinity, type KarmadaPlacement } from './policy';
import { assignByTiers, overflowEnabled, overflowTier } from './overflow';
import type { PreviousCluster } from './reschedule';
import { rankCandidates, selectBySpread, type Candidate } from './select';

/**
 * Karmada breaks Webster ties between equal clusters by name, ascending or descending by the parity of the
 * FNV-32a hash of the resource UID. A resource not yet applied has no UID: ascending, the helper's default.
 */
export function websterNameOrder(uid: string | undefined): NameOrder {
  if (!uid) return 'ascending';
  return fnv32a(uid) % 2 === 0 ? 'ascending' : 'descending';
}

type TermResult = { outcome: PlacementOutcome } | { error: string; excluded: ExcludedCluster[] };

function filterClusters(placement: KarmadaPlacement, affinity: ClusterAffinity, workload: Workload, clusters: MemberCluster[]) {
  const excluded: ExcludedCluster[] = [];
  const fitting: MemberCluster[] = [];
  for (const cluster of clusters) {
    const why = cluster.deleting
      ? 'being deleted'
      : (overflowEnabled(affinity, workload) ? tierMismatch(affinity, cluster) : affinityMismatch(affinity, cluster)) ??
        taintMismatch(placement.tolerations, cluster) ??
        apiEnablementMismatch(workload.apiVersion, workload.kind, cluster) ??
        spreadMismatch(placement.spreadConstraints, cluster);
    if (why) excluded.push({ name: cluster.name, reason: why });
    else fitting.push(cluster);
  }
  return { excluded, fitting };
}

function tierMismatch(affinity: ClusterAffinity, cluster: MemberCluster): string | undefined {
  const tier = overflowTier(affinity, cluster);
  return typeof tier === 'string' ? tier : undefined;
}

function scheduleTerm(placement: KarmadaPlacement, affinity: ClusterAffinity, workload: Workload, clusters: MemberCluster[], previous?: PreviousCluster[]): TermResult {
  const strategy = describeStrategy(placement.replicaScheduling);
  const { excluded, fitting } = filterClusters(placement, affinity, workload, clusters);
  if (fitting.length === 0) return { error: `no cluster fits (${clusters.length} checked)`, excluded };
  const candidates: Candidate[] = fitting.map((cluster) => {
    const capacity = estimateCapacity(cluster, workload);
    const assigned = previous?.find((p) => p.name === cluster.name)?.replicas;
    const tier = overflowEnabled(affinity, workload) ? overflowTier(affinity, cluster) : 0;
    return {
      cluster, available: capacity.replicas + (assigned ?? 0), capacityBasis: capacity.basis,
      ...(assigned !== undefined ? { assigned } : {}), ...(typeof tier === 'number' && tier > 0 ? { overflowTier: tier } : {}),
    };
  });
  const scheduling = placement.replicaScheduling;
  const staticWeighting = scheduling.type === 'Divided' && scheduling.preference === 'Weighted' && !('dynamicWeight' in scheduling);
  // Karmada ignores spread constraints for static weighting: every fitting cluster is selected.
  const selection = selectBySpread(rankCandidates(candidates), {
    constraints: staticWeighting ? [] : placement.spreadConstraints,
    replicas: workload.replicas,
    duplicated: scheduling.type === 'Duplicated' || workload.replicas === 0,
  });
  if ('error' in selection) return { error: selection.error, excluded: [...excluded, ...selection.dropped] };
  // core/common.go AssignReplicas: an empty selection (a cluster constraint's unset maxGroups is 0) fails.
  if (selection.selected.length === 0) return { error: 'no clusters available to schedule: the spread constraints selected none', excluded: [...excluded, ...selection.dropped] };
  const assignment = overflowEnabled(affinity, workload)
    ? assignByTiers(selection.selected, scheduling, workload, websterNameOrder(workload.uid), previous)
    : assignReplicas(selection.selected, scheduling, workload, websterNameOrder(workload.uid), previous);
  if ('error' in assignment) return { error: assignment.error, excluded: [...excluded, ...selection.dropped] };
  const notes = [...selection.notes, ...assignment.notes];
  if (!staticWeighting && scheduling.type === 'Divided' && workload.replicas > 0) {
    const inputs = candidates.map((c) => `${c.cluster.name}: room for ${c.available - (c.assigned ?? 0)}`).join(', ');
    notes.push(`an estimate: dynamic division follows the clusters' free capacity when they were read (${inputs}); karmada-scheduler reads it again when it schedules`);
  }
  if (staticWeighting && placement.spreadConstraints.length) notes.push('spread constraints are ignored with static weights, as Karmada does');
  return {
    outcome: {
      engine: 'karmada',
      strategy,
      clusters: assignment.placed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      excluded: [...excluded, ...selection.dropped, ...assignment.dropped],
      notes,
    },
  };
}

/** The cluster list and replica split karmada-scheduler would produce for `resource` under `policy`. */
export function scheduleKarmada(policy: unknown, workload: Workload, clusters: MemberCluster[], resource?: unknown, previous?: PreviousCluster[]): PlacementOutcome {
  const placement = parseKarmadaPlacement(policy);
  const strategy = describeStrategy(placement.replicaScheduling);
  if (placement.invalid.length) return failed('karmada', strategy, `invalid placement: ${placement.invalid.join('; ')}`, []);
  const notes: string[] = [];
  if (resource !== undefined && !policySelects(policy, resource)) {
    notes.push(`the policy's resourceSelectors do not select ${workload.kind} ${workload.namespace ? `${workload.namespace}/` : ''}${workload.name}`);
  }
  if (clusters.some((c) => c.kind === 'Cluster' && !c.apiEnablements)) {
    notes.push('API enablement not checked for clusters without status.apiEnablements');
  }
  let last: { error: string; excluded: ExcludedCluster[] } = { error: 'no affinity term', excluded: [] };
  for (const [index, affinity] of placement.affinities.entries()) {
    const result = scheduleTerm(placement, affinity, workload, clusters, previous);
    const label = placement.usesAffinityTerms ? `clusterAffinities[${index}]${affinity.affinityName ? ` (${affinity.affinityName})` : ''}` : '';
    if ('outcome' in result) {
      if (label) notes.push(`${label} scheduled the workload`);
      return { ...result.outcome, notes: [...notes, ...result.outcome.notes] };
    }
    if (label) notes.push(`${label} failed: ${result.error}`);
    last = result;
  }
  return failed('karmada', strategy, last.error, last.excluded, notes);
}
