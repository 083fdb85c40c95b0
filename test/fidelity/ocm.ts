/**
 * Runs one generated OCM case on the lab: creates the Placement under the case's fresh name, waits (on
 * watches) for the placement controller's PlacementDecisions to hold as many clusters as its status says
 * it selected, reads them, deletes the Placement and waits for its decisions to go (the Balance
 * prioritizer counts every Placement's decisions, so one case must not see another's).
 */
import type { ClusterClients } from '../../core/kube/clients';
import type { KubeObject } from '../../core/kube/watch';
import { watchUntil } from '../support/watchUntil';
import { OCM_NAMESPACE } from './fleet';
import type { OcmCase } from './generate';
import type { Answer } from './previews';

const PLACEMENTS = `/apis/cluster.open-cluster-management.io/v1beta1/namespaces/${OCM_NAMESPACE}/placements`;
const DECISIONS = `/apis/cluster.open-cluster-management.io/v1beta1/namespaces/${OCM_NAMESPACE}/placementdecisions`;
const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';

export function placementOf(c: OcmCase): Record<string, unknown> {
  return { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: c.id, namespace: OCM_NAMESPACE }, spec: c.spec };
}

type Condition = { type: string; status: string; reason?: string; message?: string };

const GROUP_INDEX_LABEL = 'cluster.open-cluster-management.io/decision-group-index';
const GROUP_NAME_LABEL = 'cluster.open-cluster-management.io/decision-group-name';

function decisionsOf(items: KubeObject[], name: string): { cluster: string; group: string }[] {
  return items.filter((d) => d.metadata.labels?.[PLACEMENT_LABEL] === name).flatMap((d) => {
    const group = `${d.metadata.labels?.[GROUP_INDEX_LABEL] ?? ''}:${d.metadata.labels?.[GROUP_NAME_LABEL] ?? ''}`;
    return ((d.status?.decisions ?? []) as { clusterName: string }[]).map((x) => ({ cluster: x.clusterName, group }));
  });
}

const decided = (items: KubeObject[], name: string) => decisionsOf(items, name).map((d) => d.cluster);

export async function runOcmCase(clients: ClusterClients, c: OcmCase): Promise<Answer> {
  await clients.request('host', { method: 'POST', path: PLACEMENTS, body: placementOf(c) });
  try {
    const placement = await watchUntil(clients, 'host', PLACEMENTS, (items) => {
      const p = items.find((i) => i.metadata.name === c.id);
      const conditions = (p?.status?.conditions ?? []) as Condition[];
      return conditions.some((x) => x.type === 'PlacementSatisfied') && p;
    }, `the placement controller to decide ${c.id}`, 60_000);
    const selected = (placement.status?.numberOfSelectedClusters as number | undefined) ?? 0;
    const decisions = await watchUntil(clients, 'host', DECISIONS, (items) => {
      const found = decisionsOf(items, c.id);
      return found.length === selected && found;
    }, `the PlacementDecisions of ${c.id} to list ${selected} clusters`, 60_000);
    const clusters = decisions.map((d) => d.cluster);
    const conditions = (placement.status?.conditions ?? []) as Condition[];
    const misconfigured = conditions.find((x) => x.type === 'PlacementMisconfigured' && x.status === 'True');
    if (clusters.length === 0) {
      const why = misconfigured ?? conditions.find((x) => x.type === 'PlacementSatisfied');
      return { error: `${why?.reason ?? 'NoDecisions'}: ${why?.message ?? ''}` };
    }
    const groups = c.spec.decisionStrategy ? { groups: Object.fromEntries(decisions.map((d) => [d.cluster, d.group])) } : {};
    return { clusters: Object.fromEntries(clusters.map((n) => [n, 0])), ...groups };
  } finally {
    await clients.request('host', { method: 'DELETE', path: `${PLACEMENTS}/${c.id}` });
    await watchUntil(clients, 'host', DECISIONS, (items) => decided(items, c.id).length === 0 && !items.some((d) => d.metadata.labels?.[PLACEMENT_LABEL] === c.id), `the PlacementDecisions of ${c.id} to go`, 60_000);
  }
}
