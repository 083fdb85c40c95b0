/**
 * The CodeLens as VS Code gets it: the real language server (dist/server.js) receives the Karmada Cluster
 * objects in a federation snapshot, as the explorer pushes them, and each case's template and policy as an
 * open document; its lens title is read back into an answer.
 */
import { existsSync } from 'node:fs';
import { stringify } from 'yaml';
import { CodeLensRequest, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type CodeLens } from 'vscode-languageserver-protocol';
import { FederationSnapshotNotification } from '../../core/protocol';
import { SERVER_PATH, startServer, type LspSession } from '../support/lspClient';
import { parseLensTitle, type Answer } from './previews';

export class LensServer {
  private refreshed: () => void = () => undefined;

  private constructor(private readonly session: LspSession) {
    session.connection.onRequest('workspace/codeLens/refresh', () => {
      this.refreshed();
      return null;
    });
  }

  /** undefined when the server is not built. */
  static async start(): Promise<LensServer | undefined> {
    if (!existsSync(SERVER_PATH)) return undefined;
    return new LensServer(await startServer({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } }));
  }

  /** Pushes the Karmada Clusters as the explorer's snapshot; resolves once the server has taken them. */
  async pushClusters(karmadaClusters: unknown[]): Promise<void> {
    const refresh = new Promise<void>((resolve) => (this.refreshed = resolve));
    await this.session.connection.sendNotification(FederationSnapshotNotification.type, { clusters: [], karmadaClusters });
    await refresh;
  }

  /** The lens of one case: its resource and policy opened as one file. */
  async lens(id: string, resource: unknown, policy: unknown): Promise<Answer> {
    const uri = `file:///fidelity/${id}.yaml`;
    const text = [resource, policy].map((d) => stringify(d)).join('---\n');
    await this.session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    try {
      const lenses = ((await this.session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[] | null) ?? [];
      const titles = lenses.map((l) => l.command?.title ?? '');
      return titles.length === 1 ? parseLensTitle(titles[0]) : { error: `expected one lens, got ${titles.length}: ${titles.join(' | ')}` };
    } finally {
      await this.session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
  }

  async close(): Promise<void> {
    const code = await this.session.close();
    if (code !== 0) throw new Error(`the language server exited with ${code}: ${this.session.stderr()}`);
  }
}
