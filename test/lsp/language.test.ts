/** The language features over LSP on stdio: what any client (VS Code or not) sees. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';
import { POLICY_WITH_ENUM_ERROR } from '../support/manifests';
import { SchemaStatusRequest } from '../../core/protocol';
import { widgetCrd } from '../unit/language/fixtures';
import { upstreamMissing } from '../support/federation';

import { UPSTREAM_DIR as UPSTREAM } from '../support/upstream';
const APPS = path.join(UPSTREAM, 'openapi/kubernetes-1.35/apis__apps__v1_openapi.json');
const POLICY_CRD = path.join(UPSTREAM, 'crds/karmada/policy/policy.karmada.io_propagationpolicies.yaml');
const MCS_CRDS = path.join(UPSTREAM, 'crds/mcs-api');
const URI = 'file:///work/app.yaml';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers: [{name: web, image: nginx}]
---
${POLICY_WITH_ENUM_ERROR}---
apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata:
  name: web
spec:
  exportAll: true
`;

/**
 * The schema's findings: the cross-document checks (here, no Service for the ServiceExport) run after
 * the schema checks and are published whenever they are done, before or after a given edit's.
 */
const schemaFindings = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source !== 'flotilla-federation');

async function session() {
  const configurationRequests: unknown[] = [];
  const s = await startServer({ capabilities: { workspace: { configuration: true } } }, ['--schemas', APPS, '--schemas', POLICY_CRD], (connection) => {
    connection.onRequest(ConfigurationRequest.type, (params) => {
      configurationRequests.push(params);
      return params.items.map(() => ({ schemas: { paths: [MCS_CRDS], live: false }, validation: { strict: true } }));
    });
  });
  return { ...s, configurationRequests };
}

test('diagnostics per document of a multi-document file, with schemas from --schemas and from workspace/configuration', async (t) => {
  if (upstreamMissing) return t.skip(upstreamMissing);
  const s = await session();
  try {
    const published = s.nextDiagnostics(URI);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    const found = schemaFindings(await published);
    assert.deepEqual(
      found.map((d) => [d.code, d.range.start.line]),
      [
        ['wrong-type', 5],
        ['enum', 19],
        ['unknown-field', 26],
      ],
      s.stderr(),
    );
    assert.equal((s.configurationRequests[0] as { items: { section: string }[] }).items[0].section, 'flotilla');
    const status = await s.connection.sendRequest(SchemaStatusRequest.type);
    const user = status.find((c) => c.source === 'user');
    assert.ok(user && user.origins.includes(POLICY_CRD) && user.origins.some((o) => o.includes('serviceexports')), JSON.stringify(status));

    // An incremental one-character edit gets new diagnostics.
    const after = s.nextDiagnostics(URI, (d) => !d.some((x) => x.code === 'enum'));
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 19, character: 29 }, end: { line: 19, character: 30 } }, text: 'D' }],
    });
    assert.deepEqual(schemaFindings(await after).map((d) => d.code), ['wrong-type', 'unknown-field']);
  } finally {
    assert.equal(await s.close(), 0);
  }
});

test('completion, hover, quick fix and document symbols over LSP', async (t) => {
  if (upstreamMissing) return t.skip(upstreamMissing);
  const s = await session();
  try {
    const published = s.nextDiagnostics(URI);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    const diagnostics = await published;

    const completion = (await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 19, character: 29 } })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => i.label).sort(), ['Divided', 'Duplicated']);

    const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 5, character: 4 } });
    assert.match((hover!.contents as MarkupContent).value, /\*\*replicas\*\*: `integer`[\s\S]*schema source: user: .*apps__v1_openapi\.json/);

    const enumDiagnostic = diagnostics.find((d) => d.code === 'enum')!;
    const actions = await s.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: enumDiagnostic.range, context: { diagnostics: [enumDiagnostic] } });
    assert.equal(actions?.[0] && 'title' in actions[0] ? actions[0].title : undefined, 'Change to "Divided"');

    const symbols = (await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((sym) => sym.name), ['Deployment web', 'PropagationPolicy web', 'ServiceExport web']);
  } finally {
    assert.equal(await s.close(), 0);
  }
});

test('a settings change (workspace/didChangeConfiguration) reloads user schemas and revalidates open documents', { timeout: 60_000 }, async (t) => {
  // The user schemas it switches to are the upstream MCS CRDs.
  if (upstreamMissing) return t.skip(upstreamMissing);
  let paths: string[] = [];
  const s = await startServer({ capabilities: { workspace: { configuration: true } } }, [], (connection) => {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ schemas: { paths, live: false } })));
  });
  try {
    const text = 'apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceExport\nmetadata:\n  name: web\nspec:\n  exportAll: true\n';
    const before = s.nextDiagnostics(URI);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
    // The bundled ServiceExport has no spec; the upstream CRD has one, without exportAll.
    const initial = await before;
    assert.deepEqual(schemaFindings(initial).map((d) => [d.code, d.range.start.line]), [['unknown-field', 4]]);
    paths = [MCS_CRDS];
    const after = s.nextDiagnostics(URI, (d) => d.some((x) => x.range.start.line === 5));
    await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(schemaFindings(await after).map((d) => [d.code, d.range.start.line]), [['unknown-field', 5]]);
  } finally {
    assert.equal(await s.close(), 0);
  }
});

test('CRDs found in the workspace are a schema source', async () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'flotilla-ws-'));
  const crd = widgetCrd(`            spec:
              type: object
              properties:
                size: {type: integer}
`);
  writeFileSync(path.join(workspace, 'widget-crd.yaml'), crd);
  const s = await startServer({ rootUri: pathToFileURL(workspace).href });
  try {
    const uri = pathToFileURL(path.join(workspace, 'widget.yaml')).href;
    const found = s.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'wrong-type'));
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n' } });
    assert.deepEqual((await found).map((d) => [d.code, d.range.start.line]), [['wrong-type', 5]]);
    const status = await s.connection.sendRequest(SchemaStatusRequest.type);
    assert.deepEqual(status.find((c) => c.source === 'workspace')?.origins, [path.join(workspace, 'widget-crd.yaml')]);
  } finally {
    assert.equal(await s.close(), 0);
  }
});

test('a long validation answers requests meanwhile, and a newer edit cancels it: stale diagnostics are never published', async () => {
  const s = await session();
  try {
    // Schemas loaded first, so that the big file's validation starts as soon as it is opened.
    const ready = s.nextDiagnostics('file:///work/small.yaml');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///work/small.yaml', languageId: 'yaml', version: 1, text: TEXT } });
    await ready;
    const deployment = TEXT.split('---\n')[0];
    const copies = 6000;
    const big = Array.from({ length: copies }, () => deployment).join('---\n');
    const published: Diagnostic[][] = [];
    s.onDiagnostics((p) => {
      if (p.uri === URI) published.push(p.diagnostics);
    });
    const first = s.nextDiagnostics(URI, () => true, 120_000);
    // The edit (replicas: two -> 2 in the first document: one wrong-type error fewer) and a hover are
    // sent at once; the server takes them between two slices of the first validation.
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: big } });
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } }, text: '2' }],
    });
    const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 5, character: 4 } });
    assert.ok(hover, 'hover answered');
    assert.equal(published.length, 0, 'the hover was answered before any diagnostics were published');
    const diagnostics = await first;
    assert.equal(diagnostics.length, copies - 1, 'the first diagnostics published are those of the edited text');
    assert.ok(diagnostics.every((d) => d.code === 'wrong-type') && diagnostics[0].range.start.line > 5);
  } finally {
    assert.equal(await s.close(), 0);
  }
});
