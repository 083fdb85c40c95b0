/**
 * Deploy through Karmada: check access on the control plane, server-side apply the templates and their
 * PropagationPolicies there (the same apply as direct deploys), then follow the bindings and Works until
 * every member is healthy or failed.
 */
import type { ClusterClients } from '../kube/clients';
import { orderForApply } from '../kube/applyOrder';
import { checkAccess, deployToClusters, type ClusterOutcome } from '../kube/deploy';
import { ClusterError } from '../kube/errors';
import { EventChannel } from '../kube/eventChannel';
import { objectRef, type ResourceResolver } from '../kube/manifests';
import type { KubeObject } from '../kube/watch';
import type { ControlPlaneEvent } from './events';
import { followPropagation } from './follow';
import type { KarmadaPlan } from './policy';

export interface ControlPlaneSettings {
  concurrency: number;
  timeoutMs: number;
  signal?: AbortSignal;
  fieldManager: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** How long to follow the members after the apply (default 5 minutes). */
  followMs?: number;
}

/** What the plan applies to the control plane, policies last so that their templates exist when they match. */
export function controlPlaneObjects(plan: KarmadaPlan): KubeObject[] {
  return [...orderForApply(plan.templates), ...plan.policies];
}

/**
 * SelfSubjectAccessReviews on the control plane for everything the plan applies; throws a 403 that names
 * the control plane when anything is denied, before anything is applied.
 */
export async function assertControlPlaneAccess(
  clients: ClusterClients,
  resolver: ResourceResolver,
  controlPlane: string,
  kind: string,
  objects: KubeObject[],
  settings: ControlPlaneSettings,
  verbs = ['create', 'patch'],
): Promise<void> {
  const [access] = await checkAccess(clients, resolver, [controlPlane], objects, { ...settings, verbs });
  if (!access.allowed) {
    throw new ClusterError('forbidden', `${kind} control plane ${controlPlane}: ${access.denied.join('; ')}; nothing was applied`, 403);
  }
}

/** Server-side dry-run of the plan on the control plane: its webhooks judge the policies too. */
export async function dryRunOnControlPlane(clients: ClusterClients, resolver: ResourceResolver, controlPlane: string, plan: KarmadaPlan, settings: ControlPlaneSettings): Promise<ClusterOutcome> {
  const [outcome] = await deployToClusters(clients, resolver, [controlPlane], controlPlaneObjects(plan), { ...settings, dryRun: true });
  return outcome;
}

/**
 * The whole deploy as a typed stream: 'applied' (the control plane's outcome), then Karmada's progress
 * per template and member, then 'done'. A denied access check throws before anything is applied; a
 * failed apply ends the stream after 'applied' with no member results.
 */
export function deployThroughKarmada(
  clients: ClusterClients,
  resolver: ResourceResolver,
  controlPlane: string,
  plan: KarmadaPlan,
  settings: ControlPlaneSettings & { skipAccessCheck?: boolean },
): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  void (async () => {
    const objects = controlPlaneObjects(plan);
    if (!settings.skipAccessCheck) await assertControlPlaneAccess(clients, resolver, controlPlane, 'Karmada', objects, settings);
    const sinceMs = Date.now();
    const [outcome] = await deployToClusters(clients, resolver, [controlPlane], objects, settings);
    channel.push({ type: 'applied', controlPlane, outcome });
    if (!outcome.ok) {
      channel.push({ type: 'done', results: [], problems: [{ template: objectRef(objects[0]), message: `${controlPlane}: ${outcome.summary}` }] });
      return channel.end();
    }
    const generations = new Map<string, number>();
    for (const o of outcome.objects) {
      const generation = o.after?.metadata.generation;
      if (typeof generation === 'number') generations.set(o.ref, generation);
    }
    const follow = followPropagation(clients, controlPlane, plan.followed, {
      signal: settings.signal,
      followMs: settings.followMs ?? 300_000,
      listTimeoutMs: settings.timeoutMs,
      sinceMs,
      generations,
      members: plan.members,
    });
    for await (const event of follow) channel.push(event);
    channel.end();
  })().catch((err) => channel.end(err));
  return channel;
}
