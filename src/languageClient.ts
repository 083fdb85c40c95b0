import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../core/config';
import type { FlotillaContext } from './context';

export async function startLanguageClient(ctx: FlotillaContext): Promise<LanguageClient> {
  const module = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'server.js').fsPath;
  // The server keeps V8's code cache in the extension's storage, so its next start skips compiling.
  const codeCache = vscode.Uri.joinPath(ctx.extension.globalStorageUri, 'code-cache').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: { ...process.env, FLOTILLA_CODE_CACHE_DIR: codeCache } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'], env: { ...process.env, FLOTILLA_CODE_CACHE_DIR: 'off' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Cross-document checks and placement lenses read the workspace's YAML files that are not open.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    outputChannel: ctx.log,
  };
  const client = new LanguageClient('flotilla', 'Flotilla Language Server', serverOptions, clientOptions);
  await client.start();
  ctx.log.info(`language server started: ${module}`);
  return client;
}
