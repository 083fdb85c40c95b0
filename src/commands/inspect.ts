/** Inspect Across Members (live table) and Compare Across Members (drift diff). */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import { comparableYaml, inspectRow, renderInspectTable, workloadPath, type InspectRow } from '../../core/kube/inspect';
import { ResourceWatch, type KubeObject } from '../../core/kube/watch';
import { flotillaUri } from '../contentProvider';
import { getIfExists } from '../../core/kube/apply';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { pickClusters } from './pickClusters';
import { defaultClusters, workloadFrom } from './target';

export async function inspectAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const ref = await workloadFrom(node);
  if (!ref) return;
  const clusters = await pickClusters(env.session, env.state, { key: 'inspect', title: `Inspect ${ref.kind} ${ref.namespace}/${ref.name} on`, preselect: await defaultClusters(env.session, node) });
  if (!clusters) return;
  const uri = flotillaUri(`/inspect/${ref.kind}/${ref.namespace}/${ref.name}.txt`);
  const objectPath = workloadPath(ref);
  const collection = `${objectPath.slice(0, objectPath.lastIndexOf('/'))}?fieldSelector=${encodeURIComponent(`metadata.name=${ref.name}`)}`;
  const watches = clusters.map((c) => new ResourceWatch(env.session.clients, c, collection, { timeoutMs: env.session.settings['cluster.timeoutMs'] }));
  const render = () => {
    const rows: InspectRow[] = watches.map((w) =>
      w.state === 'error' ? { ...inspectRow(w.cluster, undefined), error: w.error!.describe() } : w.state === 'loading' ? { ...inspectRow(w.cluster, undefined), error: 'loading…' } : inspectRow(w.cluster, w.items()[0] as KubeObject | undefined),
    );
    env.content.set(uri, renderInspectTable(ref, rows));
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  for (const w of watches) {
    w.onChange(() => {
      pending ??= setTimeout(() => {
        pending = undefined;
        render();
      }, 100);
    });
    w.start();
  }
  // Open once every member answered or failed (each bounded by the cluster timeout): a change fired
  // while VS Code is still opening the document would be lost.
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Flotilla: inspecting' }, () => Promise.all(watches.map((w) => w.ready())));
  render();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const closed = vscode.workspace.onDidCloseTextDocument((doc) => {
    if (doc.uri.toString() !== uri.toString()) return;
    for (const w of watches) w.stop();
    clearTimeout(pending);
    env.content.delete(uri);
    closed.dispose();
  });
}

export async function compareAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const ref = await workloadFrom(node);
  if (!ref) return;
  const preselect = node?.context ? [node.context] : undefined;
  const pair = await pickClusters(env.session, env.state, { key: 'compare', title: `Compare ${ref.kind} ${ref.namespace}/${ref.name} between`, preselect, exactly: 2 });
  if (!pair) return;
  const path = workloadPath(ref);
  const sides = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flotilla: fetching both sides', cancellable: true },
    (_p, token) => {
      const signal = signalFor(token);
      return Promise.all(pair.map((c) => getIfExists(env.session.clients, c, path, AbortSignal.any([signal, AbortSignal.timeout(env.session.settings['cluster.timeoutMs'])])).then((o) => ({ ok: true as const, o }), (e: Error) => ({ ok: false as const, e }))));
    },
  );
  const uris = pair.map((c) => flotillaUri(`/compare/${c}/${ref.kind}/${ref.namespace}/${ref.name}.yaml`));
  sides.forEach((s, i) => env.content.set(uris[i], s.ok ? comparableYaml(s.o) : `# ${pair[i]}: ${s.e.message}\n`));
  await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], `${ref.name}: ${pair[0]} ↔ ${pair[1]}`);
}
