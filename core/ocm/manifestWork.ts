/**
 * OCM ManifestWorks, purely: wrapping manifests for one ManagedCluster (namespace = cluster name) with
 * status feedback for workloads, and reading a ManifestWork's conditions (Applied, Available, for its
 * current generation) and feedback into a per-cluster view and the events between two views.
 */
import { reasonOf } from '../karmada/bindings';
import { conditionOf } from '../kube/conditions';
import type { ControlPlaneEvent, MemberObjectResult } from '../karmada/events';
import type { KubeObject } from '../kube/watch';

export const WORK_API = 'work.open-cluster-management.io/v1';

/** Kinds the work agent's WellKnownStatus feedback covers. */
const FEEDBACK_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/** `resources` maps "apiVersion/kind" to the plural resource name (from discovery). */
export function manifestWorkFor(objects: KubeObject[], cluster: string, name: string, resources: Map<string, string>): KubeObject {
  const manifestConfigs = objects.flatMap((o) => {
    const resource = resources.get(`${o.apiVersion}/${o.kind}`);
    if (!FEEDBACK_KINDS.has(o.kind ?? '') || !resource) return [];
    const group = o.apiVersion!.includes('/') ? o.apiVersion!.split('/')[0] : '';
    return [{ resourceIdentifier: { group, resource, name: o.metadata.name, namespace: o.metadata.namespace ?? 'default' }, feedbackRules: [{ type: 'WellKnownStatus' }] }];
  });
  const manifests = objects.map((o) => (o.kind === 'Namespace' || o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: 'default' } }));
  return {
    apiVersion: WORK_API,
    kind: 'ManifestWork',
    metadata: { name, namespace: cluster, labels: { 'app.kubernetes.io/managed-by': 'flotilla' } },
    spec: { workload: { manifests }, ...(manifestConfigs.length ? { manifestConfigs } : {}) },
  };
}

export type WorkPhase = 'created' | 'applied' | 'healthy' | 'failed';
const RANK: Record<WorkPhase, number> = { created: 0, applied: 1, healthy: 2, failed: 3 };

export interface WorkView {
  exists: boolean;
  phase: WorkPhase;
  reason?: string;
  /** "Deployment ns/web: ReadyReplicas=2, Replicas=2" from the status feedback. */
  feedback?: string;
}

interface ManifestStatus {
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  resourceMeta?: { kind?: string; name?: string; namespace?: string };
  statusFeedback?: { values?: { name: string; fieldValue?: { integer?: number; string?: string; boolean?: boolean } }[] };
}

function feedbackOf(work: KubeObject): string | undefined {
  const manifests = ((work.status?.resourceStatus as { manifests?: ManifestStatus[] } | undefined)?.manifests ?? []);
  const lines = manifests.flatMap((m) => {
    const values = m.statusFeedback?.values ?? [];
    if (!values.length) return [];
    const text = values.map((v) => `${v.name}=${v.fieldValue?.integer ?? v.fieldValue?.string ?? v.fieldValue?.boolean ?? '?'}`).join(', ');
    return [`${m.resourceMeta?.kind} ${m.resourceMeta?.namespace ? `${m.resourceMeta.namespace}/` : ''}${m.resourceMeta?.name}: ${text}`];
  });
  return lines.length ? lines.join('; ') : undefined;
}

/** The manifests the agent could not apply, in its words. */
function manifestFailures(work: KubeObject): string[] {
  const manifests = ((work.status?.resourceStatus as { manifests?: ManifestStatus[] } | undefined)?.manifests ?? []);
  return manifests.flatMap((m) => {
    const applied = m.conditions?.find((c) => c.type === 'Applied');
    return applied?.status === 'False' ? [`${m.resourceMeta?.kind} ${m.resourceMeta?.name}: ${applied.message ?? applied.reason ?? 'not applied'}`] : [];
  });
}

export function workView(work: KubeObject | undefined): WorkView {
  if (!work) return { exists: false, phase: 'created', reason: 'no ManifestWork' };
  const generation = (work.metadata.generation as number | undefined) ?? 0;
  const current = (type: string) => {
    const c = conditionOf(work, type);
    return c && (c.observedGeneration ?? generation) >= generation ? c : undefined;
  };
  const applied = current('Applied');
  const available = current('Available');
  const feedback = feedbackOf(work);
  const extra = feedback ? { feedback } : {};
  if (applied?.status === 'False') {
    const failures = manifestFailures(work);
    return { exists: true, phase: 'failed', reason: `${reasonOf(applied)}${failures.length ? `: ${failures.join('; ')}` : ''}`, ...extra };
  }
  if (applied?.status === 'True' && available?.status === 'True') return { exists: true, phase: 'healthy', ...extra };
  if (applied?.status === 'True') return { exists: true, phase: 'applied', reason: reasonOf(available ?? { type: 'Available', status: 'Unknown' }), ...extra };
  return { exists: true, phase: 'created', reason: 'the work agent has not reported yet', ...extra };
}

export function workEvents(template: string, cluster: string, prev: WorkView | undefined, next: WorkView): ControlPlaneEvent[] {
  const from = prev?.exists ? RANK[prev.phase] : -1;
  if (next.phase === 'failed') return prev?.phase === 'failed' && prev.reason === next.reason ? [] : [{ type: 'failed', template, cluster, reason: next.reason ?? 'failed' }];
  const events: ControlPlaneEvent[] = [];
  if (RANK[next.phase] >= RANK.applied && (from < RANK.applied || prev?.phase === 'failed')) events.push({ type: 'workApplied', template, cluster });
  if (next.phase === 'healthy' && (from < RANK.healthy || prev?.phase === 'failed')) events.push({ type: 'healthy', template, cluster, ...(next.feedback ? { detail: next.feedback } : {}) });
  return events;
}

export function workResult(template: string, view: WorkView, why?: string): MemberObjectResult {
  if (view.phase === 'healthy') return { ref: template, ok: true, state: `Applied, Available${view.feedback ? ` (${view.feedback})` : ''}` };
  if (view.phase === 'failed') return { ref: template, ok: false, state: view.reason ?? 'failed' };
  return { ref: template, ok: false, state: `still ${view.phase}: ${view.reason ?? ''}${why ? ` (${why})` : ''}` };
}

export function settledWork(view: WorkView): boolean {
  return view.phase === 'healthy' || view.phase === 'failed';
}
