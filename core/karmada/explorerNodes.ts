/**
 * The Karmada control plane as its controllers see it, as explorer nodes: resource templates (the
 * objects a ResourceBinding or ClusterResourceBinding exists for) with where they run, their aggregated
 * health and conditions; their Works per member; and the bindings each policy produced. Pure functions
 * over API objects.
 */
import { conditionsOf, conditionText, type Condition } from '../kube/conditions';
import type { ExplorerNode } from '../kube/explorerNode';
import type { KubeObject } from '../kube/watch';
import type { Health } from '../kube/workloads';
import {
  CPP_NAME,
  CPP_PERMANENT_ID,
  CRB_NAME,
  CRB_PERMANENT_ID,
  EXECUTION_NAMESPACE_PREFIX,
  mark,
  PP_NAME,
  PP_NAMESPACE,
  PP_PERMANENT_ID,
  RB_NAME,
  RB_NAMESPACE,
  RB_PERMANENT_ID,
} from './labels';

interface TargetCluster {
  name: string;
  replicas?: number;
}

interface AggregatedItem {
  clusterName: string;
  applied?: boolean;
  appliedMessage?: string;
  health?: string;
  status?: { readyReplicas?: number; replicas?: number };
}

interface BindingResource {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

const isClusterBinding = (b: KubeObject) => b.kind === 'ClusterResourceBinding' || !b.metadata.namespace;
const bindingKind = (b: KubeObject) => (isClusterBinding(b) ? 'ClusterResourceBinding' : 'ResourceBinding');
const nsName = (namespace: string | undefined, name: string | undefined) => (namespace ? `${namespace}/${name}` : `${name}`);

export function bindingPath(b: KubeObject): string {
  return isClusterBinding(b)
    ? `/apis/work.karmada.io/v1alpha2/clusterresourcebindings/${b.metadata.name}`
    : `/apis/work.karmada.io/v1alpha2/namespaces/${b.metadata.namespace}/resourcebindings/${b.metadata.name}`;
}

export function targetClusters(b: KubeObject): TargetCluster[] {
  return ((b.spec?.clusters ?? []) as TargetCluster[]).filter((c) => c && c.name).sort((x, y) => x.name.localeCompare(y.name));
}

/** "member1 ×3, member2 ×3" (replicas only for workloads Karmada divides or duplicates). */
export function whereItRuns(b: KubeObject): string {
  const clusters = targetClusters(b);
  return clusters.length ? clusters.map((c) => (c.replicas !== undefined ? `${c.name} ×${c.replicas}` : c.name)).join(', ') : 'no members';
}

/** The binding's health: not scheduled, a member unhealthy or not applied, not yet fully applied, healthy. */
export function bindingHealth(b: KubeObject): { health: Health; why: string } {
  const conditions = conditionsOf(b);
  const scheduled = conditions.find((c) => c.type === 'Scheduled');
  if (scheduled?.status === 'False') return { health: 'degraded', why: `not scheduled: ${scheduled.reason ?? ''}${scheduled.message ? ` (${scheduled.message})` : ''}` };
  const aggregated = (b.status?.aggregatedStatus ?? []) as AggregatedItem[];
  const failed = aggregated.find((a) => a.applied === false);
  if (failed) return { health: 'degraded', why: `not applied on ${failed.clusterName}${failed.appliedMessage ? `: ${failed.appliedMessage}` : ''}` };
  const unhealthy = aggregated.filter((a) => a.health === 'Unhealthy').map((a) => a.clusterName);
  if (unhealthy.length) return { health: 'degraded', why: `unhealthy on ${unhealthy.join(', ')}` };
  if (!scheduled) return { health: 'progressing', why: 'not scheduled yet' };
  const fully = conditions.find((c) => c.type === 'FullyApplied');
  if (fully?.status !== 'True') return { health: 'progressing', why: fully ? `not fully applied: ${fully.reason ?? ''}` : 'being applied' };
  const unknown = aggregated.filter((a) => a.health !== 'Healthy').map((a) => a.clusterName);
  if (unknown.length) return { health: 'progressing', why: `health unknown on ${unknown.join(', ')}` };
  return { health: 'healthy', why: 'scheduled, fully applied, healthy on every member' };
}

export function policyOfBinding(b: KubeObject): { kind: string; namespace?: string; name: string } | undefined {
  const pp = mark(b, PP_NAME);
  if (pp) return { kind: 'PropagationPolicy', namespace: mark(b, PP_NAMESPACE) ?? b.metadata.namespace, name: pp };
  const cpp = mark(b, CPP_NAME);
  return cpp ? { kind: 'ClusterPropagationPolicy', name: cpp } : undefined;
}

function bindingTooltip(b: KubeObject): string {
  const resource = (b.spec?.resource ?? {}) as BindingResource;
  const policy = policyOfBinding(b);
  const aggregated = new Map(((b.status?.aggregatedStatus ?? []) as AggregatedItem[]).map((a) => [a.clusterName, a]));
  const lines = [
    `${resource.kind ?? 'template'} ${nsName(resource.namespace, resource.name)} (${resource.apiVersion ?? ''})`,
    `${bindingKind(b)} ${nsName(b.metadata.namespace, b.metadata.name)}`,
    policy ? `policy: ${policy.kind} ${nsName(policy.namespace, policy.name)}` : 'policy: none recorded',
    `health: ${bindingHealth(b).why}`,
    'members:',
    ...targetClusters(b).map((c) => {
      const a = aggregated.get(c.name);
      const ready = a?.status?.readyReplicas !== undefined ? ` · ready ${a.status.readyReplicas}/${a.status.replicas ?? c.replicas ?? '?'}` : '';
      const applied = a ? (a.applied ? 'applied' : `not applied${a.appliedMessage ? ` (${a.appliedMessage})` : ''}`) : 'no status yet';
      return `  ${c.name}${c.replicas !== undefined ? `: ${c.replicas} replica(s)` : ''} · ${applied} · ${a?.health ?? 'health unknown'}${ready}`;
    }),
    ...conditionsOf(b).map((c) => `${conditionText(c)}`),
  ];
  return lines.join('\n');
}

/** One node per binding: the template it propagates, where it runs and how it is doing. */
export function templateNode(parent: ExplorerNode, b: KubeObject): ExplorerNode {
  const resource = (b.spec?.resource ?? {}) as BindingResource;
  const { health } = bindingHealth(b);
  return {
    id: `${parent.id}/${bindingKind(b)}/${b.metadata.namespace ?? ''}/${b.metadata.name}`,
    parentId: parent.id,
    kind: 'template',
    label: nsName(resource.namespace, resource.name),
    description: `${resource.kind ?? ''} → ${whereItRuns(b)}`,
    tooltip: bindingTooltip(b),
    icon: health,
    contextValue: `template.${resource.kind ?? 'unknown'}`,
    collapsible: true,
    context: parent.context,
    clusterName: parent.clusterName,
    federation: parent.federation,
    namespace: b.metadata.namespace,
    resourceKind: bindingKind(b),
    name: b.metadata.name,
    objectPath: bindingPath(b),
  };
}

export function templateNodes(parent: ExplorerNode, bindings: KubeObject[]): ExplorerNode[] {
  return bindings
    .map((b) => templateNode(parent, b))
    .sort((x, y) => x.label.localeCompare(y.label) || (x.description ?? '').localeCompare(y.description ?? ''));
}

/** The Works Karmada made from a binding: by permanent id, else by the binding's name annotations. */
export function worksOf(b: KubeObject, works: KubeObject[]): KubeObject[] {
  const cluster = isClusterBinding(b);
  const idKey = cluster ? CRB_PERMANENT_ID : RB_PERMANENT_ID;
  const id = b.metadata.labels?.[idKey];
  return works.filter((w) => {
    if (id && w.metadata.labels?.[idKey]) return w.metadata.labels[idKey] === id;
    if (cluster) return mark(w, CRB_NAME) === b.metadata.name;
    return mark(w, RB_NAME) === b.metadata.name && mark(w, RB_NAMESPACE) === b.metadata.namespace;
  });
}

export function memberOfWork(w: KubeObject): string {
  const ns = w.metadata.namespace ?? '';
  return ns.startsWith(EXECUTION_NAMESPACE_PREFIX) ? ns.slice(EXECUTION_NAMESPACE_PREFIX.length) : ns;
}

export function workHealth(w: KubeObject): { health: Health; summary: string } {
  const conditions = conditionsOf(w);
  const shown = ['Applied', 'Available', 'Degraded'].map((t) => conditions.find((c) => c.type === t)).filter((c): c is Condition => !!c);
  const manifests = (w.status?.manifestStatuses ?? []) as { health?: string }[];
  const healths = [...new Set(manifests.map((m) => m.health).filter(Boolean))];
  const summary = [...shown.map((c) => (c.status === 'True' ? c.type : `${c.type}=${c.status}`)), ...healths].join(' · ') || 'no status yet';
  const bad = shown.find((c) => (c.type === 'Degraded' ? c.status === 'True' : c.status === 'False'));
  const health: Health = bad || healths.includes('Unhealthy') ? 'degraded' : shown.some((c) => c.type === 'Applied' && c.status === 'True') ? (healths.length && healths.every((h) => h === 'Healthy') ? 'healthy' : 'progressing') : 'progressing';
  return { health, summary };
}

export function workNodes(parent: ExplorerNode, b: KubeObject, works: KubeObject[]): ExplorerNode[] {
  return worksOf(b, works)
    .map((w) => {
      const { health, summary } = workHealth(w);
      const manifests = (w.status?.manifestStatuses ?? []) as { health?: string; identifier?: { kind?: string; namespace?: string; name?: string } }[];
      return {
        id: `${parent.id}/work/${w.metadata.namespace}/${w.metadata.name}`,
        parentId: parent.id,
        kind: 'work' as const,
        label: memberOfWork(w),
        description: `${summary} · ${w.metadata.name}`,
        tooltip: [
          `Work ${w.metadata.namespace}/${w.metadata.name} for member ${memberOfWork(w)}`,
          ...conditionsOf(w).map(conditionText),
          ...manifests.map((m) => `${m.identifier?.kind ?? '?'} ${nsName(m.identifier?.namespace, m.identifier?.name)}: ${m.health ?? 'health unknown'}`),
        ].join('\n'),
        icon: health,
        contextValue: 'work',
        collapsible: false,
        context: parent.context,
        clusterName: memberOfWork(w),
        federation: parent.federation,
        namespace: w.metadata.namespace,
        resourceKind: 'Work',
        name: w.metadata.name,
        objectPath: `/apis/work.karmada.io/v1alpha1/namespaces/${w.metadata.namespace}/works/${w.metadata.name}`,
      };
    })
    .sort((x, y) => x.label.localeCompare(y.label));
}

/** The bindings a policy produced: by its permanent id, else by the policy name annotations. */
export function bindingsOfPolicy(policyKind: string, policy: KubeObject, bindings: KubeObject[]): KubeObject[] {
  const cluster = policyKind === 'ClusterPropagationPolicy';
  const idKey = cluster ? CPP_PERMANENT_ID : PP_PERMANENT_ID;
  const id = policy.metadata.labels?.[idKey];
  return bindings.filter((b) => {
    if (id && b.metadata.labels?.[idKey]) return b.metadata.labels[idKey] === id;
    if (cluster) return mark(b, CPP_NAME) === policy.metadata.name;
    return mark(b, PP_NAME) === policy.metadata.name && (mark(b, PP_NAMESPACE) ?? b.metadata.namespace) === policy.metadata.namespace;
  });
}

export function bindingNodes(parent: ExplorerNode, bindings: KubeObject[]): ExplorerNode[] {
  return bindings
    .map((b) => {
      const resource = (b.spec?.resource ?? {}) as BindingResource;
      return {
        ...templateNode(parent, b),
        kind: 'binding' as const,
        label: nsName(b.metadata.namespace, b.metadata.name),
        description: `${resource.kind ?? ''} ${nsName(resource.namespace, resource.name)} → ${whereItRuns(b)}`,
        contextValue: 'binding',
        collapsible: false,
      };
    })
    .sort((x, y) => x.label.localeCompare(y.label));
}
