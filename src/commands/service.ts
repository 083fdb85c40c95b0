/** Inspect Cross-Cluster Service: what each member exports and imports, and what a Karmada control plane derived. */
import * as vscode from 'vscode';
import { inspectKarmadaService, renderKarmadaService } from '../../core/karmada/crossClusterService';
import type { ExplorerNode } from '../../core/kube/explorer';
import { inspectCrossClusterService, renderCrossClusterService } from '../../core/kube/mcs';
import { flotillaUri } from '../contentProvider';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { pickClusters } from './pickClusters';
import { defaultClusters, workloadFrom } from './target';
import { describeError } from '../../core/kube/errors';

export async function inspectCrossClusterServiceCommand(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const ref = await workloadFrom(node, ['ServiceExport', 'ServiceImport', 'MultiClusterService', 'Service']);
  if (!ref) return;
  const clusters = await pickClusters(env.session, env.state, { key: 'service', title: `Service ${ref.namespace}/${ref.name} on`, preselect: await defaultClusters(env.session, node) });
  if (!clusters) return;
  const karmadas = (await env.session.model.discover()).federations.filter(
    (f) => f.kind === 'Karmada' && !env.session.clients.problem(f.context) && (clusters.includes(f.context) || f.members.some((m) => m.context && clusters.includes(m.context))),
  );
  const memberContexts = clusters.filter((c) => !karmadas.some((k) => k.context === c));
  const memberNames = [...new Set(karmadas.flatMap((k) => k.members.map((m) => m.name)))];
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flotilla: reading ServiceExports, ServiceImports and EndpointSlices', cancellable: true },
    async (_p, token) => {
      const signal = signalFor(token);
      const [rows, views] = await Promise.all([
        inspectCrossClusterService(env.session.clients, memberContexts, ref.namespace, ref.name, { ...env.session.fanOutOptions(signal), members: memberNames.length ? memberNames : memberContexts }),
        Promise.all(
          karmadas.map((k) =>
            inspectKarmadaService(env.session.clients, k.context, k.members.map((m) => m.name), ref.namespace, ref.name, signal).then(renderKarmadaService, (err: unknown) => [
              `Karmada control plane ${k.context}: ${describeError(err)}`,
            ]),
          ),
        ),
      ]);
      return renderCrossClusterService(ref.namespace, ref.name, rows, views.flat());
    },
  );
  const uri = flotillaUri(`/service/${ref.namespace}/${ref.name}.txt`);
  env.content.set(uri, text);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}
