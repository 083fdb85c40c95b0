import * as vscode from 'vscode';
import type { NodeIcon } from '../../core/kube/explorer';

const CODICONS: Partial<Record<NodeIcon, string>> = {
  federation: 'type-hierarchy',
  folder: 'folder',
  namespace: 'symbol-namespace',
  policy: 'law',
  cluster: 'server',
  template: 'symbol-class',
  work: 'briefcase',
  binding: 'link',
  decision: 'pass',
};

/** Health states use the svg icons in media/; structural nodes use codicons. */
export function iconFor(icon: NodeIcon, media: vscode.Uri): vscode.Uri | vscode.ThemeIcon {
  const codicon = CODICONS[icon];
  if (codicon) return new vscode.ThemeIcon(codicon);
  return vscode.Uri.joinPath(media, `health-${icon}.svg`);
}
