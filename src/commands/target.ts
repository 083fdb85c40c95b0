/** What a tree node (or the user, when invoked from the palette) points the command at. */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { WorkloadRef } from '../../core/kube/inspect';
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
