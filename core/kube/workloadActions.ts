/**
 * Scale and rollout restart of one workload on many clusters at once, as `kubectl scale` (the scale
 * subresource) and `kubectl rollout restart` (a restartedAt annotation on the pod template) do them.
 */
import type { ClusterClients } from './clients';
import { fanOut, type ClusterResult, type FanOutOptions } from './fanout';
import { workloadPath, type WorkloadRef } from './inspect';
import type { KubeObject } from './watch';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const SCALABLE_KINDS = ['Deployment', 'StatefulSet'];
export const RESTARTABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

const MERGE_PATCH = 'application/merge-patch+json';

export function scalePatch(replicas: number) {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`replicas must be a whole number of 0 or more, not ${replicas}`);
  return { spec: { replicas } };
}

export function restartPatch(at: Date) {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at.toISOString().replace(/\.\d+Z$/, 'Z') } } } } };
}

export interface ActionOutcome {
  /** The workload's generation after the change, which a rollout has to observe. */
  generation?: number;
  replicas?: number;
}

/** Sets spec.replicas through the scale subresource. */
export async function scaleWorkload(clients: ClusterClients, cluster: string, ref: WorkloadRef, replicas: number, signal?: AbortSignal): Promise<ActionOutcome> {
  if (!SCALABLE_KINDS.includes(ref.kind)) throw new Error(`${ref.kind} cannot be scaled`);
  const scale = await clients.request<KubeObject>(cluster, { method: 'PATCH', path: `${workloadPath(ref)}/scale`, body: scalePatch(replicas), contentType: MERGE_PATCH, signal });
  return { replicas: (scale.spec?.replicas as number | undefined) ?? replicas };
}

/** Stamps the pod template with the restart time: the workload's controller then replaces every pod. */
export async function restartWorkload(clients: ClusterClients, cluster: string, ref: WorkloadRef, at: Date, signal?: AbortSignal): Promise<ActionOutcome> {
  if (!RESTARTABLE_KINDS.includes(ref.kind)) throw new Error(`${ref.kind} cannot be restarted`);
  const obj = await clients.request<KubeObject>(cluster, { method: 'PATCH', path: workloadPath(ref), body: restartPatch(at), contentType: MERGE_PATCH, signal });
  return { generation: obj.metadata.generation as number | undefined, replicas: obj.spec?.replicas as number | undefined };
}

export type WorkloadAction = { kind: 'scale'; replicas: number } | { kind: 'restart'; at: Date };

export function describeAction(action: WorkloadAction): string {
  return action.kind === 'scale' ? `scale to ${action.replicas}` : 'rollout restart';
}

/** One action on the workload in every cluster, one result each. */
export function actAcross(
  clients: ClusterClients,
  clusters: string[],
  ref: WorkloadRef,
  action: WorkloadAction,
  options: FanOutOptions<ActionOutcome>,
): Promise<ClusterResult<ActionOutcome>[]> {
  return fanOut(
    clusters,
    (cluster, signal) =>
      action.kind === 'scale' ? scaleWorkload(clients, cluster, ref, action.replicas, signal) : restartWorkload(clients, cluster, ref, action.at, signal),
    options,
  );
}
