/**
 * Reading Karmada's status, purely: a template's ResourceBinding (conditions, spec.clusters,
 * aggregatedStatus) and its Works (one per member in karmada-es-<member>) become one view per member, and
 * two successive views become the progress events between them.
 */
import { conditionOf, type Condition } from '../kube/conditions';
import { objectRef } from '../kube/manifests';
import type { KubeObject } from '../kube/watch';
import type { ControlPlaneEvent, MemberObjectResult, MemberPlacement } from './events';
import { EXECUTION_NAMESPACE_PREFIX } from './labels';

/** Karmada's names.GenerateBindingName. */
export function bindingName(kind: string, name: string): string {
  return `${name.replaceAll(':', '.')}-${kind}`.toLowerCase();
}

export function bindingCollection(template: KubeObject): string {
  return template.metadata.namespace
    ? `/apis/work.karmada.io/v1alpha2/namespaces/${encodeURIComponent(template.metadata.namespace)}/resourcebindings`
    : '/apis/work.karmada.io/v1alpha2/clusterresourcebindings';
}

/** A condition's reason and message as Karmada or OCM wrote them: "NoClusterFit: 0/3 clusters are available: ...". */
export function reasonOf(condition: Condition | undefined): string {
  if (!condition) return 'no condition yet';
  const text = [condition.reason, condition.message].filter(Boolean).join(': ');
  return `${condition.type}=${condition.status}${text ? ` (${text})` : ''}`;
}

export type MemberPhase = 'scheduled' | 'applied' | 'healthy' | 'failed';
const RANK: Record<MemberPhase, number> = { scheduled: 0, applied: 1, healthy: 2, failed: 3 };

export interface MemberView {
  phase: MemberPhase;
  replicas?: number;
  /** Why it failed, or what is still missing; Karmada's words. */
  reason?: string;
  /** "3/3 ready" from the member's reflected status. */
  detail?: string;
}

export interface BindingView {
  template: string;
  binding: string;
  exists: boolean;
  /** Scheduled for the binding's current generation: True, False, or undefined while pending. */
  scheduled?: 'True' | 'False';
  unschedulable?: { reason: string; message: string };
  placements: MemberPlacement[];
  members: Map<string, MemberView>;
}

interface AggregatedItem {
  clusterName: string;
  applied?: boolean;
  appliedMessage?: string;
  health?: string;
  status?: { resourceTemplateGeneration?: number; readyReplicas?: number; replicas?: number; [k: string]: unknown };
}

/** The Works a binding produced, by member: their annotations name the binding. */
export function worksByMember(binding: KubeObject, works: KubeObject[]): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const w of works) {
    const a = w.metadata.annotations ?? {};
    const sameName = a['resourcebinding.karmada.io/name'] === binding.metadata.name || a['clusterresourcebinding.karmada.io/name'] === binding.metadata.name;
    const sameNamespace = (a['resourcebinding.karmada.io/namespace'] ?? '') === (binding.metadata.namespace ?? '');
    if (!sameName || !sameNamespace || !w.metadata.namespace?.startsWith(EXECUTION_NAMESPACE_PREFIX)) continue;
    out.set(w.metadata.namespace.slice(EXECUTION_NAMESPACE_PREFIX.length), w);
  }
  return out;
}

/**
 * One view of a template's propagation. `templateGeneration` (the template's metadata.generation after
 * our apply) keeps a member's health from a previous version from counting.
 */
export function viewOf(
  template: KubeObject,
  binding: KubeObject | undefined,
  works: KubeObject[],
  templateGeneration?: number,
  sinceMs?: number,
  /** Karmada's Cluster objects: a member it reports not Ready fails instead of staying pending. */
  clusters: KubeObject[] = [],
): BindingView {
  const view: BindingView = { template: objectRef(template), binding: bindingName(template.kind!, template.metadata.name), exists: !!binding, placements: [], members: new Map() };
  if (!binding) return view;
  const generation = (binding.metadata.generation as number | undefined) ?? 0;
  const observed = (binding.status?.schedulerObservedGeneration as number | undefined) ?? 0;
  const scheduled = conditionOf(binding, 'Scheduled');
  // The scheduler leaves schedulerObservedGeneration alone when it fails: a False written before this
  // deploy began (by more than the clocks' usual skew) may be about the previous version.
  const fresh = (time?: string) => sinceMs === undefined || (time !== undefined && Date.parse(time) >= sinceMs - 5_000);
  if (scheduled?.status === 'False' && (observed >= generation || fresh(scheduled.lastTransitionTime) || fresh(binding.metadata.creationTimestamp))) {
    view.scheduled = 'False';
    view.unschedulable = { reason: scheduled.reason ?? 'Unschedulable', message: scheduled.message ?? '' };
    return view;
  }
  if (scheduled?.status !== 'True' || observed < generation) return view;
  view.scheduled = 'True';
  view.placements = ((binding.spec?.clusters ?? []) as { name: string; replicas?: number }[]).map((c) => ({ cluster: c.name, ...(c.replicas !== undefined ? { replicas: c.replicas } : {}) }));
  const aggregated = new Map(((binding.status?.aggregatedStatus ?? []) as AggregatedItem[]).map((a) => [a.clusterName, a]));
  const byMember = worksByMember(binding, works);
  const readiness = new Map(clusters.map((c) => [c.metadata.name, conditionOf(c, 'Ready')]));
  for (const p of view.placements) {
    const member = memberView(p, byMember.get(p.cluster), aggregated.get(p.cluster), templateGeneration);
    const ready = readiness.get(p.cluster);
    if ((member.phase === 'scheduled' || member.phase === 'applied') && ready && ready.status !== 'True') {
      view.members.set(p.cluster, { ...member, phase: 'failed', reason: `Karmada reports the member ${reasonOf(ready)}; ${member.reason}` });
    } else view.members.set(p.cluster, member);
  }
  return view;
}

