/**
 * The rows under a cluster: its namespaces with their workload counts, and under a namespace its workloads
 * with their health and, for objects a control plane manages, which federation placed them.
 */
import type { ExplorerNode } from './explorerNode';
import { managedBy } from './managedBy';
import type { ResourceWatch } from './watch';
import { summarize, WORKLOAD_KINDS, workloadLabel } from './workloads';

export function namespaceNodes(parent: ExplorerNode, namespaces: ResourceWatch, workloads: ResourceWatch[]): ExplorerNode[] {
  const context = parent.context!;
  const counts = new Map<string, number>();
  for (const w of workloads) for (const o of w.items()) counts.set(o.metadata.namespace ?? '', (counts.get(o.metadata.namespace ?? '') ?? 0) + 1);
  return namespaces
    .items()
    .map((ns) => ns.metadata.name)
    .sort()
    .map((name) => ({
      id: `${parent.id}/ns/${name}`,
      kind: 'namespace',
      label: name,
      description: counts.get(name) ? `${counts.get(name)}` : '',
      icon: 'namespace',
      contextValue: 'namespace',
      collapsible: true,
      context,
      clusterName: parent.clusterName,
      federation: parent.federation,
      namespace: name,
    }));
}

/** How long a member's namespaces wait for their workload counts before they show without them. */
const COUNTS_WAIT_MS = 100;

/**
 * The workload watches once all have listed, or none if that takes longer than COUNTS_WAIT_MS: a member's
 * thousands of workloads list slower than its namespaces, whose counts then follow with the refresh the
 * lists' completion brings (WatchPool). A count is never partial.
 */
export async function listedSoon(workloads: ResourceWatch[]): Promise<ResourceWatch[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, COUNTS_WAIT_MS)));
  await Promise.race([Promise.all(workloads.map((w) => w.ready())), waited]).finally(() => clearTimeout(timer));
  return workloads.every((w) => w.state !== 'loading') ? workloads : [];
}

/** `watches` are WORKLOAD_KINDS' collections of the namespace's cluster, in that order. */
export function workloadNodes(parent: ExplorerNode, watches: ResourceWatch[]): ExplorerNode[] {
  const context = parent.context!;
  const out: ExplorerNode[] = [];
  for (const [i, kind] of WORKLOAD_KINDS.entries()) {
    const w = watches[i];
    if (w.state === 'error' && !(kind.optional && w.error?.kind === 'notFound')) {
      out.push({ id: `${parent.id}/error/${kind.kind}`, kind: 'error', label: `${kind.kind}s: ${w.error!.describe()}`, icon: 'error', contextValue: 'error', collapsible: false, context });
      continue;
    }
    const items = w
      .items()
      .filter((o) => o.metadata.namespace === parent.namespace)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const obj of items) {
      const s = summarize(kind.kind, obj);
      const managed = managedBy(obj);
      out.push({
        id: `${parent.id}/${kind.kind}/${s.name}`,
        kind: 'workload',
        label: workloadLabel(s),
        description: managed ? `${kind.kind} · ${managed.federation}` : kind.kind,
        tooltip: `${kind.kind} ${s.namespace}/${s.name} on ${parent.clusterName}\n${s.detail}${managed ? `\n${managed.summary}` : ''}`,
        icon: s.health,
        contextValue: `workload.${kind.kind}`,
        collapsible: false,
        context,
        clusterName: parent.clusterName,
        federation: parent.federation,
        namespace: s.namespace,
        resourceKind: kind.kind,
        name: s.name,
        managedBy: managed,
      });
    }
  }
  return out;
}
