/** Port-Forward from Member Pod, and Port Forwards (list, stop). */
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/kube/explorer';
import { describeForward } from '../../core/kube/portForward';
import type { PortForwards } from '../portForwards';
import type { CommandEnv } from './deploy';
import { pickPod } from './pickPod';

function validPort(value: string, allowEmpty: boolean): string | undefined {
  if (allowEmpty && !value.trim()) return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? undefined : 'a port number from 1 to 65535';
}

async function pickPodPort(containers: { name: string; ports?: { containerPort: number; name?: string; protocol?: string }[] }[]): Promise<number | undefined> {
  const declared = containers.flatMap((c) => (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => ({ label: String(p.containerPort), description: [c.name, p.name].filter(Boolean).join(' / '), port: p.containerPort })));
  const other = { label: 'Other port…', description: '', port: 0 };
  const picked = declared.length ? await vscode.window.showQuickPick([...declared, other], { title: 'Port-forward: pod port' }) : other;
  if (!picked) return undefined;
  if (picked.port) return picked.port;
  const typed = await vscode.window.showInputBox({ title: 'Port-forward: pod port', validateInput: (v) => validPort(v, false) });
  return typed ? Number(typed) : undefined;
}

export async function portForwardFromMember(env: CommandEnv, forwards: PortForwards, node?: ExplorerNode): Promise<void> {
  const pod = await pickPod(env.session, node, 'Port-forward');
  if (!pod) return;
  const port = await pickPodPort((pod.object.spec?.containers ?? []) as never);
  if (!port) return;
  const local = await vscode.window.showInputBox({ title: `Local port for ${pod.cluster}: ${pod.namespace}/${pod.pod}:${port}`, prompt: 'Empty: any free port', validateInput: (v) => validPort(v, true) });
  if (local === undefined) return;
  const target = { cluster: pod.cluster, namespace: pod.namespace, pod: pod.pod, port };
  const running = forwards.get(target);
  const forward = running ?? (await forwards.start(env.session.clients, target, local.trim() ? Number(local) : undefined, AbortSignal.timeout(env.session.settings['cluster.timeoutMs'])));
  const choice = await vscode.window.showInformationMessage(`Flotilla: ${running ? 'already forwarding' : 'forwarding'} ${describeForward(forward)}`, 'Open in Browser', 'Stop');
  if (choice === 'Open in Browser') await vscode.env.openExternal(vscode.Uri.parse(`http://127.0.0.1:${forward.localPort}/`));
  if (choice === 'Stop') await forward.stop();
}

export async function stopPortForward(forwards: PortForwards): Promise<void> {
  const active = forwards.list();
  if (!active.length) return void vscode.window.showInformationMessage('Flotilla: no port-forward is running.');
  const picked = await vscode.window.showQuickPick(
    active.map((f) => ({ label: `127.0.0.1:${f.localPort}`, description: `${f.target.cluster}: ${f.target.namespace}/${f.target.pod}:${f.target.port}`, detail: `${f.connections()} open connection(s)`, key: f.key })),
    { title: 'Port forwards: pick the ones to stop', canPickMany: true },
  );
  for (const p of picked ?? []) await forwards.stop(p.key);
}
