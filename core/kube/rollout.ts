/**
 * Rollout status as `kubectl rollout status` judges it (observedGeneration, then updated, old and
 * available replicas, and a Deployment's ProgressDeadlineExceeded), followed on one object through a live
 * watch until it is complete, has failed, or a deadline passes; across members with one result each.
 */
import type { ClusterClients } from './clients';
import { ClusterError, toClusterError } from './errors';
import { fanOut, type ClusterResult } from './fanout';
import { workloadPath, type WorkloadRef } from './inspect';
import type { KubeObject } from './watch';
import { waitForObject } from './waitForObject';

export interface RolloutState {
  done: boolean;
  /** The rollout cannot complete by itself (a Deployment past its progress deadline). */
  failed?: boolean;
  message: string;
  /** The replicas asked for, when the workload has a count. */
  replicas?: number;
}

type Counts = Partial<Record<string, number>>;

/** Where a rollout stands, from a workload's spec, generation and status alone. */
export function rolloutState(obj: KubeObject): RolloutState {
  const kind = obj.kind ?? 'Deployment';
  const generation = (obj.metadata.generation as number | undefined) ?? 0;
  const st = (obj.status ?? {}) as Counts & { conditions?: { type: string; reason?: string }[] };
  const spec = obj.spec ?? {};
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : kind === 'DaemonSet' ? undefined : 1;
  if ((st.observedGeneration ?? 0) < generation) return { done: false, replicas, message: `waiting for the ${kind} spec update to be observed` };
  if (kind === 'DaemonSet') {
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) return { done: false, message: `${st.updatedNumberScheduled ?? 0} of ${desired} updated pods are scheduled` };
    if ((st.numberAvailable ?? 0) < desired) return { done: false, message: `${st.numberAvailable ?? 0} of ${desired} updated pods are available` };
    return { done: true, replicas: desired, message: `daemon set rolled out (${desired} pods)` };
  }
  const want = replicas ?? 1;
  if (kind === 'StatefulSet') {
    if ((st.readyReplicas ?? 0) < want) return { done: false, replicas, message: `${st.readyReplicas ?? 0} of ${want} pods are ready` };
    if ((st.updatedReplicas ?? 0) < want) return { done: false, replicas, message: `${st.updatedReplicas ?? 0} of ${want} pods are updated` };
    return { done: true, replicas, message: `${want} pods at the latest revision` };
  }
  if (st.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
    return { done: false, failed: true, replicas, message: 'exceeded its progress deadline' };
  }
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { done: false, replicas, message: `${updated} of ${want} new replicas have been updated` };
  if ((st.replicas ?? 0) > updated) return { done: false, replicas, message: `${(st.replicas ?? 0) - updated} old replicas are pending termination` };
  if ((st.availableReplicas ?? 0) < updated) return { done: false, replicas, message: `${st.availableReplicas ?? 0} of ${updated} updated replicas are available` };
  return { done: true, replicas, message: `successfully rolled out (${want} replicas)` };
}

export interface RolloutOptions {
  /** How long to wait for the rollout to complete. */
  deadlineMs: number;
  signal?: AbortSignal;
  /** Every change of the state while waiting. */
  onProgress?: (state: RolloutState) => void;
}

export interface RolloutResult extends RolloutState {
  /** The deadline passed first; `message` says where the rollout stood. */
  timedOut?: boolean;
}

/** The collection a workload is listed in. */
function workloadCollection(ref: WorkloadRef): string {
  const path = workloadPath(ref);
  return path.slice(0, path.lastIndexOf('/'));
}

/**
 * Follows an object through a watch and settles with what `judge` makes of it once `settled` says so,
 * or with the last judgement when the deadline passes. The object missing is a notFound error unless
 * `absent` says what to make of it while waiting for it to appear.
 */
export async function followObject<T>(
  clients: ClusterClients,
  cluster: string,
  object: { collection: string; name: string },
  judge: (obj: KubeObject) => T,
  settled: (state: T) => boolean,
  options: {
    deadlineMs: number;
    signal?: AbortSignal;
    onProgress?: (state: T) => void;
    /** The notFound error when the object is missing; or, given `absent`, a state to wait on in its place. */
    missing: string;
    absent?: () => T;
  },
): Promise<{ state: T; timedOut: boolean }> {
  let last: T | undefined;
  const judgeAndReport = (obj: KubeObject | undefined): { state: T } | undefined => {
    if (!obj && !options.absent) throw new ClusterError('notFound', options.missing);
    const state = obj ? judge(obj) : options.absent!();
    last = state;
    options.onProgress?.(state);
    return settled(state) ? { state } : undefined;
  };
  try {
    const { state } = await waitForObject(clients, cluster, object.collection, object.name, judgeAndReport, `${object.name} to settle`, { signal: options.signal, timeoutMs: options.deadlineMs });
    return { state, timedOut: false };
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'timeout' && last !== undefined) return { state: last, timedOut: true };
    if (err instanceof ClusterError && err.kind === 'cancelled') throw toClusterError(options.signal?.reason, options.signal);
    throw err;
  }
}

/** Waits on one cluster until the workload's rollout is complete, has failed, or the deadline passes. */
export async function waitForRollout(clients: ClusterClients, cluster: string, ref: WorkloadRef, options: RolloutOptions): Promise<RolloutResult> {
  const { state, timedOut } = await followObject(clients, cluster, { collection: workloadCollection(ref), name: ref.name }, (o) => rolloutState({ kind: ref.kind, ...o }), (s) => s.done || !!s.failed, {
    ...options,
    missing: `${ref.kind} ${ref.namespace}/${ref.name} does not exist`,
  });
  return timedOut ? { ...state, timedOut, message: `not complete after ${Math.round(options.deadlineMs / 1000)} s: ${state.message}` } : state;
}

/** Rollout status on every cluster at once, one result each, reported as each settles. */
export function rolloutStatusAcross(
  clients: ClusterClients,
  clusters: string[],
  ref: WorkloadRef,
  options: { deadlineMs: number; concurrency: number; signal?: AbortSignal; onResult?: (r: ClusterResult<RolloutResult>) => void },
): Promise<ClusterResult<RolloutResult>[]> {
  // The fan-out's own timeout only backs up the deadline, which waitForRollout reports with the last state.
  return fanOut(clusters, (cluster, signal) => waitForRollout(clients, cluster, ref, { deadlineMs: options.deadlineMs, signal }), {
    concurrency: Math.max(options.concurrency, clusters.length),
    timeoutMs: options.deadlineMs + 10_000,
    signal: options.signal,
    onResult: options.onResult,
  });
}
