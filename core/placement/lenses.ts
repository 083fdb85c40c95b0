/**
 * The placement CodeLens computation: for each placement policy in the workspace documents, the outcome of
 * planPlacement (the same function `flotilla plan` calls) for each resource it selects, and a one-line title.
 */
import { parseMemberClusters } from './members';
import { identityOf } from './objects';
import { planPlacement, PLACEMENT_KINDS } from './plan';
import { ResourceIndex } from './resourceIndex';
import { parseResourceSelectors, policyScope, type ResourceSelector } from './resourceSelectors';
import type { PlacementOutcome } from './result';
import { formatSummary } from './summary';

export interface LensDocument {
  uri: string;
  index: number;
  value: unknown;
}

export interface PlacementLens {
  uri: string;
  /** Index of the policy document in its file. */
  index: number;
  title: string;
  /** Arguments for flotilla.explainPlacement. */
  explanation: PlacementExplanation;
}

export interface PlacementExplanation {
  policy: string;
  resource?: string;
  outcome: PlacementOutcome;
}

const MEMBER_KIND_FOR: Record<string, string> = {
  PropagationPolicy: 'Cluster',
  ClusterPropagationPolicy: 'Cluster',
  ReplicaSchedulingPreference: 'KubeFedCluster',
  Placement: 'ManagedCluster',
};

/** Notes how the live PlacementDecisions of an OCM Placement (when among `objects`) compare with the preview. */
export function compareWithDecisions(outcome: PlacementOutcome, placement: unknown, objects: unknown[]): PlacementOutcome {
  const id = identityOf(placement);
  const decided = objects.flatMap((o) => {
    const d = identityOf(o);
    if (d.kind !== 'PlacementDecision' || d.labels['cluster.open-cluster-management.io/placement'] !== id.name || (d.namespace ?? 'default') !== (id.namespace ?? 'default')) return [];
    const decisions = (o as { status?: { decisions?: { clusterName?: unknown }[] } }).status?.decisions ?? [];
    return decisions.map((x) => x.clusterName).filter((n): n is string => typeof n === 'string');
  });
  if (!objects.some((o) => identityOf(o).kind === 'PlacementDecision')) return outcome;
  const live = [...new Set(decided)].sort();
  const preview = outcome.clusters.map((c) => c.name).sort();
  const same = live.length === preview.length && live.every((n, i) => n === preview[i]);
  const note = same ? `the live PlacementDecision agrees (${live.join(', ') || 'none'})` : `the live PlacementDecision differs: ${live.join(', ') || 'no clusters'}`;
  return { ...outcome, notes: [...outcome.notes, note] };
}

function fromCurrentSchedule(outcome: PlacementOutcome, previous: { name: string; replicas: number }[]): PlacementOutcome {
  const current = previous.map((c) => `${c.name} ×${c.replicas}`).join(', ');
  const note = outcome.strategy.startsWith('Divided')
    ? `divided from the current schedule (ResourceBinding: ${current}), as karmada-scheduler does on a scale`
    : `the current schedule (ResourceBinding: ${current}) plays no part in a ${outcome.strategy || 'failed'} placement`;
  return { ...outcome, notes: [...outcome.notes, note] };
}

/** Most lenses a single policy gets (one per selected resource). */
const MAX_LENSES_PER_POLICY = 3;

