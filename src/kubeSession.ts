/**
 * The extension's connection to the clusters: the merged kubeconfig, per-context clients and the
 * explorer model, rebuilt when a kubeconfig file, the settings or workspace trust change.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings, SETTINGS_SECTION, type FlotillaSettings } from '../core/config';
import { ClusterClients } from '../core/kube/clients';
import { ExplorerModel } from '../core/kube/explorer';
import { kubeconfigPaths, loadKubeconfigs } from '../core/kube/kubeconfig';
import { ResourceResolver } from '../core/kube/manifests';

export class KubeSession implements vscode.Disposable {
  clients!: ClusterClients;
  resolver!: ResourceResolver;
  model!: ExplorerModel;
  settings!: FlotillaSettings;
  private readonly onDidReloadEmitter = new vscode.EventEmitter<void>();
  readonly onDidReload = this.onDidReloadEmitter.event;
  private fileWatchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.load();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const keys = ['kubeconfigs', 'cluster.timeoutMs', 'deploy.concurrency'];
        if (keys.some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`))) this.reload('settings changed');
        else if (e.affectsConfiguration(SETTINGS_SECTION)) this.settings = readSettings((key) => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(key));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload('workspace trusted')),
    );
  }

  private load(): void {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    this.settings = readSettings((key) => config.get(key));
    const files = kubeconfigPaths(process.env, this.settings.kubeconfigs);
    const merged = loadKubeconfigs(files);
    for (const p of merged.fileProblems) this.log.warn(`kubeconfig ${p.file}: ${p.reason}`);
    for (const c of merged.contexts) if (c.problem) this.log.warn(`context ${c.name}: ${c.problem}`);
    this.clients = new ClusterClients(merged, { trusted: vscode.workspace.isTrusted });
    this.resolver = new ResourceResolver(this.clients);
    this.model = new ExplorerModel(this.clients, { timeoutMs: this.settings['cluster.timeoutMs'], concurrency: this.settings['deploy.concurrency'] });
    this.watchFiles(files);
    this.log.info(`loaded ${merged.contexts.length} context(s) from ${files.length} kubeconfig file(s)`);
  }

  private watchFiles(files: string[]): void {
    for (const w of this.fileWatchers) w.dispose();
    this.fileWatchers = files.map((file) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const changed = () => this.reload(`${file} changed`);
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }

  reload(why: string): void {
    this.log.info(`reloading clusters: ${why}`);
    this.model.dispose();
    this.clients.dispose();
    this.load();
    this.onDidReloadEmitter.fire();
  }

  fanOutOptions(signal?: AbortSignal) {
    return { concurrency: this.settings['deploy.concurrency'], timeoutMs: this.settings['cluster.timeoutMs'], signal };
  }

  dispose(): void {
    this.model.dispose();
    this.clients.dispose();
    for (const d of [...this.fileWatchers, ...this.disposables, this.onDidReloadEmitter]) d.dispose();
  }
}

/** An AbortSignal that aborts when a VS Code CancellationToken is cancelled. */
export function signalFor(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
