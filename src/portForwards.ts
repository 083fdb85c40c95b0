/**
 * The port-forwards the extension has running, one per (cluster, pod, port): started and stopped by the
 * commands, counted in the status bar, all stopped when the extension deactivates.
 */
import * as vscode from 'vscode';
import type { ClusterClients } from '../core/kube/clients';
import { describeForward, forwardKey, startPortForward, type ActivePortForward, type ForwardTarget } from '../core/kube/portForward';

export class PortForwards implements vscode.Disposable {
  private readonly active = new Map<string, ActivePortForward>();
  private readonly status = vscode.window.createStatusBarItem('flotilla.portForwards', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.status.name = 'Flotilla Port Forwards';
    this.status.command = 'flotilla.stopPortForward';
  }

  list(): ActivePortForward[] {
    return [...this.active.values()];
  }

  get(target: ForwardTarget): ActivePortForward | undefined {
    return this.active.get(forwardKey(target));
  }

  async start(clients: ClusterClients, target: ForwardTarget, localPort: number | undefined, signal?: AbortSignal): Promise<ActivePortForward> {
    const existing = this.get(target);
    if (existing) return existing;
    let warned = false;
    const forward = await startPortForward(clients, target, {
      localPort,
      signal,
      onError: (err) => {
        this.log.error(err.message);
        if (!warned) void vscode.window.showWarningMessage(`Flotilla: ${err.message}`);
        warned = true;
      },
    });
    this.active.set(forward.key, forward);
    this.log.info(`port-forward started: ${describeForward(forward)}`);
    void forward.stopped.then(() => {
      this.active.delete(forward.key);
      this.log.info(`port-forward stopped: ${describeForward(forward)}`);
      this.render();
    });
    this.render();
    return forward;
  }

  async stop(key: string): Promise<void> {
    await this.active.get(key)?.stop();
  }

  private render(): void {
    const count = this.active.size;
    if (!count) return this.status.hide();
    this.status.text = `$(plug) ${count}`;
    this.status.tooltip = `Flotilla port-forwards (click to stop one):\n${this.list().map(describeForward).join('\n')}`;
    this.status.show();
  }

  dispose(): void {
    for (const forward of this.active.values()) void forward.stop();
    this.active.clear();
    this.status.dispose();
  }
}
