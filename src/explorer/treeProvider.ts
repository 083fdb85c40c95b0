/**
 * Maps the core explorer model onto a VS Code TreeView. All content decisions live in
 * core/kube/explorer.ts; this file only translates nodes to TreeItems and forwards events.
 */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { KubeSession } from '../kubeSession';
import { iconFor } from './icons';

export class FederationTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private unsubscribe: (() => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly session: KubeSession,
    private readonly mediaUri: vscode.Uri,
  ) {
    this.subscribe();
    this.disposables.push(
      session.onDidReload(() => {
        this.subscribe();
        this.emitter.fire(undefined);
      }),
    );
  }

  private subscribe(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.session.model.onDidChange((node) => this.emitter.fire(node));
  }

  attach(view: vscode.TreeView<ExplorerNode>): void {
    this.disposables.push(view.onDidCollapseElement((e) => this.session.model.collapsed(e.element)));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = iconFor(node.icon, this.mediaUri);
    if (node.fix) {
      item.command = { title: node.fix.title, command: node.fix.command, arguments: node.fix.arguments };
      item.tooltip = `${node.tooltip ?? node.label}\n\nClick: ${node.fix.title}`;
    }
    return item;
  }

  /** VS Code's reveal walks up from a node to the root. */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.session.model.parent(node);
  }

  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return node ? this.session.model.children(node) : this.session.model.roots();
  }

  refresh(): void {
    this.session.model.refresh();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
