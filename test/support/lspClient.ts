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
  ShutdownRequest,
  ExitNotification,
  type InitializeResult,
  type InitializeParams,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspSession {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  initializeResult: InitializeResult;
  stderr: () => string;
  close(): Promise<number | null>;
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
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    process: child,
    initializeResult,
    stderr: () => stderr,
    async close() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
