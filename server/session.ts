/**
 * One language-server session: documents, settings, schema sources, the language service and the
 * workspace features, wired to the connection. Handlers stay thin: each calls the facade.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  FileChangeType,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type FlotillaSettings } from '../core/config';
import { LanguageService } from '../core/language/languageService';
import type { ParsedDocument } from '../core/language/document';
import { applySnapshotDelta } from '../core/federation/snapshotDelta';
import {
  CurrentSchedulesRequest,
  FederationSnapshotDeltaNotification,
  FederationSnapshotNotification,
  FederationSnapshotResyncNotification,
  SchemaStatusChangedNotification,
  SchemaStatusRequest,
  type FederationSnapshot,
} from '../core/protocol';
import { CurrentSchedules } from './features/currentSchedules';
import { offlineSnapshot } from './features/placementClusters';
import { FeatureDiagnostics } from './featureDiagnostics';
import { safely } from './safely';
import type { FeatureRegistry, WorkspaceContext } from './features/registry';
import { SchemaService } from './schemaService';
import { fetchSettings, pushedSection } from './settings';
import { WorkspaceFiles } from './workspaceFiles';
import { WorkspaceModel } from './workspaceModel';

export interface SessionOptions {
  schemaPaths: string[];
  bundledDir?: string;
  features: FeatureRegistry;
  /** Called after each file's diagnostics are published. */
  afterValidation?: () => void;
}

/** Cross-document work is incremental (only what an edit can affect reruns), so it follows edits closely. */
const FEATURE_DEBOUNCE_MS = 10;

