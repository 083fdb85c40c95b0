/**
 * Which pod (and container) of which cluster a pod command acts on: a workload node of the tree gives the
 * cluster and the workload's pods; from the palette, pick the cluster, then any of its pods.
 */
import * as vscode from 'vscode';
import { defaultContainer } from '../../core/kube/exec';
import type { ExplorerNode } from '../../core/kube/explorer';
import { workloadPath } from '../../core/kube/inspect';
import type { PodTarget } from '../../core/kube/streams';
import type { KubeList, KubeObject } from '../../core/kube/watch';
import type { KubeSession } from '../kubeSession';
import { clusterItems } from './pickClusters';

export interface PickedPod extends PodTarget {
  container: string;
  object: KubeObject;
}

interface PodItem extends vscode.QuickPickItem {
  pod: KubeObject;
}

/** The cluster to look in: the node's own context when it is not a control plane, else one picked. */
async function pickCluster(session: KubeSession, node: ExplorerNode | undefined, title: string): Promise<string | undefined> {
  if (node?.context && node.kind === 'workload' && node.federation?.context !== node.context) return node.context;
  const items = (await clusterItems(session)).filter((i) => !session.clients.problem(i.context));
  const members = node?.federation ? items.filter((i) => node.federation!.members.some((m) => m.context === i.context)) : items;
  return (await vscode.window.showQuickPick(members.length ? members : items, { title: `${title}: cluster` }))?.context;
}

async function podsOf(session: KubeSession, cluster: string, node: ExplorerNode | undefined, signal: AbortSignal): Promise<KubeObject[]> {
  const clients = session.clients;
  if (node?.kind === 'workload' && node.resourceKind && node.namespace && node.name) {
    const workload = await clients.request<KubeObject>(cluster, { path: workloadPath({ kind: node.resourceKind, namespace: node.namespace, name: node.name }), signal });
    const labels = ((workload.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {}) as Record<string, string>;
    const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
    return (await clients.request<KubeList>(cluster, { path: `/api/v1/namespaces/${encodeURIComponent(node.namespace)}/pods`, query: { labelSelector }, signal })).items;
  }
  return (await clients.request<KubeList>(cluster, { path: '/api/v1/pods', signal })).items;
}

export async function pickPod(session: KubeSession, node: ExplorerNode | undefined, title: string): Promise<PickedPod | undefined> {
  const cluster = await pickCluster(session, node, title);
  if (!cluster) return undefined;
  const signal = AbortSignal.timeout(session.settings['cluster.timeoutMs']);
  const pods = await podsOf(session, cluster, node, signal);
  const running = pods.filter((p) => p.status?.phase === 'Running');
  if (!running.length) {
    void vscode.window.showWarningMessage(`Flotilla: no running pod${node?.name ? ` of ${node.name}` : ''} on ${cluster}`);
    return undefined;
  }
  const items: PodItem[] = running.map((p) => ({
    label: `${p.metadata.namespace}/${p.metadata.name}`,
    description: String(p.spec?.nodeName ?? ''),
    pod: p,
  }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: `${title}: pod on ${cluster}` });
  if (!picked) return undefined;
  const containers = ((picked.pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const preferred = defaultContainer(picked.pod);
  const container =
    containers.length <= 1
      ? preferred
      : await vscode.window.showQuickPick(
          [preferred!, ...containers.filter((c) => c !== preferred)].map((c) => c),
          { title: `${title}: container of ${picked.pod.metadata.name}` },
        );
  if (!container) return undefined;
  return { cluster, namespace: picked.pod.metadata.namespace ?? 'default', pod: picked.pod.metadata.name, container, object: picked.pod };
}
