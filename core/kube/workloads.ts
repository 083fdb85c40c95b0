/**
 * The workload kinds the explorer shows, where to list them, and how to summarize one object as
 * "ready/desired" with a health state. Pure functions over API objects.
 */
import type { KubeObject } from './watch';

export type Health = 'healthy' | 'progressing' | 'degraded' | 'unknown' | 'error';

export interface WorkloadKind {
  kind: string;
  /** Cluster-wide collection path: one list and one watch per cluster cover every namespace. */
  path: string;
  /** Missing on clusters without the API (e.g. MCS); a 404 there just means "none". */
  optional?: boolean;
}

export const WORKLOAD_KINDS: WorkloadKind[] = [
  { kind: 'Deployment', path: '/apis/apps/v1/deployments' },
  { kind: 'StatefulSet', path: '/apis/apps/v1/statefulsets' },
  { kind: 'DaemonSet', path: '/apis/apps/v1/daemonsets' },
  { kind: 'Job', path: '/apis/batch/v1/jobs' },
  { kind: 'Service', path: '/api/v1/services' },
  { kind: 'ServiceExport', path: '/apis/multicluster.x-k8s.io/v1alpha1/serviceexports', optional: true },
  { kind: 'ServiceImport', path: '/apis/multicluster.x-k8s.io/v1alpha1/serviceimports', optional: true },
];

export const NAMESPACES_PATH = '/api/v1/namespaces';

export interface WorkloadSummary {
  kind: string;
  name: string;
  namespace: string;
  /** "3/3" for scalable kinds, the Service type for Services, "" otherwise. */
  counts: string;
  health: Health;
  detail: string;
}

type Condition = { type?: string; status?: string; reason?: string; message?: string };

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' ? value : fallback;
}

function conditions(obj: KubeObject): Condition[] {
  const list = obj.status?.conditions;
  return Array.isArray(list) ? (list as Condition[]) : [];
}

function failingCondition(obj: KubeObject): Condition | undefined {
  return conditions(obj).find(
    (c) =>
      (c.type === 'Available' && c.status === 'False') ||
      (c.type === 'ReplicaFailure' && c.status === 'True') ||
      (c.type === 'Progressing' && c.status === 'False') ||
      (c.type === 'Failed' && c.status === 'True'),
  );
}

function scaled(ready: number, desired: number, obj: KubeObject): { health: Health; detail: string } {
  const failing = failingCondition(obj);
  if (failing) return { health: 'degraded', detail: `${failing.type}=${failing.status}${failing.reason ? ` (${failing.reason})` : ''}${failing.message ? `: ${failing.message}` : ''}` };
  if (ready >= desired) return { health: 'healthy', detail: desired === 0 ? 'scaled to zero' : 'all replicas ready' };
  return { health: 'progressing', detail: `${desired - ready} replica(s) not ready` };
}

export function summarize(kind: string, obj: KubeObject): WorkloadSummary {
  const base = { kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? '' };
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet': {
      const desired = num(obj.spec?.replicas, 1);
      const ready = num(obj.status?.readyReplicas);
      return { ...base, counts: `${ready}/${desired}`, ...scaled(ready, desired, obj) };
    }
    case 'DaemonSet': {
      const desired = num(obj.status?.desiredNumberScheduled);
      const ready = num(obj.status?.numberReady);
      return { ...base, counts: `${ready}/${desired}`, ...scaled(ready, desired, obj) };
    }
    case 'Job': {
      const desired = num(obj.spec?.completions, 1);
      const done = num(obj.status?.succeeded);
      const failed = failingCondition(obj) ?? (num(obj.status?.failed) > 0 ? { type: 'Failed', status: 'pods', reason: `${obj.status?.failed} failed` } : undefined);
      const health: Health = failed ? 'degraded' : done >= desired ? 'healthy' : 'progressing';
      return { ...base, counts: `${done}/${desired}`, health, detail: failed ? `failed: ${failed.reason ?? ''}` : `${done} of ${desired} completions` };
    }
    case 'Service':
      return { ...base, counts: String(obj.spec?.type ?? 'ClusterIP'), health: 'healthy', detail: String(obj.spec?.clusterIP ?? '') };
    case 'ServiceExport': {
      const conflict = conditions(obj).find((c) => c.type === 'Conflict' && c.status === 'True');
      const invalid = conditions(obj).find((c) => c.type === 'Valid' && c.status === 'False');
      const bad = conflict ?? invalid;
      return { ...base, counts: 'export', health: bad ? 'degraded' : 'healthy', detail: bad ? `${bad.type}: ${bad.message ?? bad.reason ?? ''}` : 'exported' };
    }
    case 'ServiceImport':
      return { ...base, counts: String(obj.spec?.type ?? 'import'), health: 'healthy', detail: 'imported' };
    default:
      return { ...base, counts: '', health: 'unknown', detail: '' };
  }
}

/** The tree label: "web 3/3". */
export function workloadLabel(summary: WorkloadSummary): string {
  return summary.counts ? `${summary.name} ${summary.counts}` : summary.name;
}
