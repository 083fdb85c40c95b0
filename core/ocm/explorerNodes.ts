/**
 * The OCM hub as its controllers see it, as explorer nodes: each Placement's live decisions (its
 * PlacementDecisions) and the ManifestWorks per managed cluster with their conditions and the status
 * feedback the work agent reports. Pure functions over API objects.
 */
import { conditionsOf, conditionText, type Condition } from '../kube/conditions';
import type { ExplorerNode } from '../kube/explorerNode';
import type { KubeObject } from '../kube/watch';
import type { Health } from '../kube/workloads';

export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';

export const OCM_PATHS = {
  placements: '/apis/cluster.open-cluster-management.io/v1beta1/placements',
  placementDecisions: '/apis/cluster.open-cluster-management.io/v1beta1/placementdecisions',
  manifestWorks: '/apis/work.open-cluster-management.io/v1/manifestworks',
};

export function decisionsOf(placement: { namespace?: string; name: string }, decisions: KubeObject[]): { cluster: string; reason: string; decision: string }[] {
  return decisions
    .filter((d) => d.metadata.namespace === placement.namespace && d.metadata.labels?.[PLACEMENT_LABEL] === placement.name)
    .flatMap((d) => ((d.status?.decisions ?? []) as { clusterName: string; reason?: string }[]).map((x) => ({ cluster: x.clusterName, reason: x.reason ?? '', decision: d.metadata.name })))
    .sort((a, b) => a.cluster.localeCompare(b.cluster));
}

/** One node per cluster the Placement decided on, from its PlacementDecisions. */
export function decisionNodes(parent: ExplorerNode, decisions: KubeObject[]): ExplorerNode[] {
  const placement = { namespace: parent.namespace, name: parent.name! };
  const found = decisionsOf(placement, decisions);
  if (!found.length) {
    return [{ id: `${parent.id}/none`, parentId: parent.id, kind: 'info', label: 'no decisions', description: 'no PlacementDecision lists a cluster', icon: 'unknown', contextValue: 'info', collapsible: false, context: parent.context }];
  }
  return found.map((d) => ({
    id: `${parent.id}/decision/${d.cluster}`,
    parentId: parent.id,
    kind: 'decision',
    label: d.cluster,
    description: `${d.decision}${d.reason ? ` · ${d.reason}` : ''}`,
    tooltip: `Placement ${placement.namespace}/${placement.name} decided on ${d.cluster}\nPlacementDecision ${placement.namespace}/${d.decision}${d.reason ? `\nreason: ${d.reason}` : ''}`,
    icon: 'decision',
    contextValue: 'decision',
    collapsible: false,
    context: parent.context,
    clusterName: d.cluster,
    federation: parent.federation,
    namespace: placement.namespace,
    resourceKind: 'PlacementDecision',
    name: d.decision,
    objectPath: `${OCM_PATHS.placementDecisions.replace('/placementdecisions', '')}/namespaces/${placement.namespace}/placementdecisions/${d.decision}`,
  }));
}

export function manifestWorkHealth(w: KubeObject): { health: Health; summary: string } {
  const shown = ['Applied', 'Available', 'Degraded'].map((t) => conditionsOf(w).find((c) => c.type === t)).filter((c): c is Condition => !!c);
  const summary = shown.map((c) => (c.status === 'True' ? c.type : `${c.type}=${c.status}`)).join(' · ') || 'no status yet';
  const degraded = shown.some((c) => (c.type === 'Degraded' ? c.status === 'True' : c.status === 'False'));
  const ok = shown.some((c) => c.type === 'Applied' && c.status === 'True') && shown.some((c) => c.type === 'Available' && c.status === 'True');
  return { health: degraded ? 'degraded' : ok ? 'healthy' : 'progressing', summary };
}

/** The ManifestWorks folder's children: one node per managed cluster (the works' namespace). */
export function manifestWorkClusterNodes(parent: ExplorerNode, works: KubeObject[]): ExplorerNode[] {
  const byCluster = new Map<string, KubeObject[]>();
  for (const w of works) byCluster.set(w.metadata.namespace ?? '', [...(byCluster.get(w.metadata.namespace ?? '') ?? []), w]);
  return [...byCluster.keys()].sort().map((cluster) => {
    const own = byCluster.get(cluster)!;
    const healths = own.map((w) => manifestWorkHealth(w).health);
    const icon: Health = healths.includes('degraded') ? 'degraded' : healths.every((h) => h === 'healthy') ? 'healthy' : 'progressing';
    return {
      id: `${parent.id}/cluster/${cluster}`,
      parentId: parent.id,
      kind: 'manifestWorkCluster',
      label: cluster,
      description: `${own.length} ManifestWork${own.length === 1 ? '' : 's'}`,
      icon,
      contextValue: 'manifestWorkCluster',
      collapsible: true,
      context: parent.context,
      clusterName: cluster,
      federation: parent.federation,
      namespace: cluster,
    };
  });
}

export function manifestWorkNodes(parent: ExplorerNode, works: KubeObject[]): ExplorerNode[] {
  return works
    .filter((w) => w.metadata.namespace === parent.namespace)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((w) => {
      const { health, summary } = manifestWorkHealth(w);
      const manifests = ((w.status?.resourceStatus as { manifests?: unknown[] } | undefined)?.manifests ?? []) as {
        resourceMeta?: { kind?: string; namespace?: string; name?: string };
        conditions?: Condition[];
        statusFeedback?: { values?: { name: string; fieldValue?: Record<string, unknown> }[] };
      }[];
      const manifestLines = manifests.map((m) => {
        const meta = m.resourceMeta ?? {};
        const conditions = (m.conditions ?? []).filter((c) => c.status !== 'True').map((c) => `${c.type}=${c.status}`);
        const feedback = (m.statusFeedback?.values ?? []).map((v) => `${v.name}=${Object.entries(v.fieldValue ?? {}).find(([k]) => k !== 'type')?.[1] ?? '?'}`);
        return `  ${meta.kind ?? '?'} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? '?'}${conditions.length ? ` · ${conditions.join(', ')}` : ''}${feedback.length ? ` · ${feedback.join(', ')}` : ''}`;
      });
      return {
        id: `${parent.id}/${w.metadata.name}`,
        parentId: parent.id,
        kind: 'manifestWork' as const,
        label: w.metadata.name,
        description: summary,
        tooltip: [`ManifestWork ${w.metadata.namespace}/${w.metadata.name} for cluster ${w.metadata.namespace}`, ...conditionsOf(w).map(conditionText), ...(manifestLines.length ? ['manifests:', ...manifestLines] : [])].join('\n'),
        icon: health,
        contextValue: 'manifestWork',
        collapsible: false,
        context: parent.context,
        clusterName: w.metadata.namespace,
        federation: parent.federation,
        namespace: w.metadata.namespace,
        resourceKind: 'ManifestWork',
        name: w.metadata.name,
        objectPath: `/apis/work.open-cluster-management.io/v1/namespaces/${w.metadata.namespace}/manifestworks/${w.metadata.name}`,
      };
    });
}
