/**
 * Deploy to Members: active file or selection, multi-document; pick members; access pre-flight;
 * server-side dry-run with optional per-cluster diff; server-side apply; per-cluster results. When a
 * target is a Karmada control plane, offer a PropagationPolicy for the chosen members.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { describeConflicts } from '../../core/kube/applyConflict';
import { checkAccess, conflictedClusters, deployToClusters, type ClusterOutcome } from '../../core/kube/deploy';
import type { ExplorerNode } from '../../core/kube/explorer';
import { comparableYaml } from '../../core/kube/inspect';
import { parseManifests } from '../../core/kube/manifests';
import { propagationPoliciesFor } from '../../core/kube/propagation';
import type { KubeObject } from '../../core/kube/watch';
import { flotillaUri, type FlotillaContentProvider } from '../contentProvider';
import { signalFor, type KubeSession } from '../kubeSession';
import { offerControlPlane } from './controlPlaneOffer';
import { pickClusters } from './pickClusters';
import { reportOutcomes } from './report';

export interface CommandEnv {
  session: KubeSession;
  state: vscode.Memento;
  log: vscode.LogOutputChannel;
  content: FlotillaContentProvider;
}

function manifestText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
}

export async function deployToMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { session, log } = env;
  const text = manifestText();
  if (!text) return void vscode.window.showWarningMessage('Open a YAML manifest (or select documents in one) to deploy.');
  const { objects, errors } = parseManifests(text);
  if (errors.length) {
    return void vscode.window.showErrorMessage(`Cannot deploy: ${errors.map((e) => `document ${e.document}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('; ')}`);
  }
  if (!objects.length) return void vscode.window.showWarningMessage('No Kubernetes objects to deploy.');
  let targets = await pickClusters(session, env.state, { key: 'deploy', title: `Deploy ${objects.length} object(s) to`, preselect: node?.context ? [node.context] : undefined });
  if (!targets) return;
  targets = await offerControlPlane(env, targets, objects);
  if (!targets.length) return;
  const fieldManager = session.settings['deploy.fieldManager'];
  const fieldValidation = session.settings['validation.strict'] ? 'Strict' : 'Warn';

  const access = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flotilla: checking access', cancellable: true },
    (_p, token) => checkAccess(session.clients, session.resolver, targets!, objects, session.fanOutOptions(signalFor(token))),
  );
  const denied = access.filter((a) => !a.allowed);
  if (denied.length) {
    for (const d of denied) log.warn(`access check ${d.cluster}: ${d.denied.join('; ')}`);
    const choice = await vscode.window.showWarningMessage(
      `Access check: ${denied.map((d) => `${d.cluster} (${d.denied[0]})`).join(', ')}`,
      { modal: true },
      'Skip Those',
      'Deploy Anyway',
    );
    if (!choice) return;
    if (choice === 'Skip Those') targets = targets.filter((t) => !denied.some((d) => d.cluster === t));
    if (!targets.length) return;
  }

  const dryRun = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flotilla: server-side dry-run', cancellable: true },
    (_p, token) => deployToClusters(session.clients, session.resolver, targets!, objects, { ...session.fanOutOptions(signalFor(token)), fieldManager, fieldValidation, dryRun: true }),
  );
  const summary = dryRun.map((o) => `${o.cluster}: ${o.summary}`).join('\n');
  log.info(`dry-run:\n${summary}`);
  for (;;) {
    const choice = await vscode.window.showInformationMessage(`Dry-run results`, { modal: true, detail: summary }, 'Apply', 'Show Diffs');
    if (!choice) return;
    if (choice === 'Apply') break;
    await showDiffs(env, dryRun);
  }

  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Flotilla: deploying to ${targets.length} cluster(s)`, cancellable: true },
    (progress, token) =>
      deployToClusters(session.clients, session.resolver, targets!, objects, {
        ...session.fanOutOptions(signalFor(token)),
        fieldManager,
        fieldValidation,
        onCluster: (o) => progress.report({ increment: 100 / targets!.length, message: `${o.cluster}: ${o.ok ? o.summary : 'failed'}` }),
      }),
  );
  reportOutcomes(log, 'Deploy', outcomes);
  await offerForce(env, objects, conflictedClusters(outcomes), { fieldManager, fieldValidation });
  await offerPropagationPolicy(env, targets, outcomes, objects);
}

/** Per cluster whose apply failed on fields other managers own: name them, and apply with force there only. */
async function offerForce(env: CommandEnv, objects: KubeObject[], conflicted: ClusterOutcome[], apply: { fieldManager: string; fieldValidation: 'Strict' | 'Warn' }) {
  const { session, log } = env;
  for (const outcome of conflicted) {
    const detail = outcome.objects.filter((o) => o.conflicts).map((o) => `${o.ref}: ${describeConflicts(o.conflicts!)}`).join('\n');
    const choice = await vscode.window.showWarningMessage(
      `${outcome.cluster}: fields are managed by another field manager`,
      { modal: true, detail: `${detail}\n\n"Apply with Force" takes these fields over on ${outcome.cluster} only (as kubectl apply --server-side --force-conflicts).` },
      'Apply with Force',
    );
    if (choice !== 'Apply with Force') continue;
    const forced = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Flotilla: applying with force to ${outcome.cluster}`, cancellable: true },
      (_p, token) => deployToClusters(session.clients, session.resolver, [outcome.cluster], objects, { ...session.fanOutOptions(signalFor(token)), ...apply, force: true }),
    );
    reportOutcomes(log, `Deploy with force to ${outcome.cluster}`, forced);
  }
}

export async function showDiffs(env: CommandEnv, dryRun: ClusterOutcome[]): Promise<void> {
  for (const o of dryRun) {
    for (const [i, obj] of o.objects.entries()) {
      if (!obj.after || obj.result === 'unchanged') continue;
      const left = flotillaUri(`/dry-run/${o.cluster}/${i}/live.yaml`);
      const right = flotillaUri(`/dry-run/${o.cluster}/${i}/applied.yaml`);
      env.content.set(left, comparableYaml(obj.before));
      env.content.set(right, comparableYaml(obj.after));
      await vscode.commands.executeCommand('vscode.diff', left, right, `${o.cluster}: ${obj.ref} (live ↔ dry-run)`, { preview: false });
    }
  }
}

async function offerPropagationPolicy(env: CommandEnv, targets: string[], outcomes: ClusterOutcome[], objects: ReturnType<typeof parseManifests>['objects']) {
  const d = await env.session.model.discover();
  const karmada = d.federations.find((f) => f.kind === 'Karmada' && targets.includes(f.context) && outcomes.some((o) => o.cluster === f.context && o.ok));
  if (!karmada) return;
  const choice = await vscode.window.showInformationMessage(`Applied to the Karmada control plane ${karmada.context}. Generate a PropagationPolicy?`, 'Generate');
  if (!choice) return;
  const picks = await vscode.window.showQuickPick(
    karmada.members.map((m) => ({ label: m.name, picked: true })),
    { canPickMany: true, title: 'Propagate to members' },
  );
  if (!picks?.length) return;
  const policies = propagationPoliciesFor(objects.filter((o) => !o.kind?.includes('PropagationPolicy')), picks.map((p) => p.label), `flotilla-${objects[0].metadata.name}`);
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: policies.map((p) => stringify(p)).join('---\n') });
  await vscode.window.showTextDocument(doc);
}
