/** What a tree node (or the user, when invoked from the palette) points the command at. */
import * as vscode from 'vscode';
import { targetClusters } from '../../core/karmada/explorerNodes';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { WorkloadRef } from '../../core/kube/inspect';
import type { KubeObject } from '../../core/kube/watch';
import { WORKLOAD_KINDS } from '../../core/kube/workloads';
import type { KubeSession } from '../kubeSession';

export async function workloadFrom(node: ExplorerNode | undefined, kinds = WORKLOAD_KINDS.map((k) => k.kind)): Promise<WorkloadRef | undefined> {
  if (node?.kind === 'workload' && node.resourceKind && node.namespace && node.name) {
    return { kind: node.resourceKind, namespace: node.namespace, name: node.name };
  }
  const kind = await vscode.window.showQuickPick(kinds, { title: 'Kind' });
  if (!kind) return undefined;
  const input = await vscode.window.showInputBox({ title: `${kind}: namespace/name`, value: 'default/', validateInput: (v) => (/^[^/\s]+\/[^/\s]+$/.test(v) ? undefined : 'namespace/name') });
  if (!input) return undefined;
  const [namespace, name] = input.split('/');
  return { kind, namespace, name };
}

/** Members of the node's federation that have a context; otherwise every usable context. */
export async function defaultClusters(session: KubeSession, node?: ExplorerNode): Promise<string[]> {
  if (node?.federation) return node.federation.members.flatMap((m) => (m.context && !session.clients.problem(m.context) ? [m.context] : []));
  return session.clients.contextNames().filter((c) => !session.clients.problem(c));
}

/** A Resource Templates node: the template its binding names, and the contexts of the members it was placed on. */
export async function templateTarget(session: KubeSession, node: ExplorerNode, kinds: string[]): Promise<{ ref: WorkloadRef; members: string[] } | undefined> {
  const binding = await session.clients.request<KubeObject>(node.context!, { path: node.objectPath!, signal: AbortSignal.timeout(session.settings['cluster.timeoutMs']) });
  const resource = (binding.spec?.resource ?? {}) as { kind?: string; namespace?: string; name?: string };
  if (!resource.kind || !resource.namespace || !resource.name || !kinds.includes(resource.kind)) {
    void vscode.window.showWarningMessage(`Flotilla: ${resource.kind ?? 'this template'} ${resource.name ?? ''} cannot be acted on this way`);
    return undefined;
  }
  const placed = new Set(targetClusters(binding).map((c) => c.name));
  const members = (node.federation?.members ?? []).flatMap((m) => (placed.has(m.name) && m.context && !session.clients.problem(m.context) ? [m.context] : []));
  return { ref: { kind: resource.kind, namespace: resource.namespace, name: resource.name }, members };
}
