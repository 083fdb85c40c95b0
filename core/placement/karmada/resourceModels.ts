/**
 * Karmada's general estimator with cluster resource models (the CustomizedClusterResourceModeling
 * feature, on by default): a cluster that reports status.resourceSummary.allocatableModelings is counted
 * as that many virtual nodes per grade, each with the grade's minimum of every resource from
 * spec.resourceModels and room for 110 pods, and replicas are placed on them one node after another
 * (pkg/estimator/client/general.go, getMaximumReplicasBasedOnResourceModels).
 */
import { asArray, asNumber, asObj, asString, field } from '../objects';
import { parseMilli, type ResourceList } from '../quantity';

const PODS_PER_MODEL_NODE = 110;

export interface ResourceModels {
  /** grade -> the minimum of each resource range, in milli-units. */
  minimums: Map<number, ResourceList>;
  /** grade -> how many of the cluster's nodes are in it (status.resourceSummary.allocatableModelings). */
  counts: Map<number, number>;
}

/** The models of a Karmada Cluster object; undefined unless its status reports allocatableModelings. */
export function parseResourceModels(cluster: unknown): ResourceModels | undefined {
  const modelings = asArray(field(cluster, 'status', 'resourceSummary', 'allocatableModelings'));
  if (modelings.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const m of modelings) {
    const grade = asNumber(field(m, 'grade'));
    if (grade !== undefined) counts.set(grade, (counts.get(grade) ?? 0) + (asNumber(field(m, 'count')) ?? 0));
  }
  const minimums = new Map<number, ResourceList>();
  for (const model of asArray(field(cluster, 'spec', 'resourceModels'))) {
    const grade = asNumber(field(model, 'grade'));
    if (grade === undefined) continue;
    const minimum: ResourceList = {};
    for (const range of asArray(field(model, 'ranges'))) {
      const name = asString(field(range, 'name'));
      const min = parseMilli(asObj(range)?.min);
      if (name && min !== undefined) minimum[name] = min;
    }
    minimums.set(grade, minimum);
  }
  return { minimums, counts };
}

/** Replicas the virtual nodes take; undefined when the cluster defines no models (Karmada then uses the summary). */
export function replicasFromModels(models: ResourceModels, requests: ResourceList): number | undefined {
  if (models.minimums.size === 0) return undefined;
  let total = 0;
  for (const [grade, minimum] of models.minimums) {
    const nodes = models.counts.get(grade) ?? 0;
    if (nodes === 0) continue;
    let perNode = PODS_PER_MODEL_NODE;
    for (const [name, request] of Object.entries(requests)) {
      if (request <= 0 || name === 'pods') continue;
      perNode = Math.min(perNode, Math.floor((minimum[name] ?? 0) / request));
    }
    total += nodes * perNode;
  }
  return total;
}
