/**
 * A federated workload's rollout as Karmada reports it: the template is changed on the control plane only
 * (Karmada then reschedules its replicas and updates the members), and each member's progress comes from
 * the template's ResourceBinding: where it is scheduled with how many replicas (spec.clusters) and the
 * member workload's status that Karmada reflects (status.aggregatedStatus, with the generation of the
 * template the member has got).
 */
import type { ClusterClients } from '../kube/clients';
import { workloadPath, type WorkloadRef } from '../kube/inspect';
import { followObject, rolloutState, type RolloutState } from '../kube/rollout';
import type { KubeObject } from '../kube/watch';
import { bindingName } from './bindings';

export interface MemberRollout {
  cluster: string;
  replicas?: number;
  state: RolloutState;
}

export interface TemplateRollout {
  done: boolean;
  message: string;
  members: MemberRollout[];
}

interface ReflectedStatus {
  generation?: number;
  resourceTemplateGeneration?: number;
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

/** Where the rollout of template generation `templateGeneration` stands on each member its binding names. */
export function templateRollout(binding: KubeObject, kind: string, templateGeneration: number): TemplateRollout {
  const scheduled = (binding.spec?.clusters ?? []) as { name: string; replicas?: number }[];
  const generation = (binding.metadata.generation as number | undefined) ?? 0;
  const schedulerSaw = (binding.status?.schedulerObservedGeneration as number | undefined) ?? 0;
  if (schedulerSaw < generation) return { done: false, message: 'waiting for karmada-scheduler to schedule the change', members: [] };
  if (!scheduled.length) return { done: false, message: 'scheduled to no member', members: [] };
  const reflected = (binding.status?.aggregatedStatus ?? []) as { clusterName: string; applied?: boolean; appliedMessage?: string; status?: ReflectedStatus }[];
  const members = scheduled.map(({ name, replicas }): MemberRollout => {
    const item = reflected.find((r) => r.clusterName === name);
    if (item?.applied === false) return { cluster: name, replicas, state: { done: false, message: `not applied: ${item.appliedMessage ?? 'no reason given'}` } };
    const status = item?.status;
    if (!status) return { cluster: name, replicas, state: { done: false, message: 'no status reflected from the member yet' } };
    if ((status.resourceTemplateGeneration ?? 0) < templateGeneration) {
      return { cluster: name, replicas, state: { done: false, message: `the member has not got template generation ${templateGeneration} yet` } };
    }
    const member: KubeObject = { kind, metadata: { name: '', generation: status.generation }, spec: replicas === undefined ? {} : { replicas }, status: { ...status } };
    return { cluster: name, replicas, state: rolloutState(member) };
  });
  const done = members.every((m) => m.state.done);
  const pending = members.filter((m) => !m.state.done).map((m) => `${m.cluster}: ${m.state.message}`);
  return { done, members, message: done ? `rolled out on ${members.map((m) => `${m.cluster} (${m.replicas ?? '?'})`).join(', ')}` : pending.join('; ') };
}

/**
 * Waits until every member the template's binding names has rolled out the template's current
 * generation, or the deadline passes (then `timedOut` with where each member stood).
 */
export async function waitForTemplateRollout(
  clients: ClusterClients,
  controlPlane: string,
  ref: WorkloadRef,
  options: { deadlineMs: number; signal?: AbortSignal; onProgress?: (rollout: TemplateRollout) => void },
): Promise<TemplateRollout & { timedOut: boolean }> {
  const template = await clients.request<KubeObject>(controlPlane, { path: workloadPath(ref), signal: options.signal });
  const templateGeneration = (template.metadata.generation as number | undefined) ?? 0;
  const name = bindingName(ref.kind, ref.name);
  const collection = `/apis/work.karmada.io/v1alpha2/namespaces/${encodeURIComponent(ref.namespace)}/resourcebindings`;
  const missing = `no ResourceBinding ${ref.namespace}/${name} (yet): no PropagationPolicy propagates ${ref.kind} ${ref.namespace}/${ref.name}`;
  // Karmada's detector creates the binding a moment after the template: wait for it until the deadline.
  const { state, timedOut } = await followObject(clients, controlPlane, { collection, name }, (b) => templateRollout(b, ref.kind, templateGeneration), (r) => r.done, {
    ...options,
    missing,
    absent: () => ({ done: false, message: missing, members: [] }),
  });
  return { ...state, timedOut };
}
