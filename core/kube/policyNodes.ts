/**
 * The Policies folder's rows: each federation policy with the members it places to, and under it what
 * the control plane made of it (a Karmada policy's bindings, an OCM Placement's decisions).
 */
import { bindingNodes, bindingsOfPolicy } from '../karmada/explorerNodes';
import { KARMADA_PATHS } from '../karmada/labels';
import { decisionNodes, OCM_PATHS } from '../ocm/explorerNodes';
import type { ClusterClients } from './clients';
import { errorNode } from './clusterNodes';
import type { FederationKind } from './discovery';
import type { ExplorerNode } from './explorerNode';
import { placementsFor, POLICY_SOURCES } from './policies';
import type { ResourceWatch } from './watch';

/** The collections the Policies folder shows: the policies first, then the scheduler's decisions. */
export function policyPaths(kind: FederationKind): string[] {
  const source = POLICY_SOURCES[kind]!;
  return [...source.policies, ...source.decisions].map((p) => p.path);
}

/** From the watches of `policyPaths`, once ready; a failed decisions list only loses the decisions. */
export function policyNodes(parent: ExplorerNode, watches: ResourceWatch[], clients: ClusterClients): ExplorerNode[] {
  const f = parent.federation!;
  const source = POLICY_SOURCES[f.kind]!;
  const failed = watches.slice(0, source.policies.length).find((w) => w.state === 'error' && w.error?.kind !== 'notFound');
  if (failed) return [errorNode(parent, clients, failed.error!)];
  const policies = source.policies.flatMap((p, i) => watches[i].items().map((o) => ({ kind: p.kind, obj: o })));
  const decisions = watches.slice(source.policies.length).flatMap((w) => w.items());
  return placementsFor(f.kind, policies, decisions, f.members).map((p) => ({
    id: `${parent.id}/${p.kind}/${p.namespace ?? ''}/${p.name}`,
    kind: 'policy',
    label: p.namespace ? `${p.namespace}/${p.name}` : p.name,
    description: p.clusters.length ? `→ ${p.clusters.join(', ')}` : '→ no members',
    tooltip: `${p.kind} ${p.namespace ? p.namespace + '/' : ''}${p.name}\nplaces to: ${p.clusters.join(', ') || 'none'}\n(${p.source})`,
    icon: 'policy',
    contextValue: `policy.${p.kind}`,
    collapsible: true,
    context: f.context,
    federation: f,
    namespace: p.namespace,
    resourceKind: p.kind,
    name: p.name,
  }));
}

/** What a policy row lists and from which collections: a Karmada policy's bindings, a Placement's decisions. */
export function policyChildSource(parent: ExplorerNode): { paths: string[]; build: (watches: ResourceWatch[]) => ExplorerNode[] } {
  if (parent.federation!.kind === 'OCM') return { paths: [OCM_PATHS.placementDecisions], build: ([decisions]) => decisionNodes(parent, decisions.items()) };
  const policyPath = POLICY_SOURCES[parent.federation!.kind]!.policies.find((p) => p.kind === parent.resourceKind)!.path;
  return {
    paths: [policyPath, KARMADA_PATHS.resourceBindings, KARMADA_PATHS.clusterResourceBindings],
    build: ([policies, rb, crb]) => {
      const policy = policies.items().find((o) => o.metadata.name === parent.name && (o.metadata.namespace ?? '') === (parent.namespace ?? ''));
      return policy ? bindingNodes(parent, bindingsOfPolicy(parent.resourceKind!, policy, [...rb.items(), ...crb.items()])) : [];
    },
  };
}
