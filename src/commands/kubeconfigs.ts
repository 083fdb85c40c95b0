/** The fixes the Federation view and its welcome content point to: choose kubeconfig files, open one. */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../core/config';

/** Adds the chosen files to flotilla.kubeconfigs (user settings); the session reloads on the change. */
export async function chooseKubeconfigs(): Promise<void> {
  const files = await vscode.window.showOpenDialog({ title: 'Kubeconfig files for Flotilla', canSelectMany: true, openLabel: 'Use These Kubeconfigs' });
  if (!files?.length) return;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const current = config.inspect<string[]>('kubeconfigs')?.globalValue ?? [];
  const next = [...new Set([...current, ...files.map((f) => f.fsPath)])];
  await config.update('kubeconfigs', next, vscode.ConfigurationTarget.Global);
}

export async function openKubeconfig(file?: string): Promise<void> {
  if (file) await vscode.window.showTextDocument(vscode.Uri.file(file));
}