export class Session {
  private settings: FlotillaSettings = defaultSettings();
  private snapshot: FederationSnapshot | undefined;
  private readonly schemas: SchemaService;
  private readonly service: LanguageService;
  private configurationSupported = false;
  /** The flotilla section a client without workspace/configuration pushed last. */
  private pushedSettings: unknown;
  private workspaceFolders: string[] = [];
  private ready: Promise<void> = Promise.resolve();
  private early: Promise<void> | undefined;
  private readonly pending = new Set<string>();
  private readonly validating = new Map<string, { isCancellationRequested: boolean }>();
  private readonly idleWaiters: Array<() => void> = [];
  private flushing = false;
  private featureTimer: NodeJS.Timeout | undefined;
  private readonly featureDiagnostics: FeatureDiagnostics;
  private schemaDiagnostics = new Map<string, Diagnostic[]>();
  private background = new AbortController();
  private featuresRunning = false;
  private featuresAgain = false;
  private readonly workspaceFiles: WorkspaceFiles;
  private readonly model: WorkspaceModel;
  private readonly schedules: CurrentSchedules;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly options: SessionOptions,
  ) {
    this.workspaceFiles = new WorkspaceFiles((m) => connection.console.info(m));
    this.model = new WorkspaceModel({ open: (uri) => this.openDocuments(uri), unopened: (uri) => this.workspaceFiles.text(uri) });
    this.featureDiagnostics = new FeatureDiagnostics(this.model, options.features.diagnostics, (m) => this.log(m), (m) => connection.console.info(m));
    this.schedules = new CurrentSchedules((queries) => connection.sendRequest(CurrentSchedulesRequest.type, queries), () => this.refreshLenses(), (m) => connection.console.info(m));
    this.schemas = new SchemaService({ bundledDir: options.bundledDir, cliPaths: options.schemaPaths, log: (m) => connection.console.info(m) });
    this.service = new LanguageService({
      schemas: this.schemas.store,
      snapshot: () => this.snapshot ?? offlineSnapshot(this.settings.clusters),
      settings: () => ({ strict: this.settings['validation.strict'] }),
      resources: () => this.model.resourceRefs(),
    });
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.start());
    connection.onShutdown(() => this.background.abort());
    connection.onDidChangeConfiguration((params) => {
      if (pushedSection(params.settings) !== undefined) this.pushedSettings = pushedSection(params.settings);
      void this.reloadSettings();
    });
    connection.onNotification(FederationSnapshotNotification.type, (snapshot) => {
      this.snapshot = snapshot;
      this.featureInputsChanged();
    });
    connection.onNotification(FederationSnapshotDeltaNotification.type, (delta) => {
      if (this.snapshot?.version !== delta.base) {
        void connection.sendNotification(FederationSnapshotResyncNotification.type);
        return;
      }
      this.snapshot = applySnapshotDelta(this.snapshot, delta);
      this.featureInputsChanged();
    });
    connection.onRequest(SchemaStatusRequest.type, () => this.schemas.status());
    documents.onDidChangeContent((e) => {
      this.model.markStale(e.document.uri);
      this.schedule(e.document.uri);
    });
    connection.onDidChangeWatchedFiles(async ({ changes }) => {
      for (const change of changes) {
        await this.workspaceFiles.changed(change.uri, change.type === FileChangeType.Deleted);
        this.model.markStale(change.uri);
      }
      this.featureInputsChanged();
    });
    documents.onDidClose((e) => {
      const running = this.validating.get(e.document.uri);
      if (running) running.isCancellationRequested = true;
      this.service.close(e.document.uri);
      this.schemaDiagnostics.delete(e.document.uri);
      this.featureDiagnostics.forget(e.document.uri);
      this.model.markStale(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      this.scheduleFeatures();
    });
    connection.onCompletion((p, token) => this.withText(p.textDocument.uri, token, (text) => this.service.completion(p.textDocument.uri, text, p.position)));
    connection.onHover((p, token) => this.withText(p.textDocument.uri, token, (text) => this.service.hover(p.textDocument.uri, text, p.position)));
    connection.onDocumentSymbol((p, token) => this.withText(p.textDocument.uri, token, (text) => this.service.documentSymbols(p.textDocument.uri, text)));
    connection.onCodeAction((p, token) =>
      this.withText(p.textDocument.uri, token, (text) => [
        ...this.service.codeActions(p.textDocument.uri, text, p.range, p.context.diagnostics),
        ...this.options.features.codeActions.flatMap((provide) => safely(() => provide(p.textDocument.uri, p.context.diagnostics, this.context(), p.range), [], this.log)),
      ]),
    );
    connection.onCodeLens((p, token) =>
      this.withText(p.textDocument.uri, token, () => {
        const context = this.context();
        return this.options.features.codeLenses.flatMap((provide) => safely(() => provide(p.textDocument.uri, context), [], this.log));
      }),
    );
  }

  private readonly log = (message: string) => this.connection.console.error(message);

  private initialize(params: InitializeParams): InitializeResult {
    this.configurationSupported = !!params.capabilities.workspace?.configuration;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceFolders = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const init = (params.initializationOptions ?? {}) as { schemaCacheDir?: string; settings?: unknown };
    if (typeof init.schemaCacheDir === 'string') this.schemas.cacheDir = init.schemaCacheDir;
    this.pushedSettings = pushedSection(init.settings) ?? pushedSection(init);
    // Bundled and --schemas sources do not depend on settings: start reading them during the handshake.
    this.early = Promise.all([this.schemas.loadBundled(), this.schemas.loadCommandLine()]).then(() => undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'flotilla-language-server' },
    };
  }

  /** Bundled and user schemas before the first diagnostics; workspace CRDs and live schemas after. */
  private start(): void {
    const early = this.early ?? Promise.resolve();
    this.ready = (async () => {
      this.settings = await fetchSettings(this.connection, this.configurationSupported, this.pushedSettings);
      await Promise.all([early, this.schemas.loadUser(this.settings)]);
    })().catch((err) => this.log(`schema loading failed: ${err instanceof Error ? err.message : String(err)}`));
    void this.ready.then(async () => {
      this.schemasChanged();
      // The open documents come first: cache writes, workspace scans and live schemas start once they are validated.
      await this.validationIdle();
      this.schemas.openDocumentsValidated();
      void this.loadBackgroundSources();
    });
  }

  private validationIdle(): Promise<void> {
    return new Promise((resolve) => (this.flushing ? this.idleWaiters.push(resolve) : resolve()));
  }

  private async loadBackgroundSources(): Promise<void> {
    const signal = this.background.signal;
    const read = await this.workspaceFiles.scan(this.workspaceFolders, signal, undefined, (uris) => {
      for (const uri of uris) if (!this.documents.get(uri)) this.model.prepare(uri, this.workspaceFiles.text(uri));
    }).catch((err) => {
      this.log(`workspace scan failed: ${String(err)}`);
      return 0;
    });
    if (signal.aborted) return;
    if (read) {
      for (const [uri] of this.workspaceFiles.entries()) this.model.markStale(uri);
      this.featureInputsChanged();
    }
    let generation = this.schemas.store.generation;
    await this.schemas.loadWorkspace(this.workspaceFolders, signal).catch((err) => this.log(`workspace CRD scan failed: ${String(err)}`));
    if (signal.aborted) return;
    if (this.schemas.store.generation !== generation) this.schemasChanged();
    generation = this.schemas.store.generation;
    await this.schemas.loadLive(this.settings, signal).catch((err) => this.log(`live schemas failed: ${String(err)}`));
    if (signal.aborted) return;
    if (this.schemas.store.generation !== generation) this.schemasChanged();
  }

  /** Reloads only the sources whose settings changed (clients send this notification for any setting). */
  private async reloadSettings(): Promise<void> {
    await this.ready;
    const before = this.settings;
    this.settings = await fetchSettings(this.connection, this.configurationSupported, this.pushedSettings);
    const changed = (...keys: Array<keyof FlotillaSettings>) => keys.some((k) => JSON.stringify(before[k]) !== JSON.stringify(this.settings[k]));
    if (changed('schemas.paths')) {
      await this.schemas.loadUser(this.settings);
      this.schemasChanged();
    } else if (changed('validation.strict')) {
      for (const doc of this.documents.all()) this.schedule(doc.uri);
    }
    if (changed('clusters')) this.featureInputsChanged();
    if (changed('schemas.live', 'kubeconfigs')) {
      this.background.abort();
      this.background = new AbortController();
      const signal = this.background.signal;
      void this.schemas.loadLive(this.settings, signal).then(() => !signal.aborted && this.schemasChanged(), (err) => this.log(`live schemas failed: ${String(err)}`));
    }
  }

  /**
   * The members or the workspace's unopened files changed: they feed cross-document features only (whose
   * diagnostics are published for open files), and the placement lenses, which the client is asked to
   * re-request (ignored if unsupported).
   */
  private featureInputsChanged(): void {
    this.scheduleFeatures();
    this.refreshLenses();
  }

  private refreshLenses(): void {
    void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  private schemasChanged(): void {
    void this.connection.sendNotification(SchemaStatusChangedNotification.type, this.schemas.status());
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  private isYaml(doc: TextDocument): boolean {
    return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri);
  }

  /** Queues a file for validation; a validation of it still running is cancelled (its text is stale). */
  private schedule(uri: string): void {
    this.pending.add(uri);
    const running = this.validating.get(uri);
    if (running) running.isCancellationRequested = true;
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    await this.ready;
    while (this.pending.size) {
      const uris = [...this.pending];
      this.pending.clear();
      for (const uri of uris) await this.validate(uri);
    }
    this.flushing = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    this.scheduleFeatures();
  }

  /** Validates in slices, so that requests and edits are taken meanwhile; a cancelled run publishes nothing. */
  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !this.isYaml(doc)) return;
    const token = { isCancellationRequested: false };
    this.validating.set(uri, token);
    const started = performance.now();
    const diagnostics = await this.service.diagnosticsInSlices(uri, doc.getText(), token, yieldToEventLoop).catch((err: unknown) => {
      this.log(`validation failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return [];
    });
    if (this.validating.get(uri) === token) this.validating.delete(uri);
    if (!diagnostics || !this.documents.get(uri)) return;
    this.schemaDiagnostics.set(uri, diagnostics);
    this.publish(uri);
    this.options.afterValidation?.();
    const took = performance.now() - started;
    if (took > 40) this.connection.console.log(`validated ${uri} in ${took.toFixed(0)} ms`);
  }

  private publish(uri: string): void {
    const diagnostics = [...(this.schemaDiagnostics.get(uri) ?? []), ...this.featureDiagnostics.of(uri)];
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private scheduleFeatures(): void {
    if (!this.options.features.diagnostics.length) return;
    clearTimeout(this.featureTimer);
    this.featureTimer = setTimeout(() => void this.runFeatures().catch((err: unknown) => this.log(`feature failed: ${String(err)}`)), FEATURE_DEBOUNCE_MS);
  }

  /** One run at a time; changes meanwhile start another when it ends. */
  private async runFeatures(): Promise<void> {
    if (this.featuresRunning) {
      this.featuresAgain = true;
      return;
    }
    this.featuresRunning = true;
    try {
      const republish = await this.featureDiagnostics.run(this.context(), (uri) => !!this.documents.get(uri), yieldToEventLoop);
      for (const uri of republish) this.publish(uri);
    } finally {
      this.featuresRunning = false;
      if (this.featuresAgain) {
        this.featuresAgain = false;
        this.scheduleFeatures();
      }
    }
  }

  private openDocuments(uri: string): ParsedDocument[] | undefined {
    const doc = this.documents.get(uri);
    return doc && this.isYaml(doc) ? this.service.parse(uri, doc.getText()) : undefined;
  }

  /** What feature providers see; `documents` (every document, parsed) is computed only for a provider that asks. */
  private context(): WorkspaceContext {
    let all: ParsedDocument[] | undefined;
    const allDocuments = () => (all ??= this.allDocuments());
    return {
      get documents() {
        return allDocuments();
      },
      model: this.model,
      documentsOf: (uri) => this.openDocuments(uri) ?? [],
      snapshot: this.snapshot,
      schemas: this.schemas.store,
      settings: this.settings,
      schedules: this.schedules,
    };
  }

  private allDocuments(): ParsedDocument[] {
    const documents: ParsedDocument[] = [];
    for (const doc of this.documents.all()) if (this.isYaml(doc)) documents.push(...this.service.parse(doc.uri, doc.getText()));
    for (const [uri, text] of this.workspaceFiles.entries()) if (!this.documents.get(uri)) documents.push(...this.service.parse(uri, text));
    return documents;
  }

  private withText<T>(uri: string, token: CancellationToken, run: (text: string) => T): T | null {
    const doc = this.documents.get(uri);
    if (!doc || token.isCancellationRequested) return null;
    return run(doc.getText());
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
