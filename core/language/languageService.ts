/**
 * The language-service facade: every feature behind one object, with its I/O (schemas, the federation
 * snapshot, settings) injected, so it runs the same in the server, the CLI and plain-Node tests.
 */
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-types';
import type { FederationSnapshot } from '../protocol';
import { LSP_SEVERITY, type RelativeDiagnostic } from './diagnostics';
import { DocumentCache, documentAt, type ParsedDocument } from './document';
import { complete } from './completion';
import { hover } from './hover';
import { quickFixes, type FixData } from './codeActions';
import { documentSymbols } from './symbols';
import type { SchemaLookup } from './schemaCursor';
import type { ResourceRef } from './selectorCompletion';
import { validateTree } from './validation';

export interface LanguageServiceDeps {
  schemas: SchemaLookup & { generation: number };
  snapshot?: () => FederationSnapshot | undefined;
  settings?: () => { strict: boolean };
  /** Every resource of the workspace, for completing references to them; default: the file's own documents. */
  resources?: () => readonly ResourceRef[];
}

export const DIAGNOSTIC_SOURCE = 'flotilla';

/** LSP's CancellationToken, structurally (the core does not depend on vscode-jsonrpc). */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export class LanguageService {
  private readonly cache = new DocumentCache();
  private readonly last = new Map<string, { text: string; docs: ParsedDocument[] }>();

  constructor(private readonly deps: LanguageServiceDeps) {}

  /** The file's documents; the same text gives the same array without re-splitting. */
  parse(uri: string, text: string): ParsedDocument[] {
    const last = this.last.get(uri);
    if (last && last.text === text) return last.docs;
    const docs = this.cache.parse(uri, text);
    this.last.set(uri, { text, docs });
    return docs;
  }

  close(uri: string): void {
    this.cache.forget(uri);
    this.last.delete(uri);
  }

  /** Diagnostics for every document; null when cancelled midway. */
  diagnostics(uri: string, text: string, token?: CancellationToken): Diagnostic[] | null {
    const docs = this.parse(uri, text);
    const key = this.validationKey();
    const out: Diagnostic[] = [];
    for (let i = 0; i < docs.length; i = this.validateSlice(docs, i, Infinity, key, out)) {
      if (token?.isCancellationRequested) return null;
    }
    return out;
  }

  /**
   * The same, in slices of about `sliceMs` with `pause()` awaited between them, so that a server can
   * answer requests and take edits meanwhile; null as soon as `token` is cancelled (e.g. by a newer edit).
   */
  async diagnosticsInSlices(uri: string, text: string, token: CancellationToken, pause: () => Promise<void>, sliceMs = 20): Promise<Diagnostic[] | null> {
    const docs = this.parse(uri, text);
    const key = this.validationKey();
    const out: Diagnostic[] = [];
    for (let i = 0; i < docs.length; ) {
      i = this.validateSlice(docs, i, performance.now() + sliceMs, key, out);
      if (i < docs.length) await pause();
      if (token.isCancellationRequested || key !== this.validationKey()) return null;
    }
    return out;
  }

  /** Validates docs from `from` until `deadline` (looked at every 64 documents); returns where it stopped. */
  private validateSlice(docs: ParsedDocument[], from: number, deadline: number, key: string, out: Diagnostic[]): number {
    let i = from;
    for (; i < docs.length; i++) {
      if (i > from && (i & 63) === 0 && performance.now() > deadline) break;
      const doc = docs[i];
      const found = this.relativeDiagnostics(doc, key);
      for (let k = 0; k < found.length; k++) out.push(toLsp(doc, found[k]));
    }
    return i;
  }

  private validationKey(): string {
    return `validation:${this.deps.schemas.generation}:${this.deps.settings?.().strict ?? true}`;
  }

  /** A document's findings, cached on its tree until the schemas or the strict setting change. */
  relativeDiagnostics(doc: ParsedDocument, key = this.validationKey()): RelativeDiagnostic[] {
    const tree = doc.tree;
    if (tree.validation?.key === key) return tree.validation.found;
    const found = validateTree(tree, this.deps.schemas, { strict: key.endsWith(':true') });
    tree.validation = { key, found };
    return found;
  }

  completion(uri: string, text: string, requested: Position): CompletionList {
    const position = clampPosition(text, requested);
    const docs = this.parse(uri, text);
    const doc = documentAt(docs, position);
    if (!doc) return { isIncomplete: false, items: [] };
    const resources = this.deps.resources?.() ?? docs;
    return complete({ doc, line: position.line, character: position.character, lookup: this.deps.schemas, snapshot: this.deps.snapshot?.(), resources });
  }

  hover(uri: string, text: string, requested: Position): Hover | null {
    const position = clampPosition(text, requested);
    const doc = documentAt(this.parse(uri, text), position);
    return doc ? hover(doc, position.line, position.character, this.deps.schemas) : null;
  }

  codeActions(uri: string, text: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const doc = documentAt(this.parse(uri, text), range.start);
    if (!doc) return [];
    return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).flatMap((d) => quickFixes(doc, d, this.deps.schemas));
  }

  documentSymbols(uri: string, text: string): DocumentSymbol[] {
    return documentSymbols(this.parse(uri, text));
  }
}

export function toLsp(doc: ParsedDocument, d: RelativeDiagnostic): Diagnostic {
  const data: FixData = { code: d.code, path: d.path, field: d.field, allowed: d.allowed };
  return { range: doc.range(d), severity: LSP_SEVERITY[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message, data };
}

/**
 * LSP says a character past the end of its line means the line's end; a line past the end of the text
 * is taken the same way, as the end of the text (a client can ask about a position an edit just removed).
 */
export function clampPosition(text: string, position: Position): Position {
  let lineStart = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0) return { line, character: lineLength(text, lineStart) };
    lineStart = next + 1;
  }
  return { line: position.line, character: Math.min(Math.max(position.character, 0), lineLength(text, lineStart)) };
}

function lineLength(text: string, lineStart: number): number {
  const end = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, end < 0 ? text.length : end);
  return line.endsWith('\r') ? line.length - 1 : line.length;
}
