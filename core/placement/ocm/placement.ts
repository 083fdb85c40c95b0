import { parseLabelSelector, parseRequirements, requirementMismatch, selectorMismatch, type LabelSelector, type SelectorRequirement } from '../labelSelector';
import type { MemberCluster } from '../members';
import { asArray, asNumber, asObj, asString, asStringArray, field, identityOf } from '../objects';
import { failed, type ExcludedCluster, type PlacementOutcome } from '../result';
import { tolerates } from '../karmada/filters';
import type { Toleration } from '../karmada/policy';
import { decisionGroups, describeDecisionGroups } from './decisionGroups';
import { prioritize } from './prioritizers';

/**
 * OCM Placement (cluster.open-cluster-management.io/v1beta1) decisions: cluster sets, predicates and taints
 * filter; the prioritizers (prioritizers.ts) order the feasible clusters and the first numberOfClusters win.
 * Balance and Steady read the PlacementDecisions, AddOn scores the AddOnPlacementScores among `documents`.
 */
const CLUSTERSET_LABEL = 'cluster.open-cluster-management.io/clusterset';

interface ClusterSet {
  name: string;
  selectorType: string;
  labelSelector?: LabelSelector;
}

interface Predicate {
  labelSelector?: LabelSelector;
  claimSelector: SelectorRequirement[];
}

function parseClusterSets(documents: unknown[]): Map<string, ClusterSet> {
  const out = new Map<string, ClusterSet>();
  for (const doc of documents) {
    const id = identityOf(doc);
    if (id.kind !== 'ManagedClusterSet' || !id.name) continue;
    const selector = asObj(field(doc, 'spec', 'clusterSelector'));
    out.set(id.name, {
      name: id.name,
      selectorType: asString(selector?.selectorType) ?? 'ExclusiveClusterSetLabel',
      labelSelector: parseLabelSelector(selector?.labelSelector),
    });
  }
  return out;
}

/** Names of the ManagedClusterSets bound (ManagedClusterSetBinding) into `namespace`. */
export function boundClusterSets(documents: unknown[], namespace: string): string[] {
  return documents.flatMap((doc) => {
    const id = identityOf(doc);
    const set = asString(field(doc, 'spec', 'clusterSet'));
    return id.kind === 'ManagedClusterSetBinding' && (id.namespace ?? 'default') === namespace && set ? [set] : [];
  });
}

function setContains(set: ClusterSet, cluster: MemberCluster): boolean {
  if (set.selectorType === 'LabelSelector') return selectorMismatch(set.labelSelector ?? { matchLabels: {}, matchExpressions: [] }, cluster.labels) === undefined;
  return cluster.labels[CLUSTERSET_LABEL] === set.name;
}

function parsePredicates(spec: Record<string, unknown>): Predicate[] {
  return asArray(spec.predicates).map((raw) => {
    const required = asObj(field(raw, 'requiredClusterSelector')) ?? {};
    return {
      labelSelector: parseLabelSelector(required.labelSelector),
      claimSelector: parseRequirements(field(required, 'claimSelector', 'matchExpressions')),
    };
  });
}

function predicateMismatch(predicates: Predicate[], cluster: MemberCluster): string | undefined {
  if (predicates.length === 0) return undefined;
  const reasons: string[] = [];
  for (const p of predicates) {
    const why = selectorMismatch(p.labelSelector, cluster.labels) ??
      p.claimSelector.map((req) => requirementMismatch(req, cluster.claims)).find(Boolean)?.replace(/^label /, 'claim ');
    if (!why) return undefined;
    reasons.push(why);
  }
  return `no predicate matches: ${reasons.join('; ')}`;
}

function parseTolerations(spec: Record<string, unknown>): Toleration[] {
  return asArray(spec.tolerations).flatMap((raw) => {
    const o = asObj(raw);
    return o ? [{ key: asString(o.key) || undefined, operator: asString(o.operator) === 'Exists' ? 'Exists' as const : 'Equal' as const, value: asString(o.value), effect: asString(o.effect) || undefined }] : [];
  });
}

