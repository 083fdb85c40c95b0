/**
 * Federation policies and the members they currently place to: from the scheduler's decisions
 * (Karmada ResourceBindings, OCM PlacementDecisions) when there are any, else from the policy's own
 * cluster list.
 */
import { parseLabelSelector, selectorMismatch } from '../placement/labelSelector';
import type { FederationKind, FederationMember } from './discovery';
import type { KubeObject } from './watch';

interface Source {
  title: string;
  policies: { kind: string; path: string }[];
  decisions: { kind: string; path: string }[];
}

export const POLICY_SOURCES: Partial<Record<FederationKind, Source>> = {
  Karmada: {
    title: 'PropagationPolicies',
    policies: [
      { kind: 'PropagationPolicy', path: '/apis/policy.karmada.io/v1alpha1/propagationpolicies' },
      { kind: 'ClusterPropagationPolicy', path: '/apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies' },
    ],
    decisions: [
      { kind: 'ResourceBinding', path: '/apis/work.karmada.io/v1alpha2/resourcebindings' },
      { kind: 'ClusterResourceBinding', path: '/apis/work.karmada.io/v1alpha2/clusterresourcebindings' },
    ],
  },
  OCM: {
    title: 'Placements',
    policies: [{ kind: 'Placement', path: '/apis/cluster.open-cluster-management.io/v1beta1/placements' }],
    decisions: [{ kind: 'PlacementDecision', path: '/apis/cluster.open-cluster-management.io/v1beta1/placementdecisions' }],
  },
};

export interface PolicyPlacement {
  kind: string;
  name: string;
  namespace?: string;
  clusters: string[];
  source: string;
}

const get = (obj: unknown, path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function karmadaPolicyName(binding: KubeObject, cluster: boolean): string | undefined {
  const key = cluster ? 'clusterpropagationpolicy.karmada.io/name' : 'propagationpolicy.karmada.io/name';
  return binding.metadata.labels?.[key] ?? binding.metadata.annotations?.[key];
}

export function placementsFor(
  kind: FederationKind,
  policies: { kind: string; obj: KubeObject }[],
  decisions: KubeObject[],
  members: FederationMember[] = [],
): PolicyPlacement[] {
  return policies
    .map(({ kind: policyKind, obj }) => {
      const base = { kind: policyKind, name: obj.metadata.name, namespace: obj.metadata.namespace };
      if (kind === 'Karmada') {
        const cluster = policyKind === 'ClusterPropagationPolicy';
        const bound = decisions.filter(
          (b) => karmadaPolicyName(b, cluster) === obj.metadata.name && (cluster || b.metadata.namespace === obj.metadata.namespace),
        );
        const fromBindings = [...new Set(bound.flatMap((b) => ((b.spec?.clusters ?? []) as { name: string }[]).map((c) => c.name)))];
        if (bound.length) return { ...base, clusters: fromBindings.sort(), source: `from ${bound.length} ResourceBinding(s)` };
        const names = get(obj, ['spec', 'placement', 'clusterAffinity', 'clusterNames']) as string[] | undefined;
        if (names?.length) return { ...base, clusters: [...names].sort(), source: 'from spec.placement.clusterAffinity.clusterNames (no bindings yet)' };
        const selector = parseLabelSelector(get(obj, ['spec', 'placement', 'clusterAffinity', 'labelSelector']));
        if (selector) {
          const matching = members.filter((m) => !selectorMismatch(selector, m.labels)).map((m) => m.name);
          return { ...base, clusters: matching.sort(), source: 'members whose labels match spec.placement.clusterAffinity.labelSelector (no bindings yet)' };
        }
        return { ...base, clusters: members.map((m) => m.name).sort(), source: 'no cluster affinity: every member (no bindings yet)' };
      }
      const own = decisions.filter(
        (d) => d.metadata.namespace === obj.metadata.namespace && d.metadata.labels?.['cluster.open-cluster-management.io/placement'] === obj.metadata.name,
      );
      const clusters = [...new Set(own.flatMap((d) => ((d.status?.decisions ?? []) as { clusterName: string }[]).map((x) => x.clusterName)))];
      if (own.length) return { ...base, clusters: clusters.sort(), source: `from ${own.length} PlacementDecision(s)` };
      return { ...base, clusters: [], source: 'no PlacementDecisions yet' };
    })
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}
