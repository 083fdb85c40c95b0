/**
 * Language server speed, over LSP on stdio, side by side with yaml-language-server 1.25 given the same
 * schemas (as a JSON schema that dispatches on `kind`). Figures: server start to initialize result;
 * first diagnostics on 1,000- and 5,000-resource files (Deployments + PropagationPolicies); peak RSS;
 * completion and hover p95 on the 5,000-resource file; a one-character edit to new diagnostics.
 * Flotilla starts from the V8 code cache and the schema file cache an earlier start left (one unmeasured
 * start writes them first), as every start after the first does; the first start after an install, with
 * neither cache yet, has its own row.
 *
 * BENCH_RUNS (default 3) sets how many runs give the medians; BENCH_YLS_CAP_MS (default 60000) caps each
 * yaml-language-server wait; BENCH_SKIP_YLS=1 measures Flotilla only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const UPSTREAM = process.env.FLOTILLA_UPSTREAM_DIR ?? path.resolve(ROOT, '../shared/upstream');
const APPS = path.join(UPSTREAM, 'openapi/kubernetes-1.35/apis__apps__v1_openapi.json');
const POLICY_CRD = path.join(UPSTREAM, 'crds/karmada/policy/policy.karmada.io_propagationpolicies.yaml');
const OPENAPI_DIR = path.join(UPSTREAM, 'openapi/kubernetes-1.35');
const CRD_DIR = path.join(UPSTREAM, 'crds');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const YLS_CAP_MS = Number(process.env.BENCH_YLS_CAP_MS ?? 60000);
const SKIP_YLS = process.env.BENCH_SKIP_YLS === '1';
const work = mkdtempSync(path.join(tmpdir(), 'flotilla-lsp-bench-'));

// ---- inputs ---------------------------------------------------------------------------------------

function deployment(i: number): string {
  // One document in 250 carries a type error, so both servers have something to report.
  const replicas = i % 250 === 0 ? '"3"' : '3';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: default
  labels:
    app: app-${i}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: main
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
          ports:
            - containerPort: 80
          resources:
            limits:
              cpu: 500m
              memory: 128Mi
`;
}

function policy(i: number): string {
  return `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: app-${i}
  namespace: default
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: app-${i}
  placement:
    clusterAffinity:
      clusterNames:
        - member1
        - member2
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
`;
}

/** `resources` documents; `first` numbers them, so that two files from different `first` share no document. */
function manifestFile(resources: number, first = 0): string {
  const docs: string[] = [];
  for (let i = first; i < first + resources / 2; i++) docs.push(deployment(i), policy(i));
  return docs.join('---\n');
}

/** The same schemas for yaml-language-server: one JSON schema choosing Deployment or PropagationPolicy by kind. */
function jsonSchemaFile(): string {
  const apps = JSON.parse(readFileSync(APPS, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const definitions = JSON.parse(JSON.stringify(apps.components.schemas).replaceAll('#/components/schemas/', '#/definitions/')) as Record<string, unknown>;
  const crd = parse(readFileSync(POLICY_CRD, 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] } };
  definitions.PropagationPolicy = crd.spec.versions.find((v) => v.name === 'v1alpha1')!.schema.openAPIV3Schema;
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions,
    if: { properties: { kind: { const: 'Deployment' } } },
    then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    else: { if: { properties: { kind: { const: 'PropagationPolicy' } } }, then: { $ref: '#/definitions/PropagationPolicy' } },
  };
  const file = path.join(work, 'schema.json');
  writeFileSync(file, JSON.stringify(schema));
  return file;
}

/**
 * Every upstream schema, as a user who works with all these kinds sets them up: yaml-language-server gets
 * one JSON schema holding every OpenAPI component and CRD version, chosen by apiVersion and kind;
 * Flotilla gets the same folders as --schemas.
 */
