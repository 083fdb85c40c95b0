/** Exec in Member Pod: a terminal into a pod's container on any member. */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import { openExecTerminal } from '../terminal/execTerminal';
import type { CommandEnv } from './deploy';
import { pickPod } from './pickPod';

export async function execInMember(env: CommandEnv, node?: ExplorerNode): Promise<void> {
  const pod = await pickPod(env.session, node, 'Exec');
  if (!pod) return;
  const input = await vscode.window.showInputBox({
    title: `Exec in ${pod.cluster}: ${pod.namespace}/${pod.pod} (${pod.container})`,
    prompt: 'Command and arguments, separated by spaces (no shell unless you run one)',
    value: 'sh',
  });
  const command = input?.trim().split(/\s+/).filter(Boolean);
  if (!command?.length) return;
  openExecTerminal(env.session.clients, pod, command, env.log);
}
