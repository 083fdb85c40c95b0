/**
 * Join to Karmada / Unjoin from Karmada / Accept Managed Cluster / Detach Managed Cluster: from a row of
 * the Federation view or the palette. Each checks both sides and every permission first, shows the plan
 * in a modal, then runs it with one line per object in the log and follows the control plane's answer.
 */
import * as vscode from 'vscode';
import { clusterNameFor, invalidClusterName } from '../../core/karmada/joinPlan';
import { executeJoin, executeUnjoin, prepareJoin, prepareUnjoin, type MembershipResult } from '../../core/karmada/membership';
import { AccessDenied, describeOutcome, describePlan, type ChangeOutcome, type PlannedChange } from '../../core/kube/changePlan';
import type { Federation, FederationMember } from '../../core/kube/discovery';
import { ClusterError } from '../../core/kube/errors';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { DetachMode } from '../../core/ocm/acceptPlan';
import { executeAccept, executeDetach, prepareAccept, prepareDetach } from '../../core/ocm/membership';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';

type Progress = vscode.Progress<{ message?: string }>;

function withProgress<T>(title: string, task: (progress: Progress, signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: ${title}`, cancellable: true }, (progress, token) => task(progress, signalFor(token)));
}

/** Runs a preparation; an access refusal or an unreachable side becomes one error message naming it. */
async function prepare<T>(env: CommandEnv, title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  try {
    return await withProgress(title, (_p, signal) => task(signal));
  } catch (err) {
    if (err instanceof AccessDenied) {
      for (const c of err.checks.filter((x) => !x.allowed)) env.log.warn(`access check ${c.cluster}: ${c.denied.join('; ')}`);
      void vscode.window.showErrorMessage(`Flotilla: ${err.message}`, { modal: true });
      return undefined;
    }
    throw err;
  }
}

async function confirmPlan(title: string, plan: PlannedChange[], extra: string[], action: string): Promise<boolean> {
  const detail = [...describePlan(plan), ...(extra.length ? ['', ...extra] : [])].join('\n');
  return (await vscode.window.showWarningMessage(title, { modal: true, detail }, action)) === action;
}

async function run(env: CommandEnv, title: string, task: (options: { signal: AbortSignal; onOutcome: (o: ChangeOutcome) => void; onStatus: (s: string) => void; timeoutMs: number }) => Promise<MembershipResult>): Promise<void> {
  env.log.info(`${title}:`);
  const result = await withProgress(title, (progress, signal) =>
    task({
      signal,
      timeoutMs: env.session.settings['cluster.timeoutMs'],
      onOutcome: (o) => {
        (o.result === 'failed' ? env.log.error : env.log.info).call(env.log, `  ${describeOutcome(o)}`);
        progress.report({ message: describeOutcome(o) });
      },
      onStatus: (s) => progress.report({ message: s }),
    }),
  );
  (result.ok ? env.log.info : env.log.error).call(env.log, `  ${result.final}`);
  env.session.model.refresh();
  const failed = result.outcomes.filter((o) => o.result === 'failed');
  const message = `${title}: ${result.ok ? 'done' : 'failed'}. ${failed.map(describeOutcome).join('; ')}${failed.length ? ' ' : ''}${result.final}`;
  const show = result.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  void show(message, 'Show Log').then((choice) => choice && env.log.show());
}

async function federations(env: CommandEnv, kind: Federation['kind']): Promise<Federation[]> {
  return (await env.session.model.discover()).federations.filter((f) => f.kind === kind);
}

async function pickFederation(env: CommandEnv, kind: Federation['kind']): Promise<Federation | undefined> {
  const found = await federations(env, kind);
  if (!found.length) return void vscode.window.showWarningMessage(`No ${kind} control plane among your kubeconfig contexts.`);
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(found.map((f) => ({ label: f.context, description: f.server, f })), { title: `${kind} control plane` });
  return pick?.f;
}

async function pickMember(env: CommandEnv, kind: Federation['kind'], title: string, want: (f: Federation, m: FederationMember) => boolean): Promise<{ f: Federation; m: FederationMember } | undefined> {
  const items = (await federations(env, kind)).flatMap((f) => f.members.filter((m) => want(f, m)).map((m) => ({ label: m.name, description: `on ${f.context}${m.context ? ` · context ${m.context}` : ''}`, detail: m.healthDetail, f, m })));
  if (!items.length) return void vscode.window.showInformationMessage(`${title}: no ${kind} cluster to choose.`);
  const pick = await vscode.window.showQuickPick(items, { title });
  return pick && { f: pick.f, m: pick.m };
}

const isPending = (f: Federation, m: FederationMember) => f.kind === 'OCM' && m.object.spec?.hubAcceptsClient !== true;

export async function joinToKarmada(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { clients } = env.session;
  if (node?.federation?.kind === 'Karmada' && node.kind !== 'federation') {
    return void vscode.window.showInformationMessage(`${node.clusterName} is already a member of Karmada on ${node.federation.context}.`);
  }
  const plane = node?.federation?.kind === 'Karmada' && node.kind === 'federation' ? node.federation : await pickFederation(env, 'Karmada');
  if (!plane) return;
  const joined = new Set(plane.members.flatMap((m) => (m.context ? [m.context] : [])));
  let member = node?.kind === 'federation' ? undefined : node?.context;
  if (!member) {
    const candidates = clients.contextNames().filter((c) => c !== plane.context && !joined.has(c) && !clients.problem(c));
    member = await vscode.window.showQuickPick(candidates, { title: `Join which context to Karmada on ${plane.context}?` });
    if (!member) return;
  }
  if (joined.has(member)) return void vscode.window.showInformationMessage(`${member} is already a member of Karmada on ${plane.context}.`);
  const clusterName = await vscode.window.showInputBox({
    title: `Name of ${member} in Karmada on ${plane.context}`, value: clusterNameFor(member), validateInput: (v) => invalidClusterName(v),
  });
  if (!clusterName) return;
  const input = { controlPlane: plane.context, member, clusterName };
  const timeoutMs = env.session.settings['cluster.timeoutMs'];
  const prep = await prepare(env, `checking ${member} and ${plane.context}`, (signal) => prepareJoin(clients, input, { timeoutMs, signal }));
  if (!prep) return;
  const spec = prep.cluster.spec as { apiEndpoint: string; id: string };
  const ok = await confirmPlan(`Join ${member} to Karmada on ${plane.context} as ${clusterName}?`, prep.plan, [`API endpoint: ${spec.apiEndpoint}`, `Cluster ID (kube-system UID): ${spec.id}`, 'Then waits for the Cluster to become Ready.'], 'Join');
  if (!ok) return;
  await run(env, `Join ${member} to Karmada on ${plane.context}`, (options) => executeJoin(clients, prep, options));
}

export async function unjoinFromKarmada(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { clients } = env.session;
  let target: { f: Federation; name: string; member?: string } | undefined;
  if (node?.federation?.kind === 'Karmada' && node.kind !== 'federation' && node.clusterName) target = { f: node.federation, name: node.clusterName, member: node.context };
  else {
    const pick = await pickMember(env, 'Karmada', 'Unjoin which cluster from Karmada?', () => true);
    target = pick && { f: pick.f, name: pick.m.name, member: pick.m.context };
  }
  if (!target) return;
  // Without a usable context only the control plane side is cleaned up, as karmadactl without --cluster-kubeconfig.
  const member = target.member && !clients.problem(target.member) && !clients.route(target.member) ? target.member : undefined;
  const timeoutMs = env.session.settings['cluster.timeoutMs'];
  const check = (m: string | undefined) =>
    prepare(env, `checking ${target.name} on ${target.f.context}`, (signal) => prepareUnjoin(clients, { controlPlane: target.f.context, clusterName: target.name, member: m }, { timeoutMs, signal }));
  let prep;
  try {
    prep = await check(member);
  } catch (err) {
    // A member that does not answer need not keep it in the federation: karmadactl unjoins without it too.
    if (!(err instanceof ClusterError) || !member || !err.message.startsWith(`${member} (member)`)) throw err;
    const choice = await vscode.window.showWarningMessage(`${err.message}. Unjoin it from the control plane only?`, { modal: true, detail: 'Its karmada-cluster namespace, ServiceAccounts and ClusterRole stay on the member.' }, 'Control Plane Only');
    if (choice !== 'Control Plane Only') return;
    prep = await check(undefined);
  }
  if (!prep) return;
  const extra = prep.input.member ? [] : [`Nothing changes on ${target.name} itself: its karmada-cluster namespace and RBAC stay there.`];
  if (!(await confirmPlan(`Unjoin ${target.name} from Karmada on ${target.f.context}?`, prep.plan, extra, 'Unjoin'))) return;
  await run(env, `Unjoin ${target.name} from Karmada on ${target.f.context}`, (options) => executeUnjoin(clients, prep, options));
}

export async function acceptManagedCluster(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { clients } = env.session;
  let target: { f: Federation; name: string } | undefined;
  if (node?.federation?.kind === 'OCM' && node.kind !== 'federation' && node.clusterName) target = { f: node.federation, name: node.clusterName };
  else {
    const pick = await pickMember(env, 'OCM', 'Accept which pending cluster?', isPending);
    target = pick && { f: pick.f, name: pick.m.name };
  }
  if (!target) return;
  const { f, name } = target;
  const timeoutMs = env.session.settings['cluster.timeoutMs'];
  const prep = await prepare(env, `checking ${name} on ${f.context}`, (signal) => prepareAccept(clients, f.context, name, { timeoutMs, signal }));
  if (!prep) return;
  const extra = [...prep.ignored.map((i) => `Left alone: ${i}`), 'Then waits for the registration controller to report it Joined and Available.'];
  if (!(await confirmPlan(`Accept ${name} on the OCM hub ${f.context}?`, prep.plan, extra, 'Accept'))) return;
  await run(env, `Accept ${name} on ${f.context}`, (options) => executeAccept(clients, prep, options));
}

export async function detachManagedCluster(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { clients } = env.session;
  let target: { f: Federation; name: string } | undefined;
  if (node?.federation?.kind === 'OCM' && node.kind !== 'federation' && node.clusterName) target = { f: node.federation, name: node.clusterName };
  else {
    const pick = await pickMember(env, 'OCM', 'Detach which managed cluster?', () => true);
    target = pick && { f: pick.f, name: pick.m.name };
  }
  if (!target) return;
  const { f, name } = target;
  const modes: { label: string; detail: string; mode: DetachMode }[] = [
    { label: 'Deny', detail: 'hubAcceptsClient: false. The hub revokes the agent\'s access; the cluster stays registered and can be accepted again.', mode: 'deny' },
    { label: 'Remove', detail: 'Deny, and delete the ManagedCluster. For a cluster whose klusterlet is gone (clusteradm unjoin).', mode: 'remove' },
  ];
  const choice = await vscode.window.showQuickPick(modes, { title: `Detach ${name} from the OCM hub ${f.context}` });
  if (!choice) return;
  const timeoutMs = env.session.settings['cluster.timeoutMs'];
  const prep = await prepare(env, `checking ${name} on ${f.context}`, (signal) => prepareDetach(clients, f.context, name, choice.mode, { timeoutMs, signal }));
  if (!prep) return;
  if (!(await confirmPlan(`${choice.label} ${name} on the OCM hub ${f.context}?`, prep.plan, [choice.detail], choice.label))) return;
  await run(env, `${choice.label} ${name} on ${f.context}`, (options) => executeDetach(clients, prep, options));
}
