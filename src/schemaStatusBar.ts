/** The status bar item counting schema kinds per source, kept current by the server's notifications. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SchemaStatusChangedNotification, SchemaStatusRequest, type SchemaSourceCount } from '../core/protocol';
import { schemaStatusSummary } from '../core/schema/statusSummary';

export const SCHEMA_STATUS_ITEM_ID = 'flotilla.schemaStatus';

export function registerSchemaStatusBar(client: LanguageClient): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem(SCHEMA_STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Flotilla Schemas';
  item.command = 'flotilla.showLog';
  const show = (counts: SchemaSourceCount[]) => {
    const summary = schemaStatusSummary(counts);
    item.text = `$(symbol-structure) ${summary.text}`;
    item.tooltip = summary.tooltip;
    item.show();
  };
  const subscription = client.onNotification(SchemaStatusChangedNotification.type, show);
  void client.sendRequest(SchemaStatusRequest.type).then(show, () => undefined);
  return [item, subscription];
}
