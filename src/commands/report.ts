/** Per-cluster outcomes to the log channel and one notification. */
import * as vscode from 'vscode';
import type { ClusterOutcome } from '../../core/kube/deploy';

export function reportOutcomes(log: vscode.LogOutputChannel, title: string, outcomes: ClusterOutcome[]): void {
  const ok = outcomes.filter((o) => o.ok);
  log.info(`${title}: ${ok.length} succeeded, ${outcomes.length - ok.length} failed`);
  for (const o of outcomes) {
    (o.ok ? log.info : log.error).call(log, `  ${o.cluster}: ${o.summary}`);
    for (const obj of o.objects) log.info(`    ${obj.ref}: ${obj.result}${obj.reason ? ` (${obj.reason})` : ''}`);
  }
  const lines = outcomes.map((o) => `${o.cluster}: ${o.summary}`).join(' | ');
  const message = `${title}: ${ok.length}/${outcomes.length} clusters succeeded. ${lines}`;
  const show = ok.length === outcomes.length ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, 'Show Log').then((choice) => {
    if (choice) log.show();
  });
}
