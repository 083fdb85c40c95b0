/**
 * flotilla.createWorkloadPlacement: from the workload under the cursor, a PropagationPolicy (Karmada) or a
 * Placement and ManifestWorkReplicaSet (OCM) placing it on members picked from the live federation,
 * appended to the same file.
 */
import * as vscode from 'vscode';
import { DocumentCache, documentAt } from '../../core/language/document';
import { federationLabel, type Federation } from '../../core/kube/discovery';
import { appendedDocuments, endPosition, placementDocuments, placementTitle, workloadOf, type PlacementFlavour } from '../../core/templates/workloadPlacement';
import type { CommandEnv } from './deploy';

const FLAVOUR_OF: Partial<Record<Federation['kind'], PlacementFlavour>> = { Karmada: 'karmada', OCM: 'ocm' };

export async function createWorkloadPlacement(env: CommandEnv): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const text = editor?.document.getText() ?? '';
  const uri = editor?.document.uri.toString() ?? '';
  const doc = editor && documentAt(new DocumentCache().parse(uri, text), editor.selection.active);
  const workload = doc && workloadOf(doc.value());
  if (!editor || !workload) {
    void vscode.window.showWarningMessage('Flotilla: put the cursor in a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob document.');
    return;
  }
  const federations = (await env.session.model.discover()).federations.filter((f) => FLAVOUR_OF[f.kind]);
  if (!federations.length) {
    void vscode.window.showWarningMessage('Flotilla: no Karmada or OCM control plane found in your kubeconfig contexts.', 'Choose Kubeconfig Files').then((choice) => choice && vscode.commands.executeCommand('flotilla.chooseKubeconfigs'));
    return;
  }
  const federation = federations.length === 1 ? federations[0] : (await vscode.window.showQuickPick(
    federations.map((f) => ({ label: placementTitle(FLAVOUR_OF[f.kind]!, workload), description: federationLabel(f), federation: f })),
    { title: 'Place the workload through' },
  ))?.federation;
  if (!federation) return;
  const members = await pickMembers(federation);
  if (!members?.length) return;
  const flavour = FLAVOUR_OF[federation.kind]!;
  const edit = new vscode.WorkspaceEdit();
  const end = endPosition(text);
  edit.insert(editor.document.uri, new vscode.Position(end.line, end.character), appendedDocuments(text, placementDocuments(flavour, workload, members)));
  await vscode.workspace.applyEdit(edit);
  editor.revealRange(new vscode.Range(end.line + 1, 0, end.line + 1, 0));
}

async function pickMembers(federation: Federation): Promise<string[] | undefined> {
  const items = federation.members.map((m) => ({ label: m.name, description: `${m.health}${m.context ? ` · ${m.context}` : ''}`, picked: m.health !== 'error' }));
  const picked = await vscode.window.showQuickPick(items, { title: `Members of ${federationLabel(federation)}`, canPickMany: true });
  return picked?.map((p) => p.label);
}
