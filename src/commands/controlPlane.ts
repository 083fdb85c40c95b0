/**
 * Deploy through Control Plane: hand the manifests to a Karmada control plane (with the file's
 * PropagationPolicy, or one generated for picked members and a chosen replica scheduling) or to an OCM hub
 * (ManifestWorks for picked clusters or a Placement's decisions); access check, dry-run with diffs, then
 * follow what the control plane does until every member is healthy or failed.
 */
import * as vscode from 'vscode';
import { assertControlPlaneAccess, controlPlaneObjects, deployThroughKarmada, dryRunOnControlPlane } from '../../core/karmada/deploy';
import { parseWeights, planKarmadaDeploy, tolerationsFor, type KarmadaPlan, type ReplicaScheduling } from '../../core/karmada/policy';
import type { Federation } from '../../core/kube/discovery';
import type { ExplorerNode } from '../../core/kube/explorer';
import { parseManifests } from '../../core/kube/manifests';
import type { KubeObject } from '../../core/kube/watch';
import { deployToClusters } from '../../core/kube/deploy';
import { deliverThroughOcm, manifestWorksFor, placementDecisions, replicaSetServed, type OcmTarget } from '../../core/ocm/deliver';
import { signalFor } from '../kubeSession';
import { followWithProgress, reportMemberResults } from './controlPlaneReport';
import { showDiffs, type CommandEnv } from './deploy';

export function editorManifests(): KubeObject[] | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void vscode.window.showWarningMessage('Open a YAML manifest (or select documents in one) to deploy through a control plane.');
  const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
  const { objects, errors } = parseManifests(text);
  if (errors.length) return void vscode.window.showErrorMessage(`Cannot deploy: ${errors.map((e) => `document ${e.document}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('; ')}`);
  if (!objects.length) return void vscode.window.showWarningMessage('No Kubernetes objects to deploy.');
  return objects;
}

/** The control plane a node belongs to, the one named, or the user's pick among the discovered ones. */
export async function pickControlPlane(env: CommandEnv, node?: ExplorerNode, only?: { context: string; kind: Federation['kind'] }): Promise<Federation | undefined> {
  if (node?.federation && node.federation.kind !== 'KubeFed') return node.federation;
  const d = await env.session.model.discover();
  const planes = d.federations.filter((f) => f.kind !== 'KubeFed' && (!only || (f.context === only.context && f.kind === only.kind)));
  if (planes.length <= 1) {
    if (!planes.length) void vscode.window.showWarningMessage('No Karmada control plane or OCM hub found among your contexts.');
    return planes[0];
  }
  const pick = await vscode.window.showQuickPick(planes.map((f) => ({ label: `${f.kind} on ${f.context}`, description: `${f.members.length} member(s)`, f })), { title: 'Deploy through which control plane?' });
  return pick?.f;
}

async function pickMembers(f: Federation, title: string, picked: string[] = []): Promise<string[] | undefined> {
  const picks = await vscode.window.showQuickPick(
    f.members.map((m) => ({ label: m.name, description: `${m.health}${m.taints.length ? `, taints: ${m.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(' ')}` : ''}`, picked: picked.includes(m.name) })),
    { canPickMany: true, title },
  );
  return picks?.length ? picks.map((p) => p.label) : undefined;
}

const SCHEDULINGS = [
  { label: 'Duplicated', detail: 'every member runs all replicas', type: 'Duplicated' },
  { label: 'Divided by static weights', detail: 'replicas split by weights you give', type: 'DividedStatic' },
  { label: 'Divided by dynamic weights', detail: 'replicas split by the members\' available replicas', type: 'DividedDynamic' },
  { label: 'Aggregated', detail: 'replicas packed onto as few members as fit', type: 'Aggregated' },
] as const;

async function pickScheduling(members: string[]): Promise<ReplicaScheduling | undefined> {
  const pick = await vscode.window.showQuickPick(SCHEDULINGS.map((s) => ({ ...s })), { title: 'Replica scheduling' });
  if (!pick) return undefined;
  if (pick.type !== 'DividedStatic') return { type: pick.type };
  const input = await vscode.window.showInputBox({
    title: 'Static weights (member=weight, comma separated)',
    value: members.map((m) => `${m}=1`).join(', '),
    validateInput: (v) => (parseWeights(v, members) ? undefined : `member=weight for each of ${members.join(', ')}, weights positive integers`),
  });
  const weights = input === undefined ? undefined : parseWeights(input, members);
  return weights ? { type: 'DividedStatic', weights } : undefined;
}

/** Dry-run on the control plane, then Apply (or Show Diffs, as often as wanted). */
async function confirmDryRun(env: CommandEnv, controlPlane: string, dryRun: () => ReturnType<typeof dryRunOnControlPlane>): Promise<boolean> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: server-side dry-run on ${controlPlane}` }, () => dryRun());
  const detail = [`${controlPlane}: ${outcome.summary}`, ...outcome.objects.map((o) => `${o.ref}: ${o.result}${o.reason ? ` (${o.reason})` : ''}`)].join('\n');
  env.log.info(`dry-run on ${controlPlane}:\n${detail}`);
  if (!outcome.ok) return void vscode.window.showErrorMessage(`Dry-run on ${controlPlane} failed: ${outcome.summary}`), false;
  for (;;) {
    const choice = await vscode.window.showInformationMessage(`Dry-run on ${controlPlane}`, { modal: true, detail }, 'Apply', 'Show Diffs');
    if (choice === 'Apply') return true;
    if (!choice) return false;
    await showDiffs(env, [outcome]);
  }
}

