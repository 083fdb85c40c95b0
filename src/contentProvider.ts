/**
 * Read-only virtual documents under the `flotilla:` scheme (compare sides, inspect tables, service
 * views). Content is set by commands; live views update it and the editor refreshes.
 */
import * as vscode from 'vscode';

export const SCHEME = 'flotilla';

export class FlotillaContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.emitter.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function flotillaUri(path: string, query = ''): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path, query });
}
