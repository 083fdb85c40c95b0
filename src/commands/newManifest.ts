/** flotilla.newFederationManifest: a template (snippets/federation.json) in a new YAML editor, tab stops live. */
import * as vscode from 'vscode';
import { TEMPLATES } from '../../core/templates';

export async function newFederationManifest(): Promise<void> {
  const items = TEMPLATES.map((t) => ({ label: t.kind, description: `${t.family} · ${t.apiVersion}`, detail: t.description, template: t }));
  const picked = await vscode.window.showQuickPick(items, { title: 'New Federation Manifest', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return;
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(picked.template.body));
}
