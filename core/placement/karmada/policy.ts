import { parseLabelSelector, parseRequirements, type LabelSelector, type SelectorRequirement } from '../labelSelector';
import { asArray, asNumber, asObj, asString, asStringArray, field } from '../objects';

/** The scheduling half of a (Cluster)PropagationPolicy spec.placement, read defensively with upstream defaults. */
export interface ClusterAffinity {
  affinityName?: string;
  labelSelector?: LabelSelector;
  fieldSelector: SelectorRequirement[];
  clusterNames: string[];
  exclude: string[];
  /** clusterAffinities[].overflowAffinities: further groups, in order (overflow.ts); undefined when not declared. */
  overflow?: ClusterAffinity[];
}

export interface Toleration {
  key?: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: string;
}

export interface SpreadConstraint {
  /** "cluster" | "region" | "zone" | "provider" for spreadByField; undefined for spreadByLabel. */
  byField?: string;
  byLabel?: string;
  minGroups: number;
  maxGroups?: number;
}

export interface StaticWeightRule {
  target: ClusterAffinity;
  weight: number;
}

export type ReplicaScheduling =
  | { type: 'Duplicated' }
  | { type: 'Divided'; preference: 'Aggregated' }
  | { type: 'Divided'; preference: 'Weighted'; staticWeights: StaticWeightRule[] }
  | { type: 'Divided'; preference: 'Weighted'; dynamicWeight: string }
  | { type: 'Divided'; preference: 'Weighted'; equalWeights: true };

export interface KarmadaPlacement {
  /** Ordered affinity terms; a single unnamed term when the policy uses clusterAffinity (or none). */
  affinities: ClusterAffinity[];
  usesAffinityTerms: boolean;
  tolerations: Toleration[];
  spreadConstraints: SpreadConstraint[];
  replicaScheduling: ReplicaScheduling;
  /** Problems the API server's validation (or the scheduler) rejects; scheduling stops on the first. */
  invalid: string[];
}

export function parseClusterAffinity(value: unknown): ClusterAffinity {
  const o = asObj(value) ?? {};
  return {
    affinityName: asString(o.affinityName),
    labelSelector: parseLabelSelector(o.labelSelector),
    fieldSelector: parseRequirements(field(o, 'fieldSelector', 'matchExpressions')),
    clusterNames: asStringArray(o.clusterNames),
    exclude: asStringArray(o.exclude),
    ...(Array.isArray(o.overflowAffinities) ? { overflow: o.overflowAffinities.map(parseClusterAffinity) } : {}),
  };
}

function parseTolerations(value: unknown): Toleration[] {
  return asArray(value).flatMap((raw) => {
    const o = asObj(raw);
    if (!o) return [];
    return [{
      key: asString(o.key) || undefined,
      operator: asString(o.operator) === 'Exists' ? 'Exists' : 'Equal',
      value: asString(o.value),
      effect: asString(o.effect) || undefined,
    } satisfies Toleration];
  });
}

function parseSpreadConstraints(value: unknown): SpreadConstraint[] {
  return asArray(value).flatMap((raw): SpreadConstraint[] => {
    const o = asObj(raw);
    if (!o) return [];
    const byField = asString(o.spreadByField) || undefined;
    const byLabel = asString(o.spreadByLabel) || undefined;
    const minGroups = asNumber(o.minGroups) ?? 1;
    const maxGroups = asNumber(o.maxGroups) || undefined;
    // Neither field nor label: the webhook defaults the constraint to spreadByField=cluster, minGroups=1.
    if (!byField && !byLabel) return [{ byField: 'cluster', minGroups: 1, maxGroups }];
    return [{ byField, byLabel, minGroups, maxGroups }];
  });
}

function parseReplicaScheduling(value: unknown): ReplicaScheduling {
  const o = asObj(value);
  if (!o || asString(o.replicaSchedulingType) !== 'Divided') return { type: 'Duplicated' };
  if (asString(o.replicaDivisionPreference) === 'Aggregated') return { type: 'Divided', preference: 'Aggregated' };
  const weightPreference = asObj(o.weightPreference);
  const dynamicWeight = asString(weightPreference?.dynamicWeight);
  if (dynamicWeight) return { type: 'Divided', preference: 'Weighted', dynamicWeight };
  const staticList = asArray(weightPreference?.staticWeightList);
  if (staticList.length) {
    return {
      type: 'Divided',
      preference: 'Weighted',
      staticWeights: staticList.map((rule) => ({
        target: parseClusterAffinity(field(rule, 'targetCluster')),
        weight: asNumber(field(rule, 'weight')) ?? 0,
      })),
    };
  }
  return { type: 'Divided', preference: 'Weighted', equalWeights: true };
}

function validate(placement: Omit<KarmadaPlacement, 'invalid'>, raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (raw.clusterAffinity !== undefined && raw.clusterAffinities !== undefined) {
    problems.push('clusterAffinity and clusterAffinities are mutually exclusive');
  }
  const scheduling = placement.replicaScheduling;
  const overflowAllowed = scheduling.type === 'Divided' && (scheduling.preference === 'Aggregated' || 'dynamicWeight' in scheduling);
  if (placement.usesAffinityTerms && placement.affinities.some((a) => a.overflow) && !overflowAllowed) {
    problems.push('overflowAffinities can only be used together with dynamic weight or aggregated scheduling');
  }
  const spread = placement.spreadConstraints;
  if (spread.some((c) => c.byField && c.byLabel)) problems.push('a spread constraint sets both spreadByField and spreadByLabel');
  if (spread.some((c) => c.byField && c.byField !== 'cluster') && !spread.some((c) => c.byField === 'cluster')) {
    problems.push('a spreadByField constraint requires a spreadByField: cluster constraint as well');
  }
  const region = spread.find((c) => c.byField === 'region');
  const cluster = spread.find((c) => c.byField === 'cluster');
  if (region && cluster?.maxGroups !== undefined && cluster.maxGroups < region.minGroups) {
    problems.push(`spread constraint cluster maxGroups (${cluster.maxGroups}) is less than region minGroups (${region.minGroups}): one cluster per region is needed`);
  }
  for (const c of spread) {
    if (c.maxGroups !== undefined && c.maxGroups < c.minGroups) {
      problems.push(`spread constraint ${c.byField ?? c.byLabel}: maxGroups (${c.maxGroups}) is less than minGroups (${c.minGroups})`);
    }
  }
  return problems;
}

export function parseKarmadaPlacement(policy: unknown): KarmadaPlacement {
  const raw = asObj(field(policy, 'spec', 'placement')) ?? {};
  const terms = asArray(raw.clusterAffinities);
  const usesAffinityTerms = terms.length > 0;
  const parsed = {
    affinities: usesAffinityTerms ? terms.map(parseClusterAffinity) : [parseClusterAffinity(raw.clusterAffinity)],
    usesAffinityTerms,
    tolerations: parseTolerations(raw.clusterTolerations),
    spreadConstraints: parseSpreadConstraints(raw.spreadConstraints),
    replicaScheduling: parseReplicaScheduling(raw.replicaScheduling),
  };
  return { ...parsed, invalid: validate(parsed, raw) };
}

export function describeStrategy(scheduling: ReplicaScheduling): string {
  if (scheduling.type === 'Duplicated') return 'Duplicated';
  if (scheduling.preference === 'Aggregated') return 'Divided, aggregated';
  if ('staticWeights' in scheduling) return 'Divided, static weights';
  if ('dynamicWeight' in scheduling) return `Divided, dynamic weights (${scheduling.dynamicWeight})`;
  return 'Divided, equal weights';
}
