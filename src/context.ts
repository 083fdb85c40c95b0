import * as vscode from 'vscode';
import { startLanguageClient } from './languageClient';
import { registerExplorer } from './commands';
import { CurrentSchedulesRequest, FederationSnapshotDeltaNotification, FederationSnapshotNotification, FederationSnapshotResyncNotification } from '../core/protocol';
import { SnapshotSender } from '../core/kube/snapshotSender';
import { registerSchemaStatusBar } from './schemaStatusBar';
import { signalFor } from './kubeSession';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * Owns the extension's long-lived parts. Disposables registered here live as long as the extension;
 * those tied to the language client are disposed when the client stops.
 */
export class FlotillaContext implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  client: LanguageClient | undefined;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {}

  async start(): Promise<void> {
    // The explorer works without the language server; the snapshot reaches the server once it runs.
    const snapshots = new SnapshotSender({
      whole: (snapshot) => void this.client?.sendNotification(FederationSnapshotNotification.type, snapshot),
      delta: (delta) => void this.client?.sendNotification(FederationSnapshotDeltaNotification.type, delta),
    });
    const explorer = registerExplorer(this.extension, this.log, (snapshot) => this.client && snapshots.send(snapshot));
    this.push(...explorer.disposables);
    this.client = await startLanguageClient(this);
    this.push(
      ...registerSchemaStatusBar(this.client),
      this.client.onNotification(FederationSnapshotResyncNotification.type, () => snapshots.resync()),
      this.client.onRequest(CurrentSchedulesRequest.type, (queries, token) => explorer.currentSchedules(queries, signalFor(token))),
    );
    void explorer.snapshot().then((snapshot) => snapshots.sendWhole(snapshot));
  }

  push(...items: vscode.Disposable[]): void {
    this.disposables.push(...items);
  }

  async dispose(): Promise<void> {
    await this.client?.stop();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
