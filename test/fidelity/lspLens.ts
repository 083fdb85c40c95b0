/**
 * The CodeLens as VS Code gets it: the real language server (dist/server.js) receives the Karmada Cluster
 * objects in a federation snapshot, as the explorer pushes them, and each case's template and policy as an
 * open document; its lens title is read back into an answer.
 */
import { existsSync } from 'node:fs';
import { stringify } from 'yaml';
import { CodeLensRequest, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type CodeLens } from 'vscode-languageserver-protocol';
import { CurrentSchedulesRequest, FederationSnapshotNotification, type CurrentSchedule, type ScheduleQuery } from '../../core/protocol';
import { SERVER_PATH, startServer, type LspSession } from '../support/lspClient';
import { parseLensTitle, type Answer } from './previews';

export class LensServer {
  /** Everyone waiting for the server's next codeLens/refresh (cases run concurrently). */
  private readonly refreshWaiters = new Set<() => void>();

  private constructor(private readonly session: LspSession, schedules: (queries: ScheduleQuery[]) => Promise<CurrentSchedule[]>) {
    session.connection.onRequest('workspace/codeLens/refresh', () => {
      const waiters = [...this.refreshWaiters];
      this.refreshWaiters.clear();
      for (const w of waiters) w();
      return null;
    });
    session.connection.onRequest(CurrentSchedulesRequest.type, (queries) => schedules(queries));
  }

  /** undefined when the server is not built. `schedules` answers the server's questions for current schedules, as the extension does. */
  static async start(schedules: (queries: ScheduleQuery[]) => Promise<CurrentSchedule[]>): Promise<LensServer | undefined> {
    if (!existsSync(SERVER_PATH)) return undefined;
    return new LensServer(await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } }), schedules);
  }

  /** Pushes the Karmada Clusters as the explorer's snapshot; resolves once the server has taken them. */
  async pushClusters(karmadaClusters: unknown[]): Promise<void> {
    const refresh = new Promise<void>((resolve) => this.refreshWaiters.add(resolve));
    await this.session.connection.sendNotification(FederationSnapshotNotification.type, { clusters: [], karmadaClusters });
    await refresh;
  }

  /**
   * The lens of one case: its resource and policy opened as one file. `fromSchedule`: the resource is
   * already scheduled, so the lens is read again on each refresh until the server has divided from the
   * current schedule (what VS Code shows a moment after opening a deployed workload's file).
   */
  async lens(id: string, resource: unknown, policy: unknown, fromSchedule = false): Promise<Answer> {
    const uri = `file:///fidelity/${id}.yaml`;
    const text = [resource, policy].map((d) => stringify(d)).join('---\n');
    const deadline = Date.now() + 30_000;
    let refreshed = this.nextRefresh(deadline);
    await this.session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    try {
      let lenses = await this.lenses(uri);
      while (fromSchedule && !lenses.some(fromCurrentSchedule)) {
        if (!(await refreshed)) return { error: 'the server did not recompute the lens from the current schedule' };
        refreshed = this.nextRefresh(deadline);
        lenses = await this.lenses(uri);
      }
      const titles = lenses.map((l) => l.command?.title ?? '');
      return titles.length === 1 ? parseLensTitle(titles[0]) : { error: `expected one lens, got ${titles.length}: ${titles.join(' | ')}` };
    } finally {
      await this.session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  }

  private async lenses(uri: string): Promise<CodeLens[]> {
    return ((await this.session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[] | null) ?? [];
  }

  /** Resolves true at the server's next codeLens/refresh, false at the deadline. */
  private nextRefresh(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.refreshWaiters.delete(done);
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.refreshWaiters.add(done);
    });
  }

  async close(): Promise<void> {
    const code = await this.session.close();
    if (code !== 0) throw new Error(`the language server exited with ${code}: ${this.session.stderr()}`);
  }
}

const fromCurrentSchedule = (lens: CodeLens) =>
  ((lens.command?.arguments?.[0] as { outcome?: { notes?: string[] } } | undefined)?.outcome?.notes ?? []).some((n) => n.includes('the current schedule (ResourceBinding'));
