import type { MemberCluster } from '../members';
import type { Workload } from '../workload';
import { replicasFromModels } from './resourceModels';

export interface Capacity {
  /** How many more replicas of the workload the cluster can take. */
  replicas: number;
  /** How it was estimated, for the explanation. */
  basis: string;
}

/**
 * Karmada's general estimator: by resource models where the cluster reports them (resourceModels.ts), else
 * over status.resourceSummary: per requested resource,
 * (allocatable - allocated - allocating) / request, capped by the free pod count; the minimum wins.
 * A cluster with no summary (or a best-effort workload on a cluster that reports no pods) has no estimate,
 * which the scheduler counts as spec.replicas.
 */
export function estimateCapacity(cluster: MemberCluster, workload: Workload): Capacity {
  const summary = cluster.resourceSummary;
  const noEstimate = { replicas: workload.replicas, basis: 'no resource summary; counted as spec.replicas' };
  if (!summary) return noEstimate;
  const free = (name: string) => (summary.allocatable[name] ?? 0) - (summary.allocated[name] ?? 0) - (summary.allocating[name] ?? 0);
  const fromModels = cluster.resourceModels && replicasFromModels(cluster.resourceModels, workload.requests);
  if (fromModels !== undefined) {
    const pods = Math.max(0, Math.floor(free('pods') / 1000));
    const nodes = [...cluster.resourceModels!.counts.values()].reduce((a, b) => a + b, 0);
    return { replicas: Math.min(pods, fromModels), basis: `resource models (${nodes} nodes by grade: room for ${fromModels}; ${pods} free pods)` };
  }
  let replicas = Number.POSITIVE_INFINITY;
  const limits: string[] = [];
  if (summary.allocatable.pods !== undefined) {
    const pods = Math.max(0, Math.floor(free('pods') / 1000));
    replicas = pods;
    limits.push(`${pods} free pods`);
  }
  for (const [name, request] of Object.entries(workload.requests)) {
    if (request <= 0 || name === 'pods') continue;
    const available = free(name);
    const fits = available <= 0 ? 0 : Math.floor(available / request);
    if (fits < replicas) replicas = fits;
    limits.push(`${name}: room for ${fits}`);
  }
  if (!Number.isFinite(replicas)) return noEstimate;
  return { replicas, basis: `resourceSummary (${limits.join(', ')})` };
}
