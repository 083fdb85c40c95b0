/**
 * Delete through Karmada: remove the templates and their policies from the control plane, then follow the
 * members clearing: each template's binding gone, and the object gone from every member it was on (read
 * through the member's own context when there is one).
 */
import type { ClusterClients } from '../kube/clients';
import { getIfExists } from '../kube/apply';
import { deleteFromClusters } from '../kube/deploy';
import { ClusterError, toClusterError } from '../kube/errors';
import { EventChannel } from '../kube/eventChannel';
import { objectRef, type ResourceResolver } from '../kube/manifests';
import { untilGone } from '../kube/waitForObject';
import { ResourceWatch, type KubeObject } from '../kube/watch';
import { bindingCollection, bindingName } from './bindings';
import { assertControlPlaneAccess, type ControlPlaneSettings } from './deploy';
import { memberResults, type ControlPlaneEvent, type MemberObjectResult } from './events';
import { selects, type KarmadaPlan } from './policy';

export interface RemoveSettings extends ControlPlaneSettings {
  /** Karmada member name → kubeconfig context, for checking the member itself. */
  memberContexts?: Record<string, string>;
}

const POLICY_API = 'policy.karmada.io/v1alpha1';

/** The policies that placed these templates and select nothing else: deleting them leaves no other template unplaced. */
export function ownedPolicies(bindings: KubeObject[], policies: KubeObject[], templates: KubeObject[]): KubeObject[] {
  const out = new Map<string, KubeObject>();
  for (const b of bindings) {
    const a = b.metadata.annotations ?? {};
    const name = a['propagationpolicy.karmada.io/name'] ?? a['clusterpropagationpolicy.karmada.io/name'];
    const policy = policies.find((p) => p.metadata.name === name && (p.metadata.namespace ?? '') === (a['propagationpolicy.karmada.io/namespace'] ?? ''));
    if (!policy) continue;
    const selectors = (policy.spec?.resourceSelectors ?? []) as { name?: string }[];
    const onlyOurs = selectors.every((s) => s.name && templates.some((t) => selects({ ...policy, spec: { resourceSelectors: [s] } }, t)));
    if (onlyOurs) out.set(objectRef(policy), policy);
  }
  return [...out.values()];
}


export function deleteThroughKarmada(clients: ClusterClients, resolver: ResourceResolver, controlPlane: string, plan: KarmadaPlan, settings: RemoveSettings): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  const following = new AbortController();
  const timer = setTimeout(() => following.abort(), settings.followMs ?? 300_000);
  const stop = () => following.abort();
  settings.signal?.addEventListener('abort', stop, { once: true });
  const watchOptions = { timeoutMs: settings.timeoutMs, backoff: { initialMs: 200, maxMs: 5_000 } };
  void (async () => {
    const bindings = new Map<string, KubeObject>();
    for (const t of plan.followed) {
      const name = bindingName(t.kind!, t.metadata.name);
      const b = await getIfExists(clients, controlPlane, `${bindingCollection(t)}/${name}`, settings.signal);
      if (b) bindings.set(objectRef(t), b);
    }
    const livePolicies: KubeObject[] = [];
    for (const b of bindings.values()) {
      const a = b.metadata.annotations ?? {};
      const [name, namespace] = [a['propagationpolicy.karmada.io/name'] ?? a['clusterpropagationpolicy.karmada.io/name'], a['propagationpolicy.karmada.io/namespace']];
      if (!name) continue;
      const path = namespace ? `/apis/${POLICY_API}/namespaces/${namespace}/propagationpolicies/${name}` : `/apis/${POLICY_API}/clusterpropagationpolicies/${name}`;
      const p = await getIfExists(clients, controlPlane, path, settings.signal);
      if (p) livePolicies.push(p);
    }
    const policies = new Map(plan.policies.map((p) => [objectRef(p), p]));
    for (const p of ownedPolicies([...bindings.values()], livePolicies, plan.templates)) policies.set(objectRef(p), { apiVersion: POLICY_API, kind: p.kind, metadata: { name: p.metadata.name, namespace: p.metadata.namespace } });
    const objects = [...plan.templates, ...policies.values()];
    await assertControlPlaneAccess(clients, resolver, controlPlane, 'Karmada', objects, settings, ['delete']);
    const [outcome] = await deleteFromClusters(clients, resolver, [controlPlane], objects, settings);
    channel.push({ type: 'applied', controlPlane, outcome });

    const perMember = new Map<string, MemberObjectResult[]>();
    const record = (cluster: string, result: MemberObjectResult) => perMember.set(cluster, [...(perMember.get(cluster) ?? []), result]);
    await Promise.all(plan.followed.map(async (t) => {
      const ref = objectRef(t);
      const binding = bindings.get(ref);
      const name = bindingName(t.kind!, t.metadata.name);
      const bindingWatch = new ResourceWatch(clients, controlPlane, `${bindingCollection(t)}?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`, watchOptions);
      const members = ((binding?.spec?.clusters ?? []) as { name: string }[]).map((c) => c.name);
      const memberGone = members.map(async (member) => {
        const context = settings.memberContexts?.[member];
        if (!context) return record(member, { ref, ok: true, state: `binding removed (no context for ${member} to check the member itself)` });
        try {
          const { path } = await resolver.pathFor(context, t, following.signal);
          const collection = `${path.slice(0, path.lastIndexOf('/'))}?fieldSelector=${encodeURIComponent(`metadata.name=${t.metadata.name}`)}`;
          const gone = await untilGone(new ResourceWatch(clients, context, collection, watchOptions), following.signal, t.metadata.name);
          if (gone) channel.push({ type: 'cleared', template: ref, cluster: member });
          record(member, gone ? { ref, ok: true, state: 'removed' } : { ref, ok: false, state: `still on ${member} (${settings.signal?.aborted ? 'stopped following' : 'not removed in time'})` });
        } catch (err) {
          const gone = err instanceof ClusterError && err.kind === 'notFound';
          record(member, gone ? { ref, ok: true, state: 'removed' } : { ref, ok: false, state: `${context}: ${toClusterError(err, following.signal).describe()}` });
        }
      });
      if (await untilGone(bindingWatch, following.signal, name)) channel.push({ type: 'unbound', template: ref });
      await Promise.all(memberGone);
    }));
    channel.push({ type: 'done', results: memberResults(controlPlane, perMember), problems: [] });
    channel.end();
  })()
    .catch((err) => channel.end(err))
    .finally(() => {
      clearTimeout(timer);
      settings.signal?.removeEventListener('abort', stop);
    });
  return channel;
}