function describe(value: unknown): string {
  const id = identityOf(value);
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** What lenses look up in the workspace besides the policy (core/federation's WorkspaceFacts provides it incrementally). */
export interface LensWorkspace {
  /** Resources any of the selectors picks within `scope`, never placement policies, each once, in workspace order. */
  matching(selectors: ResourceSelector[], scope: string | undefined): unknown[];
  /** Documents named `name` in `namespace` (a ReplicaSchedulingPreference's targets). */
  named(namespace: string, name: string): unknown[];
  /** What OCM placement reads besides clusters: ManagedClusterSets, bindings, PlacementDecisions, AddOnPlacementScores. */
  ocmObjects(): unknown[];
}

function selectedResources(policy: unknown, workspace: LensWorkspace): unknown[] {
  const id = identityOf(policy);
  if (id.kind === 'Placement') return [undefined];
  if (id.kind === 'ReplicaSchedulingPreference') {
    const target = (policy as { spec?: { targetKind?: unknown } })?.spec?.targetKind;
    return workspace.named(id.namespace ?? 'default', id.name).filter((v) => {
      const r = identityOf(v);
      return typeof target === 'string' ? r.kind === target : r.kind.startsWith('Federated');
    });
  }
  return workspace.matching(parseResourceSelectors(policy), policyScope(policy));
}

/** A LensWorkspace over a list of documents (indexed once). */
function listWorkspace(values: unknown[]): LensWorkspace {
  let index: ResourceIndex | undefined;
  let order: Map<unknown, number> | undefined;
  return {
    matching: (selectors, scope) => {
      index ??= new ResourceIndex(values, PLACEMENT_KINDS);
      const positions = (order ??= new Map(index.all.map((c, i) => [c.value, i])));
      const matched = new Set(selectors.flatMap((s) => index!.matching(s, scope).map((c) => c.value)));
      return [...matched].sort((a, b) => positions.get(a)! - positions.get(b)!);
    },
    named: (namespace, name) => values.filter((v) => {
      const r = identityOf(v);
      return r.name === name && (r.namespace ?? 'default') === namespace;
    }),
    ocmObjects: () => values,
  };
}

/**
 * `clusters`: member cluster objects (live snapshot or flotilla.clusters files) plus, for OCM, cluster sets and
 * bindings. `onlyUri` limits the lenses to one file's policies (resources are still looked up everywhere).
 */
export function computePlacementLenses(documents: LensDocument[], clusters: unknown[], onlyUri?: string, previous?: CurrentScheduleOf): PlacementLens[] {
  const policies = onlyUri === undefined ? documents : documents.filter((d) => d.uri === onlyUri);
  return placementLensesOf(policies, listWorkspace(documents.map((d) => d.value)), clusters, previous);
}

/** A resource's current Karmada schedule (its ResourceBinding's spec.clusters), if it has one. */
export type CurrentScheduleOf = (resource: unknown) => { name: string; replicas: number }[] | undefined;

const KARMADA_POLICY_KINDS = new Set(['PropagationPolicy', 'ClusterPropagationPolicy']);

/** Lenses for `policies` (any documents: those that are not placement policies get none). */
export function placementLensesOf(policies: LensDocument[], workspace: LensWorkspace, clusters: unknown[], previousOf?: CurrentScheduleOf): PlacementLens[] {
  const members = parseMemberClusters(clusters);
  const lenses: PlacementLens[] = [];
  for (const doc of policies) {
    const kind = identityOf(doc.value).kind;
    // No member clusters of the kind this policy schedules onto: nothing to preview.
    if (!PLACEMENT_KINDS.has(kind) || !members.some((m) => m.kind === MEMBER_KIND_FOR[kind])) continue;
    const resources = selectedResources(doc.value, workspace);
    if (resources.length === 0) {
      lenses.push({ uri: doc.uri, index: doc.index, title: 'Placement: no matching resource in the workspace', explanation: { policy: describe(doc.value), outcome: { engine: 'karmada', strategy: '', clusters: [], excluded: [], notes: ['no resource in the workspace is selected by this policy'] } } });
      continue;
    }
    for (const resource of resources.slice(0, MAX_LENSES_PER_POLICY)) {
      const previous = KARMADA_POLICY_KINDS.has(kind) && resource !== undefined ? previousOf?.(resource) : undefined;
      const planned = planPlacement({ policy: doc.value, resource, clusters, documents: kind === 'Placement' ? workspace.ocmObjects() : undefined, previous });
      const outcome = kind === 'Placement' ? compareWithDecisions(planned, doc.value, clusters) : previous ? fromCurrentSchedule(planned, previous) : planned;
      const prefix = resources.length > 1 && resource !== undefined ? `${identityOf(resource).name}: ` : '';
      lenses.push({ uri: doc.uri, index: doc.index, title: prefix + formatSummary(outcome), explanation: { policy: describe(doc.value), resource: resource === undefined ? undefined : describe(resource), outcome } });
    }
  }
  return lenses;
}