function taintMismatch(tolerations: Toleration[], cluster: MemberCluster): string | undefined {
  for (const taint of cluster.taints) {
    // PreferNoSelect only lowers the score; NoSelectIfNew rejects clusters not yet decided (all, in a preview).
    if (taint.effect !== 'NoSelect' && taint.effect !== 'NoSelectIfNew') continue;
    if (!tolerations.some((t) => tolerates(t, taint))) return `untolerated taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
  }
  return undefined;
}

/** `documents` are the other objects in play: ManagedClusterSets and ManagedClusterSetBindings. */
export function scheduleOcmPlacement(placement: unknown, clusters: MemberCluster[], documents: unknown[]): PlacementOutcome {
  const id = identityOf(placement);
  const namespace = id.namespace ?? 'default';
  const spec = asObj(field(placement, 'spec')) ?? {};
  const strategy = 'OCM Placement';
  const bound = boundClusterSets(documents, namespace);
  const requested = asStringArray(spec.clusterSets);
  const sets = parseClusterSets(documents);
  const notes: string[] = [];
  const unbound = requested.filter((s) => !bound.includes(s));
  if (unbound.length) notes.push(`ManagedClusterSet ${unbound.join(', ')} not bound in namespace ${namespace}`);
  const eligibleSets = (requested.length ? requested.filter((s) => bound.includes(s)) : bound)
    .map((name) => sets.get(name) ?? { name, selectorType: name === 'global' ? 'LabelSelector' : 'ExclusiveClusterSetLabel' });
  if (eligibleSets.length === 0) {
    return failed('ocm', strategy, `no ManagedClusterSet is bound to namespace ${namespace}${requested.length ? ` among ${requested.join(', ')}` : ''}`, clusters.map((c) => ({ name: c.name, reason: 'no bound ManagedClusterSet' })), notes);
  }
  const predicates = parsePredicates(spec);
  const tolerations = parseTolerations(spec);
  const excluded: ExcludedCluster[] = [];
  const feasible: MemberCluster[] = [];
  for (const cluster of clusters) {
    const why = !eligibleSets.some((s) => setContains(s, cluster))
      ? `not in a bound cluster set (${eligibleSets.map((s) => s.name).join(', ')})`
      : predicateMismatch(predicates, cluster) ?? taintMismatch(tolerations, cluster);
    if (why) excluded.push({ name: cluster.name, reason: why });
    else feasible.push(cluster);
  }
  const { ordered, scores, weights } = prioritize(placement, feasible, documents);
  if (weights.length) notes.push(`prioritizers: ${weights.join(', ')}`);
  const wanted = asNumber(spec.numberOfClusters);
  // The PlacementDecisions list the chosen clusters by name (scheduling_controller.go divideDecisionGroups).
  const chosen = (wanted === undefined ? ordered : ordered.slice(0, wanted)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const c of ordered.slice(chosen.length)) excluded.push({ name: c.name, reason: `numberOfClusters is ${wanted}; score ${scores.get(c.name)}` });
  if (wanted !== undefined && chosen.length < wanted) notes.push(`numberOfClusters is ${wanted} but only ${chosen.length} clusters are feasible`);
  if (chosen.length === 0) return failed('ocm', strategy, 'no cluster satisfies the predicates', excluded, notes);
  const groups = field(spec, 'decisionStrategy') === undefined ? undefined : decisionGroups(spec, chosen);
  if (groups && 'error' in groups) return failed('ocm', strategy, `decisionStrategy: ${groups.error}`, excluded, notes);
  if (groups) notes.push(`decision groups: ${describeDecisionGroups(groups)}`);
  const groupOf = (name: string) => groups?.find((g) => g.clusters.includes(name));
  return {
    engine: 'ocm',
    strategy,
    clusters: chosen.map((c) => {
      const group = groupOf(c.name);
      return {
        name: c.name,
        reason: `in cluster set ${eligibleSets.find((s) => setContains(s, c))?.name}; predicates and taints pass; score ${scores.get(c.name)}`,
        ...(group ? { decisionGroup: { index: group.index, name: group.name } } : {}),
      };
    }),
    excluded,
    notes,
  };
}
