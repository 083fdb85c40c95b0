/** Delete From Members, after a modal confirmation that lists the clusters. */
import * as vscode from 'vscode';
import { deleteFromClusters } from '../../core/kube/deploy';
import type { ExplorerNode } from '../../core/kube/explorer';
import { parseManifests } from '../../core/kube/manifests';
import type { KubeObject } from '../../core/kube/watch';
import { WORKLOAD_KINDS } from '../../core/kube/workloads';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { reportOutcomes } from './report';
import { pickClusters } from './pickClusters';
import { defaultClusters } from './target';

function apiVersionOf(kind: string): string {
  const path = WORKLOAD_KINDS.find((k) => k.kind === kind)!.path;
  return path.startsWith('/api/') ? 'v1' : path.split('/').slice(2, 4).join('/');
}

export async function deleteFromMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  let objects: KubeObject[];
  if (node?.kind === 'workload' && node.resourceKind && node.name) {
    objects = [{ apiVersion: apiVersionOf(node.resourceKind), kind: node.resourceKind, metadata: { name: node.name, namespace: node.namespace } }];
  } else {
    const editor = vscode.window.activeTextEditor;
    objects = editor ? parseManifests(editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection)).objects : [];
    if (!objects.length) return void vscode.window.showWarningMessage('Select a workload in the Flotilla tree or open the manifests to delete.');
  }
  const clusters = await pickClusters(env.session, env.state, { key: 'delete', title: `Delete ${objects.length} object(s) from`, preselect: await defaultClusters(env.session, node) });
  if (!clusters) return;
  const what = objects.map((o) => `${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`).join(', ');
  const confirm = await vscode.window.showWarningMessage(`Delete ${what} from ${clusters.length} cluster(s)?`, { modal: true, detail: clusters.join('\n') }, 'Delete');
  if (confirm !== 'Delete') return;
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Flotilla: deleting from ${clusters.length} cluster(s)`, cancellable: true },
    (_p, token) => deleteFromClusters(env.session.clients, env.session.resolver, clusters, objects, env.session.fanOutOptions(signalFor(token))),
  );
  reportOutcomes(env.log, 'Delete', outcomes);
}
