/**
 * The multi-select cluster picker every fan-out command uses: members of discovered federations and
 * standalone contexts, with the last choice remembered per command in workspaceState.
 */
import * as vscode from 'vscode';
import type { KubeSession } from '../kubeSession';

export interface ClusterPick extends vscode.QuickPickItem {
  context: string;
}

export async function clusterItems(session: KubeSession): Promise<ClusterPick[]> {
  const d = await session.model.discover();
  const items: ClusterPick[] = [];
  const seen = new Set<string>();
  for (const f of d.federations) {
    if (!seen.has(f.context)) {
      seen.add(f.context);
      items.push({ label: f.context, description: `${f.kind} control plane`, detail: f.server, context: f.context });
    }
    for (const m of f.members) {
      if (!m.context || seen.has(m.context)) continue;
      seen.add(m.context);
      items.push({ label: m.context, description: `${f.kind} member ${m.name}`, detail: m.server, context: m.context });
    }
  }
  for (const c of session.clients.config.contexts) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const problem = session.clients.problem(c.name);
    items.push({ label: c.name, description: problem ? `not connected: ${problem}` : 'context', detail: c.server, context: c.name });
  }
  return items;
}

export async function pickClusters(
  session: KubeSession,
  state: vscode.Memento,
  options: { key: string; title: string; preselect?: string[]; exactly?: number },
): Promise<string[] | undefined> {
  const items = await clusterItems(session);
  const remembered = options.preselect?.length ? options.preselect : state.get<string[]>(`flotilla.picked.${options.key}`, []);
  const quickPick = vscode.window.createQuickPick<ClusterPick>();
  quickPick.title = options.title;
  quickPick.canSelectMany = true;
  quickPick.placeholder = options.exactly ? `Pick ${options.exactly} clusters` : 'Pick the clusters';
  quickPick.items = items;
  quickPick.selectedItems = items.filter((i) => remembered.includes(i.context));
  const picked = await new Promise<string[] | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems.map((i) => i.context);
      if (options.exactly && chosen.length !== options.exactly) {
        quickPick.placeholder = `Pick exactly ${options.exactly} clusters (${chosen.length} picked)`;
        return;
      }
      resolve(chosen);
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (picked?.length) await state.update(`flotilla.picked.${options.key}`, picked);
  return picked?.length ? picked : undefined;
}
