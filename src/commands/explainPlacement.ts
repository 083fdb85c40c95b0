/** flotilla.explainPlacement: the placement CodeLens's explanation, opened as Markdown beside the policy. */
import * as vscode from 'vscode';
import { formatExplanation, type PlacementExplanation } from '../../core/placement';

export async function explainPlacement(explanation?: PlacementExplanation): Promise<void> {
  if (!explanation?.outcome) {
    void vscode.window.showInformationMessage('Flotilla: click the placement CodeLens above a policy to explain it.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: formatExplanation(explanation) });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
}
