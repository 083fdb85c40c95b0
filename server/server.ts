/**
 * Language server entry point: wiring only. `node dist/server.js --stdio` speaks LSP over stdio; the
 * extension starts the same file over IPC (vscode-languageserver picks the transport from argv).
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SchemaStatusRequest } from '../core/protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
  },
  serverInfo: { name: 'flotilla-language-server' },
}));

connection.onRequest(SchemaStatusRequest.type, () => []);

documents.listen(connection);
connection.listen();
