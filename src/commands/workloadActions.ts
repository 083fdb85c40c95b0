/**
 * Scale, Restart and Rollout Status Across Members. A workload picked on a Karmada control plane is a
 * template: it is changed there only (Karmada redistributes replicas and updates the members) and its
 * rollout is followed per member through its ResourceBinding; elsewhere the picked members are changed
 * directly, all at once, and each one's rollout followed on its own.
 */
import * as vscode from 'vscode';
import { waitForTemplateRollout } from '../../core/karmada/templateRollout';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { ClusterResult } from '../../core/kube/fanout';
import type { WorkloadRef } from '../../core/kube/inspect';
import { rolloutStatusAcross, type RolloutResult } from '../../core/kube/rollout';
import { actAcross, describeAction, RESTARTABLE_KINDS, SCALABLE_KINDS, type WorkloadAction } from '../../core/kube/workloadActions';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { pickClusters } from './pickClusters';
import { defaultClusters, templateTarget, workloadFrom } from './target';
import { describeError } from '../../core/kube/errors';

const ROLLOUT_DEADLINE_MS = 5 * 60_000;

interface ActionTarget {
  ref: WorkloadRef;
  /** Contexts acted on directly. */
  members: string[];
  /** Karmada control planes whose template is acted on. */
  templates: string[];
}

async function actionTarget(env: CommandEnv, node: ExplorerNode | undefined, kinds: string[], verb: string): Promise<ActionTarget | undefined> {
  const fromTemplate = node?.kind === 'template' && node.context && node.objectPath;
  const ref = fromTemplate ? (await templateTarget(env.session, node, kinds))?.ref : await workloadFrom(node, kinds);
  if (!ref) return undefined;
  const discovery = await env.session.model.discover();
  const karmada = discovery.federations.filter((f) => f.kind === 'Karmada');
  const onPlane = (node?.kind === 'workload' || fromTemplate) && karmada.find((f) => f.context === node?.context);
  const picked = onPlane
    ? [onPlane.context]
    : await pickClusters(env.session, env.state, { key: 'workloadActions', title: `${verb} ${ref.kind} ${ref.namespace}/${ref.name} on`, preselect: await defaultClusters(env.session, node) });
  if (!picked) return undefined;
  const planes = karmada.filter((f) => picked.includes(f.context));
  // A member of a picked control plane follows its template; changing it directly would be undone.
  const federated = new Set(planes.flatMap((f) => f.members.flatMap((m) => (m.context ? [m.context] : []))));
  return { ref, templates: planes.map((f) => f.context), members: picked.filter((c) => !planes.some((f) => f.context === c) && !federated.has(c)) };
}


/** Rollout status of the target everywhere: the members directly, each template through its binding. */
async function followRollouts(env: CommandEnv, target: ActionTarget, progress: vscode.Progress<{ message?: string }>, signal: AbortSignal): Promise<Lines> {
  const lines: string[] = [];
  let complete = true;
  const direct = rolloutStatusAcross(env.session.clients, target.members, target.ref, {
    deadlineMs: ROLLOUT_DEADLINE_MS,
    concurrency: env.session.settings['deploy.concurrency'],
    signal,
    onResult: (r: ClusterResult<RolloutResult>) => progress.report({ message: `${r.cluster}: ${r.ok ? r.value.message : r.error.describe()}` }),
  }).then((results) => {
    for (const r of results) {
      complete &&= r.ok && r.value.done;
      lines.push(`${r.cluster}: ${r.ok ? `${r.value.done ? '' : r.value.failed ? 'failed: ' : 'incomplete: '}${r.value.message}` : r.error.describe()}`);
    }
  });
  const federated = target.templates.map(async (plane) => {
    try {
      const rollout = await waitForTemplateRollout(env.session.clients, plane, target.ref, {
        deadlineMs: ROLLOUT_DEADLINE_MS,
        signal,
        onProgress: (r) => progress.report({ message: `${plane} (Karmada): ${r.message}` }),
      });
      complete &&= rollout.done;
      lines.push(`${plane} (Karmada template)${rollout.done ? '' : ' incomplete'}: ${rollout.message}`);
      for (const m of rollout.members) lines.push(`  ${m.cluster}: ${m.replicas ?? '?'} replica(s), ${m.state.message}`);
    } catch (err) {
      complete = false;
      lines.push(`${plane} (Karmada template): ${describeError(err)}`);
    }
  });
  await Promise.all([direct, ...federated]);
  return { lines, complete };
}

interface Lines {
  lines: string[];
  complete: boolean;
}

function report(env: CommandEnv, title: string, lines: string[], failed: boolean): void {
  env.log.info(`${title}:`);
  for (const line of lines) (failed ? env.log.warn : env.log.info).call(env.log, `  ${line}`);
  const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`${title}: ${lines.filter((l) => !l.startsWith('  ')).join(' | ')}`, 'Show Log').then((choice) => {
    if (choice) env.log.show();
  });
}

async function act(env: CommandEnv, target: ActionTarget, action: WorkloadAction): Promise<void> {
  const title = `${describeAction(action)} ${target.ref.kind} ${target.ref.namespace}/${target.ref.name}`;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: ${title}`, cancellable: true }, async (progress, token) => {
    const signal = signalFor(token);
    const everywhere = [...target.templates, ...target.members];
    const results = await actAcross(env.session.clients, everywhere, target.ref, action, env.session.fanOutOptions(signal));
    const failed = results.filter((r) => !r.ok);
    const done = new Set(results.filter((r) => r.ok).map((r) => r.cluster));
    const lines = failed.map((r) => `${r.cluster}: ${r.ok ? '' : r.error.describe()}`);
    const rollouts = await followRollouts(env, { ...target, templates: target.templates.filter((c) => done.has(c)), members: target.members.filter((c) => done.has(c)) }, progress, signal);
    report(env, title, [...lines, ...rollouts.lines], failed.length > 0 || !rollouts.complete);
  });
}

export async function scaleAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const target = await actionTarget(env, node, SCALABLE_KINDS, 'Scale');
  if (!target) return;
  const answer = await vscode.window.showInputBox({
    title: `Scale ${target.ref.kind} ${target.ref.namespace}/${target.ref.name}`,
    prompt: target.templates.length ? 'Replicas of the template (Karmada divides or duplicates them across its members)' : 'Replicas on each picked member',
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'a whole number of replicas'),
  });
  if (answer === undefined) return;
  await act(env, target, { kind: 'scale', replicas: Number(answer.trim()) });
}

export async function restartAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const target = await actionTarget(env, node, RESTARTABLE_KINDS, 'Restart');
  if (!target) return;
  await act(env, target, { kind: 'restart', at: new Date() });
}

export async function rolloutStatusAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const target = await actionTarget(env, node, RESTARTABLE_KINDS, 'Rollout status of');
  if (!target) return;
  const title = `rollout status of ${target.ref.kind} ${target.ref.namespace}/${target.ref.name}`;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: ${title}`, cancellable: true }, async (progress, token) => {
    const { lines, complete } = await followRollouts(env, target, progress, signalFor(token));
    report(env, title, lines, !complete);
  });
}
