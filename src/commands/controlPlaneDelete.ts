/**
 * Delete through Control Plane: remove templates and the policies that placed only them from Karmada (or
 * an OCM ManifestWork from its clusters), then follow the members clearing.
 */
import * as vscode from 'vscode';
import type { KarmadaPlan } from '../../core/karmada/policy';
import { deleteThroughKarmada } from '../../core/karmada/remove';
import type { Federation } from '../../core/kube/discovery';
import type { ExplorerNode } from '../../core/kube/explorer';
import type { KubeObject } from '../../core/kube/watch';
import { withdrawThroughOcm } from '../../core/ocm/deliver';
import { editorManifests, pickControlPlane } from './controlPlane';
import { followWithProgress, reportMemberResults } from './controlPlaneReport';
import type { CommandEnv } from './deploy';

const isPolicy = (o: KubeObject) => (o.apiVersion ?? '').startsWith('policy.karmada.io/');

/** The templates to delete: the template node's object, or the editor's manifests. */
async function templatesFrom(env: CommandEnv, node?: ExplorerNode): Promise<KubeObject[] | undefined> {
  if (node?.kind === 'template' && node.objectPath && node.context) {
    const live = await env.session.clients.request<KubeObject>(node.context, { path: node.objectPath });
    return [{ apiVersion: live.apiVersion, kind: live.kind, metadata: { name: live.metadata.name, namespace: live.metadata.namespace } }];
  }
  if (node?.kind === 'manifestWork' && node.objectPath && node.context) {
    const work = await env.session.clients.request<KubeObject>(node.context, { path: node.objectPath });
    return (work.spec?.workload as { manifests?: KubeObject[] } | undefined)?.manifests ?? [];
  }
  return editorManifests();
}

function memberContexts(f: Federation): Record<string, string> {
  return Object.fromEntries(f.members.flatMap((m) => (m.context ? [[m.name, m.context]] : [])));
}

export async function deleteThroughControlPlane(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const { session } = env;
  const objects = await templatesFrom(env, node);
  if (!objects) return;
  const f = await pickControlPlane(env, node);
  if (!f) return;
  const settings = { ...session.fanOutOptions(), fieldManager: session.settings['deploy.fieldManager'], memberContexts: memberContexts(f) };
  if (f.kind === 'Karmada') {
    const templates = objects.filter((o) => !isPolicy(o));
    const plan: KarmadaPlan = { templates, policies: objects.filter(isPolicy), followed: templates.filter((t) => t.kind !== 'Namespace'), policiesFromFile: true, members: [] };
    const what = templates.map((t) => `${t.kind} ${t.metadata.namespace ? `${t.metadata.namespace}/` : ''}${t.metadata.name}`).join('\n');
    const confirm = await vscode.window.showWarningMessage(`Delete ${templates.length} template(s) from Karmada ${f.context}?`, { modal: true, detail: `${what}\n\nTheir policies go too when they select nothing else; every member loses these objects.` }, 'Delete');
    if (confirm !== 'Delete') return;
    const title = `Delete through Karmada ${f.context}`;
    const followed = await followWithProgress(env.log, `Flotilla: ${title}`, (signal) => deleteThroughKarmada(session.clients, session.resolver, f.context, plan, { ...settings, signal }));
    return reportMemberResults(env.log, title, followed);
  }
  const name = await vscode.window.showInputBox({ title: 'ManifestWork to withdraw', value: node?.kind === 'manifestWork' && node.name ? node.name : `flotilla-${objects.find((o) => o.kind !== 'Namespace')?.metadata.name ?? objects[0].metadata.name}` });
  if (!name) return;
  const picks = await vscode.window.showQuickPick(f.members.map((m) => ({ label: m.name, picked: node?.kind !== 'manifestWork' || m.name === node.clusterName })), { canPickMany: true, title: `Withdraw ${name} from` });
  if (!picks?.length) return;
  const confirm = await vscode.window.showWarningMessage(`Delete ManifestWork ${name} from ${picks.length} cluster(s) on ${f.context}?`, { modal: true, detail: picks.map((p) => p.label).join('\n') }, 'Delete');
  if (confirm !== 'Delete') return;
  const title = `Withdraw through OCM ${f.context}`;
  const target = { name, clusters: picks.map((p) => p.label) };
  const followed = await followWithProgress(env.log, `Flotilla: ${title}`, (signal) => withdrawThroughOcm(session.clients, session.resolver, f.context, objects, target, { ...settings, signal }));
  reportMemberResults(env.log, title, followed);
}
