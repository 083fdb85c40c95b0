/**
 * OCM's prioritizers (pkg/placement/controllers/scheduling/schedule.go and pkg/placement/plugins/): each
 * feasible cluster's score is the weighted sum of the prioritizers in play, and clusters are taken by score
 * desc, then name asc. Weights: Balance and Steady 1 by default; mode Additive (the default) lets
 * spec.prioritizerPolicy.configurations override or add weights, Exact uses only them.
 */
import type { MemberCluster } from '../members';
import { asArray, asNumber, asObj, asString, field, identityOf } from '../objects';

const MAX_SCORE = 100;
const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';

interface Placement { name: string; namespace: string }

/** Every PlacementDecision's clusters, keyed by placement (namespace/name). */
function decisionsByPlacement(documents: unknown[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const doc of documents) {
    const id = identityOf(doc);
    if (id.kind !== 'PlacementDecision') continue;
    const key = `${id.namespace ?? 'default'}/${id.labels[PLACEMENT_LABEL] ?? ''}`;
    const names = asArray(field(doc, 'status', 'decisions')).flatMap((d) => asString(field(d, 'clusterName')) ?? []);
    out.set(key, [...(out.get(key) ?? []), ...names]);
  }
  return out;
}

/** Balance: 100 for a cluster no other Placement chose, else 2 * int(100 * (0.5 - count / max count)). */
function balance(placement: Placement, clusters: MemberCluster[], documents: unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  let max = 0;
  for (const [key, names] of decisionsByPlacement(documents)) {
    if (key === `${placement.namespace}/${placement.name}`) continue;
    for (const n of names) {
      counts.set(n, (counts.get(n) ?? 0) + 1);
      max = Math.max(max, counts.get(n)!);
    }
  }
  return new Map(clusters.map((c) => {
    const count = counts.get(c.name);
    return [c.name, count === undefined ? MAX_SCORE : 2 * Math.trunc(MAX_SCORE * (0.5 - count / max))];
  }));
}

/** Steady: 100 for the clusters this Placement's current decisions hold, else 0. */
function steady(placement: Placement, clusters: MemberCluster[], documents: unknown[]): Map<string, number> {
  const current = new Set(decisionsByPlacement(documents).get(`${placement.namespace}/${placement.name}`) ?? []);
  return new Map(clusters.map((c) => [c.name, current.has(c.name) ? MAX_SCORE : 0]));
}

/** ResourceAllocatableCPU/Memory: allocatable scaled to [-100, 100] between the clusters' min and max. */
function allocatable(resource: 'cpu' | 'memory', clusters: MemberCluster[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const c of clusters) {
    const value = c.allocatable?.[resource];
    if (value !== undefined && c.capacity?.[resource] !== undefined) values.set(c.name, value);
  }
  const all = [...values.values()];
  const min = Math.min(...all);
  const max = Math.max(...all);
  return new Map([...values].map(([name, v]) => [name, max === min ? MAX_SCORE : Math.trunc(((v - min) / (max - min) - 0.5) * 2 * MAX_SCORE)]));
}

/** AddOn: the score named scoreName of the AddOnPlacementScore resourceName in the cluster's namespace (0 if none or expired). */
function addOn(resourceName: string, scoreName: string, clusters: MemberCluster[], documents: unknown[], now: Date): Map<string, number> {
  const scores = new Map<string, number>();
  for (const doc of documents) {
    const id = identityOf(doc);
    if (id.kind !== 'AddOnPlacementScore' || id.name !== resourceName || !id.namespace) continue;
    const validUntil = asString(field(doc, 'status', 'validUntil'));
    if (validUntil && now > new Date(validUntil)) continue;
    for (const s of asArray(field(doc, 'status', 'scores'))) {
      if (asString(field(s, 'name')) === scoreName) scores.set(id.namespace, asNumber(field(s, 'value')) ?? 0);
    }
  }
  return new Map(clusters.map((c) => [c.name, scores.get(c.name) ?? 0]));
}

interface Coordinate { key: string; score: () => Map<string, number> }

/** The weight of each prioritizer in play, keyed by a readable name. */
export function prioritizerWeights(spec: Record<string, unknown>): Map<string, { weight: number; coordinate: Record<string, unknown> }> {
  const policy = asObj(spec.prioritizerPolicy) ?? {};
  const weights = new Map<string, { weight: number; coordinate: Record<string, unknown> }>();
  if (asString(policy.mode) !== 'Exact') {
    for (const name of ['Balance', 'Steady']) weights.set(name, { weight: 1, coordinate: { type: 'BuiltIn', builtIn: name } });
  }
  for (const config of asArray(policy.configurations)) {
    const coordinate = asObj(field(config, 'scoreCoordinate'));
    if (!coordinate) continue;
    const type = asString(coordinate.type) ?? 'BuiltIn';
    const key = type === 'AddOn'
      ? `AddOn/${asString(field(coordinate, 'addOn', 'resourceName'))}/${asString(field(coordinate, 'addOn', 'scoreName'))}`
      : asString(coordinate.builtIn) ?? '';
    weights.set(key, { weight: asNumber(field(config, 'weight')) ?? 1, coordinate });
  }
  return weights;
}

/** Orders the feasible clusters as OCM does (score desc, name asc) and gives each its score. */
export function prioritize(placementObject: unknown, clusters: MemberCluster[], documents: unknown[], now = new Date()): { ordered: MemberCluster[]; scores: Map<string, number>; weights: string[] } {
  const id = identityOf(placementObject);
  const placement = { name: id.name, namespace: id.namespace ?? 'default' };
  const spec = asObj(field(placementObject, 'spec')) ?? {};
  const sums = new Map(clusters.map((c) => [c.name, 0]));
  const used: string[] = [];
  for (const [key, { weight, coordinate }] of prioritizerWeights(spec)) {
    const prioritizer: Coordinate | undefined = key === 'Balance' ? { key, score: () => balance(placement, clusters, documents) }
      : key === 'Steady' ? { key, score: () => steady(placement, clusters, documents) }
      : key === 'ResourceAllocatableCPU' ? { key, score: () => allocatable('cpu', clusters) }
      : key === 'ResourceAllocatableMemory' ? { key, score: () => allocatable('memory', clusters) }
      : key.startsWith('AddOn/') ? { key, score: () => addOn(asString(field(coordinate, 'addOn', 'resourceName')) ?? '', asString(field(coordinate, 'addOn', 'scoreName')) ?? '', clusters, documents, now) }
      : undefined;
    if (!prioritizer || weight === 0) continue;
    used.push(`${key} x${weight}`);
    for (const [name, score] of prioritizer.score()) if (sums.has(name)) sums.set(name, sums.get(name)! + score * weight);
  }
  const ordered = [...clusters].sort((a, b) => sums.get(b.name)! - sums.get(a.name)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ordered, scores: sums, weights: used };
}