function everySchemaJsonFile(): string {
  const definitions: Record<string, unknown> = {};
  const choices: unknown[] = [];
  const choose = (apiVersion: string, kind: string, ref: string) =>
    choices.push({ if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] }, then: { $ref: ref } });
  for (const name of readdirSync(OPENAPI_DIR).filter((n) => n.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(OPENAPI_DIR, name), 'utf8').replaceAll('#/components/schemas/', '#/definitions/')) as { components: { schemas: Record<string, Record<string, unknown>> } };
    for (const [id, schema] of Object.entries(doc.components.schemas)) {
      definitions[id] = schema;
      for (const gvk of (schema['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? []) {
        choose(gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, gvk.kind, `#/definitions/${id}`);
      }
    }
  }
  const crdFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? crdFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
  for (const file of crdFiles(CRD_DIR)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions?: { name: string; schema?: { openAPIV3Schema: unknown } }[] } } | null;
      if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec?.versions) continue;
      for (const v of crd.spec.versions) {
        if (!v.schema) continue;
        const id = `crd.${crd.spec.group}.${v.name}.${crd.spec.names.kind}`;
        definitions[id] = v.schema.openAPIV3Schema;
        choose(`${crd.spec.group}/${v.name}`, crd.spec.names.kind, `#/definitions/${id}`);
      }
    }
  }
  const file = path.join(work, 'every-schema.json');
  writeFileSync(file, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', definitions, allOf: choices }));
  return file;
}

// ---- an LSP session ------------------------------------------------------------------------------

interface Server {
  name: string;
  command: string[];
  settings: unknown;
  env?: Record<string, string>;
  initializationOptions?: unknown;
}

interface Session {
  connection: MessageConnection;
  child: ChildProcessWithoutNullStreams;
  initializeMs: number;
  close(): Promise<void>;
}

async function start(server: Server): Promise<Session> {
  const started = performance.now();
  const child = spawn(process.execPath, server.command, { stdio: 'pipe', env: { ...process.env, KUBECONFIG: path.join(work, 'no-kubeconfig'), ...server.env } });
  child.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => ((server.settings as Record<string, unknown>)[item.section ?? ''] ?? null)));
  connection.onRequest(() => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(work).href,
    workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'bench' }],
    initializationOptions: server.initializationOptions,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } }, textDocument: { publishDiagnostics: {} } },
  });
  const initializeMs = performance.now() - started;
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: server.settings });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    connection,
    child,
    initializeMs,
    async close() {
      const done = Promise.race([
        connection.sendRequest(ShutdownRequest.type).then(() => connection.sendNotification(ExitNotification.type)),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
      await done.catch(() => undefined);
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      connection.dispose();
    },
  };
}

function nextDiagnostics(connection: MessageConnection, uri: string, capMs: number): Promise<Diagnostic[] | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, capMs);
    const sub = connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri !== uri) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(p.diagnostics);
    });
  });
}

/** Peak resident set (VmHWM) of the server process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

interface FileFigures {
  firstDiagnosticsMs?: number;
  /** A second file of the same size, none of its documents seen before, opened in the same (warm) server. */
  warmDiagnosticsMs?: number;
  diagnostics?: number;
  peakRssMb: number;
  completionP95Ms?: number;
  hoverP95Ms?: number;
  editMs?: number;
}

async function timeToDiagnostics(session: Session, uri: string, text: string, capMs: number): Promise<{ ms?: number; diagnostics?: Diagnostic[] }> {
  const first = nextDiagnostics(session.connection, uri, capMs);
  const opened = performance.now();
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const diagnostics = await first;
  return { ms: diagnostics ? performance.now() - opened : undefined, diagnostics };
}

async function openAndMeasure(server: Server, text: string, file: string, capMs: number, interactive: number, secondText?: string): Promise<FileFigures & { initializeMs: number }> {
  const session = await start(server);
  try {
    const uri = pathToFileURL(path.join(work, file)).href;
    const { ms: firstDiagnosticsMs, diagnostics } = await timeToDiagnostics(session, uri, text, capMs);
    const figures: FileFigures & { initializeMs: number } = { initializeMs: session.initializeMs, firstDiagnosticsMs, diagnostics: diagnostics?.length, peakRssMb: 0 };
    if (secondText && diagnostics) figures.warmDiagnosticsMs = (await timeToDiagnostics(session, pathToFileURL(path.join(work, `second-${file}`)).href, secondText, capMs)).ms;
    if (interactive && diagnostics) {
      const lines = text.split('\n');
      const keyLines: number[] = [];
      const hoverLines: number[] = [];
      lines.forEach((l, i) => {
        if (l === '  replicas: 3') keyLines.push(i);
        if (l === '      replicaSchedulingType: Divided') hoverLines.push(i);
      });
      const pick = (arr: number[], k: number) => arr[Math.floor(((k * 7919) % arr.length))];
      const completion: number[] = [];
      const hover: number[] = [];
      for (let k = 0; k < interactive; k++) {
        let t = performance.now();
        await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: pick(keyLines, k), character: 2 } });
        completion.push(performance.now() - t);
        t = performance.now();
        await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: pick(hoverLines, k), character: 10 } });
        hover.push(performance.now() - t);
      }
      figures.completionP95Ms = p95(completion);
      figures.hoverP95Ms = p95(hover);
      // One character: replicas 3 -> x in the middle document (a new type error).
      const line = keyLines[Math.floor(keyLines.length / 2)];
      const edited = nextDiagnostics(session.connection, uri, capMs);
      const t = performance.now();
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, text: 'x' }],
      });
      const after = await edited;
      figures.editMs = after ? performance.now() - t : undefined;
    }
    figures.peakRssMb = peakRssMb(session.child.pid!);
    return figures;
  } finally {
    await session.close();
  }
}