async function throughKarmada(env: CommandEnv, f: Federation, objects: KubeObject[]): Promise<void> {
  const { session } = env;
  let plan: KarmadaPlan;
  if (objects.some((o) => o.kind === 'PropagationPolicy' || o.kind === 'ClusterPropagationPolicy')) plan = planKarmadaDeploy(objects);
  else {
    const members = await pickMembers(f, `Propagate ${objects.length} object(s) through ${f.context} to`);
    if (!members) return;
    const scheduling = await pickScheduling(members);
    if (!scheduling) return;
    const name = `flotilla-${objects.find((o) => o.kind !== 'Namespace')?.metadata.name ?? objects[0].metadata.name}`;
    plan = planKarmadaDeploy(objects, { members, scheduling, name, tolerations: tolerationsFor(f.members.map((m) => m.object), members) });
  }
  const settings = { ...session.fanOutOptions(), fieldManager: session.settings['deploy.fieldManager'], fieldValidation: session.settings['validation.strict'] ? ('Strict' as const) : ('Warn' as const) };
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: checking access on ${f.context}`, cancellable: true }, (_p, token) =>
    assertControlPlaneAccess(session.clients, session.resolver, f.context, 'Karmada', controlPlaneObjects(plan), { ...settings, signal: signalFor(token) }),
  );
  if (!(await confirmDryRun(env, f.context, () => dryRunOnControlPlane(session.clients, session.resolver, f.context, plan, settings)))) return;
  const title = `Deploy through Karmada ${f.context}`;
  const followed = await followWithProgress(env.log, `Flotilla: ${title}`, (signal) =>
    deployThroughKarmada(session.clients, session.resolver, f.context, plan, { ...settings, signal, skipAccessCheck: true }),
  );
  reportMemberResults(env.log, title, followed);
}

async function ocmTarget(env: CommandEnv, f: Federation, objects: KubeObject[]): Promise<OcmTarget | undefined> {
  const name = await vscode.window.showInputBox({ title: 'ManifestWork name', value: `flotilla-${objects.find((o) => o.kind !== 'Namespace')?.metadata.name ?? objects[0].metadata.name}` });
  if (!name) return undefined;
  const how = await vscode.window.showQuickPick(['ManagedClusters by name', 'Clusters a Placement decides'], { title: `Deliver through ${f.context}` });
  if (!how) return undefined;
  if (how === 'ManagedClusters by name') {
    const clusters = await pickMembers(f, 'Deliver to');
    return clusters && { name, clusters };
  }
  const list = await env.session.clients.request<{ items: KubeObject[] }>(f.context, { path: '/apis/cluster.open-cluster-management.io/v1beta1/placements' });
  const pick = await vscode.window.showQuickPick(list.items.map((p) => ({ label: `${p.metadata.namespace}/${p.metadata.name}`, p })), { title: 'Placement' });
  if (!pick) return undefined;
  const placement = { namespace: pick.p.metadata.namespace!, name: pick.p.metadata.name };
  if (await replicaSetServed(env.session.clients, f.context)) {
    env.log.info(`${f.context} serves ManifestWorkReplicaSet; Flotilla writes one ManifestWork per decided cluster, which needs no work hub controller`);
  }
  return { name, placement };
}

async function throughOcm(env: CommandEnv, f: Federation, objects: KubeObject[]): Promise<void> {
  const { session } = env;
  const target = await ocmTarget(env, f, objects);
  if (!target) return;
  const settings = { ...session.fanOutOptions(), fieldManager: session.settings['deploy.fieldManager'] };
  const clusters = target.clusters ?? (await placementDecisions(session.clients, f.context, target.placement!));
  const works = manifestWorksFor(objects, clusters, target.name, new Map());
  await assertControlPlaneAccess(session.clients, session.resolver, f.context, 'OCM hub', works, settings);
  const dryRun = async () => (await deployToClusters(session.clients, session.resolver, [f.context], works, { ...settings, dryRun: true }))[0];
  if (!(await confirmDryRun(env, f.context, dryRun))) return;
  const title = `Deliver through OCM ${f.context}`;
  const followed = await followWithProgress(env.log, `Flotilla: ${title}`, (signal) =>
    deliverThroughOcm(session.clients, session.resolver, f.context, objects, { name: target.name, clusters }, { ...settings, signal }),
  );
  reportMemberResults(env.log, title, followed);
}

export async function deployThroughControlPlane(env: CommandEnv, node?: ExplorerNode, preset?: { objects: KubeObject[]; context: string; kind: Federation['kind'] }): Promise<void> {
  const objects = preset?.objects ?? editorManifests();
  if (!objects) return;
  const f = await pickControlPlane(env, node, preset);
  if (!f) return;
  await (f.kind === 'Karmada' ? throughKarmada(env, f, objects) : throughOcm(env, f, objects));
}
