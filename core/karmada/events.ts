/**
 * What following a control plane reports, for Karmada and OCM alike: a typed stream of progress events
 * ending in one result per member, taken from the control plane's own status.
 */
import type { ClusterOutcome } from '../kube/deploy';

export interface MemberPlacement {
  cluster: string;
  replicas?: number;
}

export type ControlPlaneEvent =
  /** The templates and policies (or ManifestWorks) were applied to the control plane. */
  | { type: 'applied'; controlPlane: string; outcome: ClusterOutcome }
  /** Karmada created the ResourceBinding of a template. */
  | { type: 'bound'; template: string; binding: string }
  /** Karmada scheduled a template: to which members, how many replicas each. */
  | { type: 'scheduled'; template: string; placements: MemberPlacement[] }
  /** No member fits (Scheduled=False), in Karmada's own words. */
  | { type: 'unschedulable'; template: string; reason: string; message: string }
  /** The Work (Karmada) or ManifestWork (OCM) for a member was applied there. */
  | { type: 'workApplied'; template: string; cluster: string }
  /** The member reports the workload healthy (Karmada) or available (OCM). */
  | { type: 'healthy'; template: string; cluster: string; detail?: string }
  /** The member failed, in the control plane's words (Work Applied=False, ...). */
  | { type: 'failed'; template: string; cluster: string; reason: string }
  /** Deleting: the template's binding (or the ManifestWork) is gone. */
  | { type: 'unbound'; template: string }
  /** Deleting: a member no longer has the object. */
  | { type: 'cleared'; template: string; cluster: string }
  /** The end: one result per member, and what kept a template from reaching any member. */
  | { type: 'done'; results: MemberResult[]; problems: TemplateProblem[] };

export interface TemplateProblem {
  template: string;
  /** In the control plane's words, e.g. "Scheduled=False (NoClusterFit): 0/3 clusters are available: ...". */
  message: string;
}

export interface MemberObjectResult {
  /** The template ("Deployment cpd/web") or ManifestWork it is about. */
  ref: string;
  ok: boolean;
  /** "healthy, 2 replicas", "Applied=False: <message>", "still scheduled (not yet applied)". */
  state: string;
}

/** One member's result, read from the control plane's status (a binding, Works, ManifestWorks). */
export interface MemberResult {
  cluster: string;
  controlPlane: string;
  ok: boolean;
  summary: string;
  objects: MemberObjectResult[];
}

export function memberResults(controlPlane: string, perObject: Map<string, MemberObjectResult[]>): MemberResult[] {
  return [...perObject].sort(([a], [b]) => a.localeCompare(b)).map(([cluster, objects]) => {
    const failed = objects.filter((o) => !o.ok);
    const summary = failed.length ? failed.map((o) => `${o.ref}: ${o.state}`).join('; ') : objects.map((o) => o.state).filter((s, i, all) => all.indexOf(s) === i).join(', ');
    return { cluster, controlPlane, ok: failed.length === 0, summary, objects };
  });
}

/** "member1: healthy, 2 replicas" lines; a failure names the control plane and the member. */
export function describeResult(r: MemberResult): string {
  return r.ok ? `${r.cluster}: ${r.summary}` : `${r.cluster} (through ${r.controlPlane}): ${r.summary}`;
}

/** One line per event for a progress notification or a log. */
export function describeEvent(e: ControlPlaneEvent): string {
  switch (e.type) {
    case 'applied':
      return `${e.controlPlane}: ${e.outcome.summary}`;
    case 'bound':
      return `${e.template}: ResourceBinding ${e.binding} created`;
    case 'scheduled':
      return `${e.template}: scheduled to ${e.placements.map((p) => (p.replicas !== undefined ? `${p.cluster} (${p.replicas})` : p.cluster)).join(', ') || 'no member'}`;
    case 'unschedulable':
      return `${e.template}: not scheduled (${e.reason}): ${e.message}`;
    case 'workApplied':
      return `${e.cluster}: ${e.template} applied`;
    case 'healthy':
      return `${e.cluster}: ${e.template} healthy${e.detail ? ` (${e.detail})` : ''}`;
    case 'failed':
      return `${e.cluster}: ${e.template} failed: ${e.reason}`;
    case 'unbound':
      return `${e.template}: binding removed`;
    case 'cleared':
      return `${e.cluster}: ${e.template} removed`;
    case 'done': {
      const ok = e.results.filter((r) => r.ok).length;
      return `${ok}/${e.results.length} members done${e.problems.length ? `; ${e.problems.map((p) => `${p.template}: ${p.message}`).join('; ')}` : ''}`;
    }
  }
}
