/** Control-plane progress events to a VS Code progress notification, and per-member results to the log and one notification. */
import * as vscode from 'vscode';
import { describeEvent, describeResult, type ControlPlaneEvent, type MemberResult, type TemplateProblem } from '../../core/karmada/events';
import { signalFor } from '../kubeSession';

export interface Followed {
  results: MemberResult[];
  problems: TemplateProblem[];
  /** The control plane's own apply outcome, when it got that far. */
  applied?: Extract<ControlPlaneEvent, { type: 'applied' }>['outcome'];
}

/** Runs a control-plane stream under a cancellable notification; cancelling stops following and undoes nothing. */
export function followWithProgress(
  log: vscode.LogOutputChannel,
  title: string,
  start: (signal: AbortSignal) => AsyncIterable<ControlPlaneEvent>,
): Thenable<Followed> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const followed: Followed = { results: [], problems: [] };
    let expected = 0;
    for await (const e of start(signalFor(token))) {
      const line = describeEvent(e);
      log.info(`${title}: ${line}`);
      if (e.type === 'applied') followed.applied = e.outcome;
      if (e.type === 'scheduled') expected += e.placements.length;
      if (e.type === 'done') {
        followed.results = e.results;
        followed.problems = e.problems;
        continue;
      }
      const settles = e.type === 'healthy' || e.type === 'failed' || e.type === 'cleared';
      progress.report({ message: line, ...(settles && expected ? { increment: 100 / expected } : {}) });
    }
    return followed;
  });
}

/** Like reportOutcomes: every member's result in the log, one notification with a line per member. */
export function reportMemberResults(log: vscode.LogOutputChannel, title: string, followed: Followed): void {
  const { results, problems } = followed;
  const ok = results.filter((r) => r.ok);
  const failed = results.length - ok.length + problems.length;
  log.info(`${title}: ${ok.length}/${results.length} members succeeded${problems.length ? `, ${problems.length} template(s) placed nowhere` : ''}`);
  for (const r of results) {
    (r.ok ? log.info : log.error).call(log, `  ${describeResult(r)}`);
    for (const o of r.objects) log.info(`    ${o.ref}: ${o.state}`);
  }
  for (const p of problems) log.error(`  ${p.template}: ${p.message}`);
  const lines = [...results.map(describeResult), ...problems.map((p) => `${p.template}: ${p.message}`)].join(' | ');
  const message = `${title}: ${ok.length}/${results.length} members succeeded. ${lines}`;
  const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, 'Show Log').then((choice) => {
    if (choice) log.show();
  });
}
