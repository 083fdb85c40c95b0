/** Events Across Members and Logs Across Members: merged streams into an output channel coloured by syntaxes/. */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import { workloadPath } from '../../core/kube/inspect';
import { podsFor, streamEvents, streamLogs, type LogSelection, type PodTarget } from '../../core/kube/streams';
import type { KubeObject } from '../../core/kube/watch';
import { signalFor } from '../kubeSession';
import type { CommandEnv } from './deploy';
import { pickClusters } from './pickClusters';
import { defaultClusters, templateTarget, workloadFrom } from './target';
import { describeError } from '../../core/kube/errors';

export const STREAM_LANGUAGE = 'flotilla-stream';

let eventsChannel: vscode.OutputChannel | undefined;
let logsChannel: vscode.OutputChannel | undefined;

async function follow(): Promise<boolean | undefined> {
  const choice = await vscode.window.showQuickPick(['Follow', 'Once'], { title: 'Keep streaming new lines?' });
  return choice === undefined ? undefined : choice === 'Follow';
}

/** Which lines: the last 100, those of the last minutes or hours, or the previous container's. */
async function logSelection(): Promise<LogSelection | undefined> {
  const items: (vscode.QuickPickItem & { selection: LogSelection })[] = [
    { label: 'Last 100 lines', selection: {} },
    { label: 'Since 5 minutes ago', selection: { sinceSeconds: 300 } },
    { label: 'Since 1 hour ago', selection: { sinceSeconds: 3600 } },
    { label: 'Since 24 hours ago', selection: { sinceSeconds: 86400 } },
    { label: 'Previous container', description: 'the log of the run before the last restart', selection: { previous: true } },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Which log lines?' }))?.selection;
}

export async function eventsAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const clusters = await pickClusters(env.session, env.state, { key: 'events', title: 'Events from', preselect: node?.context ? [node.context] : await defaultClusters(env.session, node) });
  if (!clusters) return;
  const following = await follow();
  if (following === undefined) return;
  eventsChannel ??= vscode.window.createOutputChannel('Flotilla Events', STREAM_LANGUAGE);
  const channel = eventsChannel;
  channel.clear();
  channel.show(true);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: following ? 'Flotilla: following events (Cancel to stop)' : 'Flotilla: reading events', cancellable: true },
    (_p, token) =>
      streamEvents(env.session.clients, clusters, { namespace: node?.namespace, involvedName: node?.kind === 'workload' ? node.name : undefined }, (l) => channel.appendLine(l), {
        ...env.session.fanOutOptions(),
        signal: signalFor(token),
        follow: following,
      }),
  );
}

export async function logsAcrossMembers(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
  // A federated workload's logs come from the members its binding placed it on.
  const template = node?.kind === 'template' && node.objectPath ? await templateTarget(env.session, node, kinds) : undefined;
  const ref = template?.ref ?? (node?.kind === 'template' ? undefined : await workloadFrom(node, kinds));
  if (!ref) return;
  const preselect = template ? template.members : await defaultClusters(env.session, node);
  const clusters = await pickClusters(env.session, env.state, { key: 'logs', title: `Logs of ${ref.kind} ${ref.namespace}/${ref.name} from`, preselect });
  if (!clusters) return;
  const selection = await logSelection();
  if (!selection) return;
  const following = selection.previous ? false : await follow();
  if (following === undefined) return;
  logsChannel ??= vscode.window.createOutputChannel('Flotilla Logs', STREAM_LANGUAGE);
  const channel = logsChannel;
  channel.clear();
  channel.show(true);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Flotilla: logs of ${ref.name} (Cancel to stop)`, cancellable: true },
    async (_p, token) => {
      const signal = signalFor(token);
      const timeout = env.session.settings['cluster.timeoutMs'];
      const targets: PodTarget[] = [];
      await Promise.all(
        clusters.map(async (cluster) => {
          try {
            const s = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
            const workload = await env.session.clients.request<KubeObject>(cluster, { path: workloadPath(ref), signal: s });
            const labels = ((workload.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {}) as Record<string, string>;
            const pods = await podsFor(env.session.clients, cluster, ref.namespace, labels, s);
            if (!pods.length) channel.appendLine(`[${cluster}] no pods for ${ref.kind} ${ref.name}`);
            for (const { pod, node } of pods) targets.push({ cluster, namespace: ref.namespace, pod, node });
          } catch (err) {
            channel.appendLine(`[${cluster}] error: ${describeError(err)}`);
          }
        }),
      );
      await streamLogs(env.session.clients, targets, (l) => channel.appendLine(l), { ...env.session.fanOutOptions(), signal, follow: following, selection });
    },
  );
}
