import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../core/config';
import type { FlotillaContext } from './context';

export async function startLanguageClient(ctx: FlotillaContext): Promise<LanguageClient> {
  const module = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
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