// ---- main --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const schemaFile = jsonSchemaFile();
  const flotilla: Server = {
    name: 'Flotilla',
    command: [path.join(ROOT, 'dist/server.js'), '--stdio', '--schemas', APPS, '--schemas', POLICY_CRD],
    settings: { flotilla: { schemas: { live: false }, validation: { strict: true } } },
    env: { FLOTILLA_CODE_CACHE_DIR: path.join(work, 'code-cache') },
    initializationOptions: { schemaCacheDir: path.join(work, 'schema-cache') },
  };
  const yls: Server = {
    name: 'yaml-language-server 1.25',
    command: [path.join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [pathToFileURL(schemaFile).href]: '*.yaml' } } },
  };
  const small = manifestFile(1000);
  const smallSecond = manifestFile(1000, 1000);
  const large = manifestFile(5000);
  const servers = SKIP_YLS ? [flotilla] : [flotilla, yls];
  const capOf = (server: Server) => (server === yls ? YLS_CAP_MS : 30000);
  // Runs alternate between the servers, so that load from elsewhere on the machine hits both alike.
  await openAndMeasure(flotilla, small, 'writes-the-caches.yaml', capOf(flotilla), 0);
  const firstStart: number[] = [];
  const init = new Map<Server, number[]>(servers.map((s) => [s, []]));
  const small1 = new Map<Server, number[]>(servers.map((s) => [s, []]));
  const warm1 = new Map<Server, number[]>(servers.map((s) => [s, []]));
  const rss1000 = new Map<Server, number>(servers.map((s) => [s, 0]));
  for (let r = 0; r < RUNS; r++) {
    for (const server of servers) {
      const f = await openAndMeasure(server, small, `small-${r}.yaml`, capOf(server), 0, smallSecond);
      init.get(server)!.push(f.initializeMs);
      if (f.firstDiagnosticsMs !== undefined) small1.get(server)!.push(f.firstDiagnosticsMs);
      if (f.warmDiagnosticsMs !== undefined) warm1.get(server)!.push(f.warmDiagnosticsMs);
      rss1000.set(server, Math.max(rss1000.get(server)!, f.peakRssMb));
    }
    const noCacheYet = { ...flotilla, env: { FLOTILLA_CODE_CACHE_DIR: path.join(work, `first-start-${r}`, 'code') }, initializationOptions: { schemaCacheDir: path.join(work, `first-start-${r}`, 'schema') } };
    const f = await openAndMeasure(noCacheYet, small, `first-start-${r}.yaml`, capOf(flotilla), 0);
    if (f.firstDiagnosticsMs !== undefined) firstStart.push(f.firstDiagnosticsMs);
  }
  // The same file with every upstream schema loaded, cold.
  const everyFile = everySchemaJsonFile();
  const flotillaEvery: Server = { ...flotilla, command: [path.join(ROOT, 'dist/server.js'), '--stdio', '--schemas', OPENAPI_DIR, '--schemas', CRD_DIR] };
  const ylsEvery: Server = { ...yls, settings: { yaml: { ...(yls.settings as { yaml: object }).yaml, schemas: { [pathToFileURL(everyFile).href]: '*.yaml' } } } };
  const every = new Map<Server, number[]>(servers.map((s) => [s, []]));
  await openAndMeasure(flotillaEvery, small, 'every-writes-the-caches.yaml', capOf(flotilla), 0);
  for (let r = 0; r < RUNS; r++) {
    for (const server of servers) {
      const f = await openAndMeasure(server === yls ? ylsEvery : flotillaEvery, small, `every-${r}.yaml`, capOf(server), 0);
      if (f.firstDiagnosticsMs !== undefined) every.get(server)!.push(f.firstDiagnosticsMs);
    }
  }
  const largeRuns = new Map<Server, FileFigures[]>(servers.map((s) => [s, []]));
  for (let r = 0; r < RUNS; r++) {
    for (const server of servers) {
      if (server === yls && r > 0) continue;
      largeRuns.get(server)!.push(await openAndMeasure(server, large, `large-${r}.yaml`, capOf(server), server === yls ? 30 : 300));
    }
  }
  const result: Record<string, Record<string, number | undefined>> = {};
  for (const server of servers) {
    const runs = largeRuns.get(server)!;
    const m = (pick: (f: FileFigures) => number | undefined) => {
      const values = runs.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? median(values) : undefined;
    };
    const smallRuns = small1.get(server)!;
    const warmRuns = warm1.get(server)!;
    result[server.name] = {
      initializeMs: median(init.get(server)!),
      first1000Ms: smallRuns.length ? median(smallRuns) : undefined,
      firstStart1000Ms: server === flotilla ? median(firstStart) : smallRuns.length ? median(smallRuns) : undefined,
      warm1000Ms: warmRuns.length ? median(warmRuns) : undefined,
      every1000Ms: every.get(server)!.length ? median(every.get(server)!) : undefined,
      first5000Ms: m((f) => f.firstDiagnosticsMs),
      peakRss5000Mb: Math.max(...runs.map((f) => f.peakRssMb)),
      completionP95Ms: m((f) => f.completionP95Ms),
      hoverP95Ms: m((f) => f.hoverP95Ms),
      editMs: m((f) => f.editMs),
      diagnostics5000: runs[0].diagnostics,
      peakRss1000Mb: rss1000.get(server),
    };
    console.log(`${server.name}: ${JSON.stringify(result[server.name])}`);
  }
  const rows: string[][] = [];
  const fmt = (v: number | undefined, unit: string) => (v === undefined ? `> cap` : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`);
  const names = Object.keys(result);
  const metrics: [string, string, string, string][] = [
    ['initializeMs', 'server start to initialize result', 'ms', '< 200 ms'],
    ['first1000Ms', 'first diagnostics, 1,000 resources', 'ms', '>= 10x faster'],
    ['firstStart1000Ms', 'same, first start after install (no caches yet)', 'ms', ''],
    ['warm1000Ms', 'same, a second file in a warm server', 'ms', ''],
    ['every1000Ms', 'same, cold, every upstream schema loaded', 'ms', ''],
    ['first5000Ms', 'first diagnostics, 5,000 resources', 'ms', '< 1000 ms'],
    ['peakRss5000Mb', 'peak RSS, 5,000 resources', 'MB', '< 300 MB'],
    ['completionP95Ms', 'completion p95, 5,000 resources', 'ms', '< 10 ms'],
    ['hoverP95Ms', 'hover p95, 5,000 resources', 'ms', '< 10 ms'],
    ['editMs', 'one-character edit to new diagnostics', 'ms', '< 50 ms'],
  ];
  rows.push(['measure', ...names, 'target']);
  for (const [key, label, unit, target] of metrics) rows.push([label, ...names.map((n) => fmt(result[n][key], unit)), target]);
  if (names.length === 2) {
    const ratio = (key: string) => {
      const [a, b] = names.map((n) => result[n][key]);
      return a && b ? `${(b / a).toFixed(1)}x` : 'n/a';
    };
    rows.push(['ratio yaml-language-server / Flotilla, 1,000 resources', ratio('first1000Ms'), '', '>= 10x']);
    rows.push(['same ratio, first start after install', ratio('firstStart1000Ms'), '', '']);
    rows.push(['same ratio, warm servers', ratio('warm1000Ms'), '', '']);
    rows.push(['same ratio, every upstream schema loaded', ratio('every1000Ms'), '', '']);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  console.log(`\nLSP over stdio, medians of ${RUNS} run(s) (yaml-language-server: 5,000-resource figures from 1 run, capped at ${YLS_CAP_MS} ms)`);
  for (const r of rows) console.log(r.map((cell, c) => (cell ?? '').padEnd(widths[c])).join(' | '));
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