function memberView(p: MemberPlacement, work: KubeObject | undefined, item: AggregatedItem | undefined, templateGeneration?: number): MemberView {
  const base = p.replicas !== undefined ? { replicas: p.replicas } : {};
  const applied = conditionOf(work, 'Applied');
  if (applied?.status === 'False') return { ...base, phase: 'failed', reason: `Work ${work!.metadata.namespace}/${work!.metadata.name} ${reasonOf(applied)}` };
  if (item && item.applied === false && item.appliedMessage) return { ...base, phase: 'failed', reason: `not applied: ${item.appliedMessage}` };
  const current = templateGeneration === undefined || item?.status?.resourceTemplateGeneration === undefined || item.status.resourceTemplateGeneration >= templateGeneration;
  const status = item?.status;
  const detail = status && typeof status.readyReplicas === 'number' ? `${status.readyReplicas}/${status.replicas ?? p.replicas ?? '?'} ready` : undefined;
  if (item?.applied && item.health === 'Healthy' && current) return { ...base, phase: 'healthy', ...(detail ? { detail } : {}) };
  if (applied?.status === 'True' || item?.applied) {
    const reason = item?.health === 'Unhealthy' ? `unhealthy${detail ? ` (${detail})` : ''}` : 'applied, health not reported yet';
    return { ...base, phase: 'applied', reason, ...(detail ? { detail } : {}) };
  }
  return { ...base, phase: 'scheduled', reason: work ? `Work ${work.metadata.name} not applied yet` : 'no Work yet' };
}

/** True when nothing more is to come for this template: unschedulable, or every member healthy or failed. */
export function settled(view: BindingView): boolean {
  if (view.scheduled === 'False') return true;
  if (view.scheduled !== 'True') return false;
  return [...view.members.values()].every((m) => m.phase === 'healthy' || m.phase === 'failed');
}

/** The events that lead from `prev` to `next`, in the order Karmada's work happens. */
export function eventsBetween(prev: BindingView | undefined, next: BindingView): ControlPlaneEvent[] {
  const events: ControlPlaneEvent[] = [];
  const template = next.template;
  if (next.exists && !prev?.exists) events.push({ type: 'bound', template, binding: next.binding });
  if (next.scheduled === 'False' && (prev?.scheduled !== 'False' || prev.unschedulable?.message !== next.unschedulable?.message)) {
    events.push({ type: 'unschedulable', template, reason: next.unschedulable!.reason, message: next.unschedulable!.message });
  }
  if (next.scheduled === 'True' && (prev?.scheduled !== 'True' || JSON.stringify(prev.placements) !== JSON.stringify(next.placements))) {
    events.push({ type: 'scheduled', template, placements: next.placements });
  }
  for (const [cluster, member] of next.members) {
    const before = prev?.scheduled === 'True' ? prev.members.get(cluster) : undefined;
    const from = before ? RANK[before.phase] : -1;
    if (member.phase === 'failed') {
      if (before?.phase !== 'failed' || before.reason !== member.reason) events.push({ type: 'failed', template, cluster, reason: member.reason ?? 'failed' });
      continue;
    }
    if (RANK[member.phase] >= RANK.applied && from < RANK.applied) events.push({ type: 'workApplied', template, cluster });
    if (member.phase === 'healthy' && from < RANK.healthy) events.push({ type: 'healthy', template, cluster, ...(member.detail ? { detail: member.detail } : {}) });
  }
  return events;
}

/** Each member's result for this template, from the last view; `why` says why following stopped early. */
export function resultsOf(view: BindingView, why?: string): Map<string, MemberObjectResult> {
  const out = new Map<string, MemberObjectResult>();
  for (const [cluster, m] of view.members) {
    const replicas = m.replicas !== undefined ? `, ${m.replicas} replica${m.replicas === 1 ? '' : 's'}` : '';
    if (m.phase === 'healthy') out.set(cluster, { ref: view.template, ok: true, state: `healthy${replicas}${m.detail ? ` (${m.detail})` : ''}` });
    else if (m.phase === 'failed') out.set(cluster, { ref: view.template, ok: false, state: m.reason ?? 'failed' });
    else out.set(cluster, { ref: view.template, ok: false, state: `still ${m.phase}${replicas}: ${m.reason ?? ''}${why ? ` (${why})` : ''}` });
  }
  return out;
}

/** Why a template has no member result: no binding, or Karmada's scheduling failure. */
export function bindingProblem(view: BindingView, why?: string): string | undefined {
  if (view.scheduled === 'False') return `Scheduled=False (${view.unschedulable!.reason}): ${view.unschedulable!.message}`;
  if (!view.exists) return `no ResourceBinding ${view.binding} yet${why ? ` (${why})` : ''}`;
  if (view.scheduled !== 'True') return `ResourceBinding ${view.binding} not scheduled yet${why ? ` (${why})` : ''}`;
  return undefined;
}
