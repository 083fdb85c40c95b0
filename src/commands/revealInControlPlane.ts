/**
 * Reveal in Control Plane: from a member's object that Karmada or OCM manages to the control plane's
 * node for it (the resource template, or the ManifestWork); when the tree cannot show it, the binding
 * or ManifestWork itself, read-only (as Open Read-Only does for any control plane row).
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { KubeObject } from '../../core/kube/watch';
import { flotillaUri } from '../contentProvider';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';

export async function revealInControlPlane(env: CommandEnv, view: vscode.TreeView<ExplorerNode>, node?: ExplorerNode): Promise<void> {
  if (!node?.managedBy) {
    const what = node ? `${node.resourceKind ?? node.kind} ${node.namespace ? `${node.namespace}/` : ''}${node.name ?? node.label}` : 'This row';
    return void vscode.window.showInformationMessage(`${what} carries no Karmada or OCM marks: no control plane manages it.`);
  }
  const target = await env.session.model.controlPlaneNode(node);
  if (target) {
    try {
      await view.reveal(target, { select: true, focus: true, expand: true });
      return;
    } catch (err) {
      env.log.warn(`reveal ${target.id}: ${(err as Error).message}; opening the object instead`);
    }
  }
  const object = await env.session.model.controlPlaneObject(node);
  if (!object) return void vscode.window.showWarningMessage(`${node.label}: ${node.managedBy.summary}, but no ${node.managedBy.federation} control plane in your kubeconfigs holds it.`);
  await openReadOnly(env, object.context, object.path, object.what);
}

/** Open Read-Only: the object a control plane row shows (template's binding, Work, ManifestWork, decision) as YAML. */
export async function openControlPlaneObject(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  if (!node?.objectPath || !node.context) return void vscode.window.showInformationMessage('Pick a Resource Template, binding, Work, ManifestWork or decision in the Federation view.');
  await openReadOnly(env, node.context, node.objectPath, `${node.resourceKind ?? node.kind} ${node.namespace ? `${node.namespace}/` : ''}${node.name ?? node.label} on ${node.context}`);
}

async function openReadOnly(env: CommandEnv, context: string, path: string, what: string): Promise<void> {
  const obj = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Flotilla: reading ${what}`, cancellable: true }, (_progress, token) =>
    env.session.clients.request<KubeObject>(context, { path, signal: signalFor(token) }),
  );
  delete obj.metadata.managedFields;
  const uri = flotillaUri(`/control-plane/${context}${path}.yaml`);
  env.content.set(uri, `# ${what} (read-only)\n${stringify(obj)}`);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
}
