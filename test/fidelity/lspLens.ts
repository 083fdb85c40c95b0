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
  private refreshed: () => void = () => undefined;

  private constructor(private readonly session: LspSession, schedules: (queries: ScheduleQuery[]) => Promise<CurrentSchedule[]>) {
    session.connection.onRequest('workspace/codeLens/refresh', () => {
      this.refreshed();
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
    const refresh = new Promise<void>((resolve) => (this.refreshed = resolve));
    await this.session.connection.sendNotification(FederationSnapshotNotification.type, { clusters: [], karmadaClusters });
    await refresh;
  }

  /**
   * The lens of one case: its resource and policy opened as one file. `fromSchedule`: the resource is
   * already scheduled, so the lens is read again once the server has its current schedule and asked
   * for lenses anew (what VS Code shows a moment after opening a deployed workload's file).
   */
  async lens(id: string, resource: unknown, policy: unknown, fromSchedule = false): Promise<Answer> {
    const uri = `file:///fidelity/${id}.yaml`;
    const text = [resource, policy].map((d) => stringify(d)).join('---\n');
    const refreshed = fromSchedule ? this.nextRefresh(30_000) : undefined;
    await this.session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    try {
      let titles = await this.titles(uri);
      if (refreshed) {
        if (!(await refreshed)) return { error: 'the server did not recompute the lens from the current schedule' };
        titles = await this.titles(uri);
      }
      return titles.length === 1 ? parseLensTitle(titles[0]) : { error: `expected one lens, got ${titles.length}: ${titles.join(' | ')}` };
    } finally {
      await this.session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  }

  private async titles(uri: string): Promise<string[]> {
    const lenses = ((await this.session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[] | null) ?? [];
    return lenses.map((l) => l.command?.title ?? '');
  }

  private nextRefresh(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.refreshed = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  async close(): Promise<void> {
    const code = await this.session.close();
    if (code !== 0) throw new Error(`the language server exited with ${code}: ${this.session.stderr()}`);
  }
}
