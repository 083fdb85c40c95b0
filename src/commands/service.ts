/** Inspect Cross-Cluster Service: exporting/importing members and their endpoints. */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import { inspectCrossClusterService, renderCrossClusterService } from '../../core/kube/mcs';
import { flotillaUri } from '../contentProvider';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { pickClusters } from './pickClusters';
import { defaultClusters, workloadFrom } from './target';

export async function inspectCrossClusterServiceCommand(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const ref = await workloadFrom(node, ['ServiceExport', 'ServiceImport', 'Service']);
  if (!ref) return;
  const clusters = await pickClusters(env.session, env.state, { key: 'service', title: `Service ${ref.namespace}/${ref.name} on`, preselect: await defaultClusters(env.session, node) });
  if (!clusters) return;
  const rows = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flotilla: reading ServiceExports and EndpointSlices', cancellable: true },
    (_p, token) => inspectCrossClusterService(env.session.clients, clusters, ref.namespace, ref.name, env.session.fanOutOptions(signalFor(token))),
  );
  const uri = flotillaUri(`/service/${ref.namespace}/${ref.name}.txt`);
  env.content.set(uri, renderCrossClusterService(ref.namespace, ref.name, rows));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}
