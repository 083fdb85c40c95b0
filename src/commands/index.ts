/** Registers the explorer view and every cluster command; returns their disposables. */
import * as vscode from 'vscode';
import type { CurrentSchedule, FederationSnapshot, ScheduleQuery } from '../../core/protocol';
import { readCurrentSchedules } from '../../core/karmada/currentSchedules';
import type { ExplorerNode } from '../../core/kube/explorer';
import { feedSnapshots } from '../../core/kube/snapshotFeed';
import { FlotillaContentProvider, SCHEME } from '../contentProvider';
import { FederationTreeProvider } from '../explorer/treeProvider';
import { KubeSession } from '../kubeSession';
import { PortForwards } from '../portForwards';
import { deployThroughControlPlane } from './controlPlane';
import { deleteThroughControlPlane } from './controlPlaneDelete';
import { deleteFromMembers } from './delete';
import { deployToMembers, type CommandEnv } from './deploy';
import { execInMember } from './exec';
import { explainPlacement } from './explainPlacement';
import { compareAcrossMembers, inspectAcrossMembers } from './inspect';
import { chooseKubeconfigs, openKubeconfig } from './kubeconfigs';
import { acceptManagedCluster, detachManagedCluster, joinToKarmada, unjoinFromKarmada } from './membership';
import { newFederationManifest } from './newManifest';
import { portForwardFromMember, stopPortForward } from './portForward';
import { openControlPlaneObject, revealInControlPlane } from './revealInControlPlane';
import { inspectCrossClusterServiceCommand } from './service';
import { eventsAcrossMembers, logsAcrossMembers } from './streams';
import { restartAcrossMembers, rolloutStatusAcrossMembers, scaleAcrossMembers } from './workloadActions';
import { createWorkloadPlacement } from './workloadPlacement';
import { describeError } from '../../core/kube/errors';

export function registerExplorer(
  extension: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  sendSnapshot: (snapshot: FederationSnapshot) => void,
): { disposables: vscode.Disposable[]; snapshot: () => Promise<FederationSnapshot>; currentSchedules: (queries: ScheduleQuery[], signal: AbortSignal) => Promise<CurrentSchedule[]> } {
  const session = new KubeSession(log);
  const content = new FlotillaContentProvider();
  const tree = new FederationTreeProvider(session, vscode.Uri.joinPath(extension.extensionUri, 'media'));
  const view = vscode.window.createTreeView('flotilla.federation', { treeDataProvider: tree, canSelectMany: false, showCollapseAll: true });
  tree.attach(view);
  const env: CommandEnv = { session, state: extension.workspaceState, log, content };
  const forwards = new PortForwards(log);
  const snapshots = feedSnapshots(session, sendSnapshot, (message) => log.warn(message));
  // Discover right away so the language server gets the members even before the view is opened.
  void session.model.discover().catch((err: Error) => log.warn(`discovery failed: ${err.message}`));
  const wrap = (name: string, fn: (env: CommandEnv, node?: ExplorerNode) => Promise<void>) =>
    vscode.commands.registerCommand(name, async (node?: ExplorerNode) => {
      try {
        await fn(env, node);
      } catch (err) {
        const message = describeError(err);
        log.error(`${name}: ${message}`);
        void vscode.window.showErrorMessage(`Flotilla: ${message}`);
      }
    });
  const disposables = [
    session,
    forwards,
    content,
    tree,
    view,
    snapshots,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, content),
    vscode.commands.registerCommand('flotilla.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('flotilla.showLog', () => log.show()),
    vscode.commands.registerCommand('flotilla.explainPlacement', (explanation?: Parameters<typeof explainPlacement>[0]) => explainPlacement(explanation)),
    wrap('flotilla.deployToMembers', deployToMembers),
    wrap('flotilla.inspectAcrossMembers', inspectAcrossMembers),
    wrap('flotilla.compareAcrossMembers', compareAcrossMembers),
    wrap('flotilla.eventsAcrossMembers', eventsAcrossMembers),
    wrap('flotilla.logsAcrossMembers', logsAcrossMembers),
    wrap('flotilla.execInMember', execInMember),
    wrap('flotilla.portForward', (e, node) => portForwardFromMember(e, forwards, node)),
    wrap('flotilla.stopPortForward', () => stopPortForward(forwards)),
    wrap('flotilla.scaleAcrossMembers', scaleAcrossMembers),
    wrap('flotilla.restartAcrossMembers', restartAcrossMembers),
    wrap('flotilla.rolloutStatusAcrossMembers', rolloutStatusAcrossMembers),
    wrap('flotilla.inspectCrossClusterService', inspectCrossClusterServiceCommand),
    wrap('flotilla.deleteFromMembers', deleteFromMembers),
    wrap('flotilla.deployThroughControlPlane', (commandEnv, node) => deployThroughControlPlane(commandEnv, node)),
    wrap('flotilla.deleteThroughControlPlane', deleteThroughControlPlane),
    wrap('flotilla.createWorkloadPlacement', createWorkloadPlacement),
    wrap('flotilla.joinToKarmada', joinToKarmada),
    wrap('flotilla.unjoinFromKarmada', unjoinFromKarmada),
    wrap('flotilla.acceptManagedCluster', acceptManagedCluster),
    wrap('flotilla.detachManagedCluster', detachManagedCluster),
    wrap('flotilla.revealInControlPlane', (commandEnv, node) => revealInControlPlane(commandEnv, view, node)),
    wrap('flotilla.openControlPlaneObject', openControlPlaneObject),
    vscode.commands.registerCommand('flotilla.newFederationManifest', newFederationManifest),
    vscode.commands.registerCommand('flotilla.chooseKubeconfigs', chooseKubeconfigs),
    vscode.commands.registerCommand('flotilla.openKubeconfig', openKubeconfig),
  ];
  return {
    disposables,
    snapshot: () => session.model.snapshot(),
    currentSchedules: (queries, signal) => readCurrentSchedules(session.model, queries, { timeoutMs: session.settings['cluster.timeoutMs'], signal }),
  };
}
