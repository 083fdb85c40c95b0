/**
 * The extension point for features beyond single-document schema checks (cross-document federation
 * checks, placement CodeLenses...). A feature registers providers here, in its own file imported by
 * features/index.ts; the server's wiring calls them and never needs to change.
 *
 * Every provider receives the same WorkspaceContext: the ParsedDocuments (core/language/document.ts) of
 * every open YAML file, the federation snapshot the client last pushed, and the schema lookup.
 * ParsedDocument gives `apiVersion`/`kind`/`name`/`namespace`, `value()` (plain JS, cached, do not
 * mutate), `root` (the YAML tree with document-relative offsets) and `range(node)`/`position(offset)`
 * to turn tree offsets into file positions.
 */
import type { CodeAction, CodeLens, Diagnostic, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../core/language/document';
import type { SchemaLookup } from '../../core/language/schemaCursor';
import type { FederationSnapshot } from '../../core/protocol';
import type { FlotillaSettings } from '../../core/config';
import type { WorkspaceModel } from '../workspaceModel';
import type { CurrentSchedules } from './currentSchedules';

export interface WorkspaceContext {
  /** Documents of every open and workspace YAML file, file by file (the server computes it on demand: prefer `model`). */
  documents: ParsedDocument[];
  /** The server's incremental index of the workspace (absent in tests that pass documents only). */
  model?: WorkspaceModel;
  /** The parsed documents of one open file. */
  documentsOf?: (uri: string) => ParsedDocument[];
  /** The live federation as the client last described it; undefined until it does. */
  snapshot?: FederationSnapshot;
  schemas: SchemaLookup;
  /** The current settings (e.g. flotilla.clusters files for offline placement preview). */
  settings?: FlotillaSettings;
  /** The current Karmada schedules the client reports (placement lenses of scaled workloads divide from them). */
  schedules?: Pick<CurrentSchedules, 'previous' | 'flush'>;
}

export interface DiagnosticProvider {
  /** The `source` of the diagnostics it produces (code actions are routed by it). */
  source: string;
  /** Diagnostics per file URI; called (debounced) after edits and whenever the snapshot changes. */
  provide(context: WorkspaceContext): Map<string, Diagnostic[]>;
  /** Diagnostics of each of `uris` from the context's model (no full run); providers without it run `provide`. */
  provideFor?(context: WorkspaceContext, uris: Iterable<string>): Map<string, Diagnostic[]>;
}

export type CodeLensProvider = (uri: string, context: WorkspaceContext) => CodeLens[];
/** `range`: the editor's selection; `diagnostics`: those the client sent for it. */
export type CodeActionProvider = (uri: string, diagnostics: Diagnostic[], context: WorkspaceContext, range: Range) => CodeAction[];

export class FeatureRegistry {
  readonly diagnostics: DiagnosticProvider[] = [];
  readonly codeLenses: CodeLensProvider[] = [];
  readonly codeActions: CodeActionProvider[] = [];

  registerDiagnostics(provider: DiagnosticProvider): void {
    this.diagnostics.push(provider);
  }

  registerCodeLens(provider: CodeLensProvider): void {
    this.codeLenses.push(provider);
  }

  registerCodeActions(provider: CodeActionProvider): void {
    this.codeActions.push(provider);
  }
}
