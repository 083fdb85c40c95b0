/**
 * What goes to a Karmada control plane: the resource templates, and either the PropagationPolicies of
 * the file or ones generated for the picked members with the chosen replica scheduling.
 */
import { propagationPoliciesFor } from '../kube/propagation';
import type { KubeObject } from '../kube/watch';

export type ReplicaScheduling =
  | { type: 'Duplicated' }
  /** Divided by static weights, member name → weight. */
  | { type: 'DividedStatic'; weights: Record<string, number> }
  /** Divided by the members' available replicas (dynamic weights). */
  | { type: 'DividedDynamic' }
  /** Divided, packed onto as few members as possible. */
  | { type: 'Aggregated' };

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: string;
}

export interface KarmadaPlan {
  templates: KubeObject[];
  policies: KubeObject[];
  /** Templates Karmada makes a binding for (selected by a policy; not Namespaces, which it syncs itself). */
  followed: KubeObject[];
  /** True when the policies came from the file rather than being generated. */
  policiesFromFile: boolean;
  /** The members the policies name (picked, or the file's clusterAffinity.clusterNames); each gets a result. */
  members: string[];
}

const POLICY_KINDS = new Set(['PropagationPolicy', 'ClusterPropagationPolicy']);
const isKarmadaPolicy = (o: KubeObject) => (o.apiVersion ?? '').startsWith('policy.karmada.io/');

export function replicaSchedulingFor(scheduling: ReplicaScheduling): Record<string, unknown> {
  switch (scheduling.type) {
    case 'Duplicated':
      return { replicaSchedulingType: 'Duplicated' };
    case 'DividedStatic':
      return {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: {
          staticWeightList: Object.entries(scheduling.weights).sort(([a], [b]) => a.localeCompare(b)).map(([cluster, weight]) => ({ targetCluster: { clusterNames: [cluster] }, weight })),
        },
      };
    case 'DividedDynamic':
      return { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } };
    case 'Aggregated':
      return { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };
  }
}

/** Tolerations for the NoSchedule/NoExecute taints of the picked Karmada Clusters: picking a member means wanting it. */
export function tolerationsFor(clusters: KubeObject[], members: string[]): Toleration[] {
  const out = new Map<string, Toleration>();
  for (const c of clusters) {
    if (!members.includes(c.metadata.name)) continue;
    for (const t of ((c.spec?.taints ?? []) as { key: string; value?: string; effect?: string }[])) {
      const toleration: Toleration = t.value ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } : { key: t.key, operator: 'Exists', effect: t.effect };
      out.set(JSON.stringify(toleration), toleration);
    }
  }
  return [...out.values()];
}

/** Does a policy's resourceSelector pick this template? (labelSelector-only selectors count as yes.) */
export function selects(policy: KubeObject, template: KubeObject): boolean {
  if (policy.kind === 'PropagationPolicy' && (template.metadata.namespace ?? 'default') !== (policy.metadata.namespace ?? 'default')) return false;
  const selectors = ((policy.spec?.resourceSelectors ?? []) as { apiVersion?: string; kind?: string; name?: string; namespace?: string }[]);
  return selectors.some((s) => s.apiVersion === template.apiVersion && s.kind === template.kind && (!s.name || s.name === template.metadata.name) && (!s.namespace || s.namespace === template.metadata.namespace));
}

/** "member1=1, member2=2" as static weights; every member needs a positive integer weight. */
export function parseWeights(text: string, members: string[]): Record<string, number> | undefined {
  const weights: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
    if (!m || !members.includes(m[1]) || Number(m[2]) < 1) return undefined;
    weights[m[1]] = Number(m[2]);
  }
  return members.every((m) => weights[m] !== undefined) ? weights : undefined;
}

export interface GeneratedPolicyChoice {
  members: string[];
  scheduling: ReplicaScheduling;
  name: string;
  tolerations?: Toleration[];
}

/** Splits the file into templates and policies; without a PropagationPolicy in it, generates one from `choice`. */
export function planKarmadaDeploy(objects: KubeObject[], choice?: GeneratedPolicyChoice, defaultNamespace = 'default'): KarmadaPlan {
  const templates = objects.filter((o) => !isKarmadaPolicy(o)).map((o) => withNamespace(o, defaultNamespace));
  let policies = objects.filter(isKarmadaPolicy);
  const policiesFromFile = policies.some((p) => POLICY_KINDS.has(p.kind ?? ''));
  if (!policiesFromFile) {
    if (!choice) throw new Error('the manifests hold no PropagationPolicy: pick members to generate one');
    const placed = templates.filter((t) => t.kind !== 'Namespace');
    const generated = propagationPoliciesFor(placed, choice.members, choice.name, defaultNamespace).map((p) => ({
      ...p,
      spec: {
        ...p.spec,
        placement: {
          ...(p.spec!.placement as object),
          ...(choice.tolerations?.length ? { clusterTolerations: choice.tolerations } : {}),
          replicaScheduling: replicaSchedulingFor(choice.scheduling),
        },
      },
    }));
    policies = [...policies, ...generated];
  }
  const followed = templates.filter((t) => t.kind !== 'Namespace' && policies.some((p) => POLICY_KINDS.has(p.kind ?? '') && selects(p, t)));
  return { templates, policies, followed, policiesFromFile, members: choice && !policiesFromFile ? choice.members : namedMembers(policies) };
}

/** Members named by clusterAffinity.clusterNames in every policy, when each names them; else none. */
function namedMembers(policies: KubeObject[]): string[] {
  const names = policies
    .filter((p) => POLICY_KINDS.has(p.kind ?? ''))
    .map((p) => ((p.spec?.placement as { clusterAffinity?: { clusterNames?: string[] } } | undefined)?.clusterAffinity?.clusterNames ?? []));
  return names.some((n) => !n.length) ? [] : [...new Set(names.flat())].sort();
}

function withNamespace(o: KubeObject, defaultNamespace: string): KubeObject {
  if (o.metadata.namespace || CLUSTER_SCOPED.has(o.kind ?? '')) return o;
  return { ...o, metadata: { ...o.metadata, namespace: defaultNamespace } };
}

const CLUSTER_SCOPED = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);

export function isClusterScoped(o: KubeObject): boolean {
  return CLUSTER_SCOPED.has(o.kind ?? '');
}
