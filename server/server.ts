/**
 * Language server wiring, bundled as dist/languageServer.js and started by dist/server.js (main.ts).
 * `node dist/server.js --stdio` speaks LSP over stdio; the extension starts the same file over IPC
 * (vscode-languageserver picks the transport from argv).
 * `--schemas PATH` (repeatable) adds CRD/OpenAPI files or folders as user schemas.
 */
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findBundledSchemas } from '../core/schema/sources';
import { parseServerArgs } from './args';
import { markWarm } from './codeCache';
import { builtinFeatures } from './features';
import { Session } from './session';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const { schemaPaths } = parseServerArgs(process.argv.slice(2));

new Session(connection, documents, { schemaPaths, bundledDir: findBundledSchemas(__dirname), features: builtinFeatures(), afterValidation: markWarm }).listen();

documents.listen(connection);
connection.listen();
