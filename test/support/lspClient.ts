/**
 * Starts dist/server.js --stdio as a child process and speaks LSP to it with vscode-jsonrpc, the same
 * library VS Code's client uses. Tests wait on the server's messages, never on sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import {
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type Diagnostic,
  type InitializeResult,
  type InitializeParams,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspSession {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  initializeResult: InitializeResult;
  stderr: () => string;
  /**
   * The next diagnostics published for `uri` that `accept` takes. Rejects, quoting what was published
   * and the server's stderr, if the server exits or nothing acceptable arrives within `withinMs`.
   */
  nextDiagnostics(uri: string, accept?: (diagnostics: Diagnostic[]) => boolean, withinMs?: number): Promise<Diagnostic[]>;
  /** Every diagnostics notification from now on; the returned function stops listening. */
  onDiagnostics(listener: (params: PublishDiagnosticsParams) => void): () => void;
  close(): Promise<number | null>;
}

/** vscode-jsonrpc keeps one handler per method: a second onNotification would silently replace the first. */
function diagnosticsHub(connection: MessageConnection) {
  const listeners = new Set<(params: PublishDiagnosticsParams) => void>();
  const recent = new Map<string, Diagnostic[][]>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    recent.set(params.uri, [...(recent.get(params.uri) ?? []), params.diagnostics].slice(-5));
    for (const listener of [...listeners]) listener(params);
  });
  return {
    on(listener: (params: PublishDiagnosticsParams) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** The last few diagnostics published for `uri`, as [code, source, line] per finding. */
    describe(uri: string): string {
      const forUri = (recent.get(uri) ?? []).map((diagnostics) => JSON.stringify(diagnostics.map((d) => [d.code, d.source, d.range.start.line])));
      return forUri.length ? forUri.join('\n') : 'nothing';
    },
  };
}

/** Where test servers keep their V8 code cache, unless a test names its own: the checkout's, never the user's. */
const TEST_CODE_CACHE = join(__dirname, '..', '..', 'node_modules', '.cache', 'flotilla-test-code-cache');

/** `setup` runs before initialize, e.g. to answer the server's workspace/configuration requests. */
export async function startServer(
  params: Partial<InitializeParams> = {},
  args: string[] = [],
  setup?: (connection: MessageConnection) => void,
  env: Record<string, string> = {},
): Promise<LspSession> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio', ...args], { stdio: 'pipe', env: { ...process.env, FLOTILLA_CODE_CACHE_DIR: TEST_CODE_CACHE, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const hub = diagnosticsHub(connection);
  setup?.(connection);
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
    ...params,
  } as InitializeParams);
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    initializeResult,
    stderr: () => stderr,
    onDiagnostics: (listener) => hub.on(listener),
    nextDiagnostics(uri, accept = () => true, withinMs = 30_000) {
      return new Promise((resolve, reject) => {
        const fail = (why: string) => {
          stop();
          reject(new Error(`${why}; published for ${uri}:\n${hub.describe(uri)}\nserver stderr:\n${stderr}`));
        };
        const timer = setTimeout(() => fail(`no acceptable diagnostics for ${uri} within ${withinMs} ms`), withinMs);
        void exited.then((code) => fail(`the server exited (${code}) before acceptable diagnostics for ${uri}`));
        const stopListening = hub.on((p) => {
          if (p.uri !== uri || !accept(p.diagnostics)) return;
          stop();
          resolve(p.diagnostics);
        });
        function stop() {
          clearTimeout(timer);
          stopListening();
        }
      });
    },
    async close() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
