/**
 * Multi-document YAML files as the language features see them. A file is cut into documents at `---`
 * lines; each document (a DocumentTree) is cached by its text with what was computed from it, so a
 * one-character edit re-reads and revalidates only the document it touches.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { RelativeDiagnostic } from './diagnostics';
import { mapString, scalarString, toValue, type YNode, type YScalar, type YSyntaxError } from './yaml/ast';
import { HAND_OVER, readBlockYaml } from './yaml/fastReader';
import { readWithYamlPackage } from './yaml/yamlPackage';

/** What reading a document's text gives. */
export interface Reading {
  root: YNode | null;
  syntaxErrors: YSyntaxError[];
  /** Keys repeated within a map, each repeat after the first. */
  duplicateKeys: YScalar[];
}

/**
 * One document, independent of where it sits in its file (identical documents share one). Its tree is
 * read on demand: passes over every document (validation, plain values) read it without keeping it, so
 * that opening a big file leaves short-lived trees for the garbage collector rather than long-lived ones
 * it must copy; features that ask for `root` (hover, completion, fixes, lenses) keep it.
 */
export class DocumentTree {
  /** The plain JavaScript value (ParsedDocument.value), once asked for. */
  plainValue: unknown = NOT_COMPUTED;
  /** Validation findings, with the key (schema generation and settings) they were computed for. */
  validation: { key: string; found: RelativeDiagnostic[] } | undefined;
  private kept: Reading | undefined;
  private summarized = false;
  private summaryApiVersion: string | undefined;
  private summaryKind: string | undefined;
  private summaryName: string | undefined;
  private summaryNamespace: string | undefined;
  private starts: number[] | undefined;
  private memos: Map<string, unknown> | undefined;

  constructor(
    /** The document's text, from its `---` line (if any) up to the next. */
    readonly text: string,
    reading?: Reading,
  ) {
    if (reading) this.keep(reading);
  }

  get root(): YNode | null {
    return this.reading().root;
  }
  get syntaxErrors(): YSyntaxError[] {
    return this.reading().syntaxErrors;
  }
  get duplicateKeys(): YScalar[] {
    return this.reading().duplicateKeys;
  }
  get apiVersion(): string | undefined {
    this.summarize();
    return this.summaryApiVersion;
  }
  get kind(): string | undefined {
    this.summarize();
    return this.summaryKind;
  }
  get name(): string | undefined {
    this.summarize();
    return this.summaryName;
  }
  get namespace(): string | undefined {
    this.summarize();
    return this.summaryNamespace;
  }

  /** The reading, kept from now on. */
  reading(): Reading {
    return this.kept ?? this.keep(readText(this.text));
  }

  /** Runs `use` on the reading without keeping it (a kept one is used as is). */
  withReading<T>(use: (reading: Reading) => T): T {
    const reading = this.kept ?? readText(this.text);
    if (!this.summarized) this.summarizeFrom(reading.root);
    return use(reading);
  }

  /** A per-document result computed once (e.g. the outline), under `key`. */
  memo<T>(key: string, compute: () => T): T {
    this.memos ??= new Map();
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  private keep(reading: Reading): Reading {
    this.kept = reading;
    if (!this.summarized) this.summarizeFrom(reading.root);
    return reading;
  }

  private summarize(): void {
    if (!this.summarized) this.withReading(() => undefined);
  }

  /** apiVersion, kind, name and namespace; the first pair with each key decides (a repeat is reported, not used). */
  private summarizeFrom(root: YNode | null): void {
    this.summarized = true;
    if (root?.type !== 'map') return;
    let seen = 0;
    const pairs = root.pairs;
    for (let i = 0; i < pairs.length && seen !== 7; i++) {
      const { key, value } = pairs[i];
      if (key.value === 'apiVersion' && !(seen & 1)) {
        this.summaryApiVersion = scalarString(value);
        seen |= 1;
      } else if (key.value === 'kind' && !(seen & 2)) {
        this.summaryKind = scalarString(value);
        seen |= 2;
      } else if (key.value === 'metadata' && !(seen & 4)) {
        this.summaryName = mapString(value, 'name');
        this.summaryNamespace = mapString(value, 'namespace');
        seen |= 4;
      }
    }
  }
}

const NOT_COMPUTED = Symbol('not computed');

function readText(text: string): Reading {
  const duplicateKeys: YScalar[] = [];
  const fast = readBlockYaml(text, duplicateKeys);
  if (fast !== HAND_OVER) return { root: fast, syntaxErrors: [], duplicateKeys };
  const slow = readWithYamlPackage(text);
  return { root: slow.root, syntaxErrors: slow.errors, duplicateKeys: slow.duplicateKeys };
}

/**
 * A document in a file: its tree plus its place. This is what diagnostic and code-lens providers
 * receive (server/features/registry.ts). Offsets in `tree` nodes are relative to the document;
 * `range(node)` turns them into file positions.
 */
export class ParsedDocument {
  constructor(
    readonly uri: string,
    /** 0-based position among the file's documents. */
    readonly index: number,
    /** Offset of the document's first character in the file. */
    readonly startOffset: number,
    /** Line of the document's first character in the file. */
    readonly startLine: number,
    readonly tree: DocumentTree,
  ) {}

  get apiVersion(): string | undefined {
    return this.tree.apiVersion;
  }
  get kind(): string | undefined {
    return this.tree.kind;
  }
  get name(): string | undefined {
    return this.tree.name;
  }
  get namespace(): string | undefined {
    return this.tree.namespace;
  }
  get root(): YNode | null {
    return this.tree.root;
  }

  /** The document as plain JavaScript (objects, arrays, scalars); null for an empty document. Shared: do not mutate. */
  value(): unknown {
    const tree = this.tree;
    if (tree.plainValue === NOT_COMPUTED) tree.plainValue = tree.withReading((reading) => toValue(reading.root));
    return tree.plainValue;
  }

  /** File position of a document-relative offset. */
  position(offset: number): Position {
    const starts = this.tree.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.startLine + lo, character: offset - starts[lo] };
  }

  /** File range of a node (or any {start, end} of document-relative offsets). */
  range(node: { start: number; end: number }): Range {
    return { start: this.position(node.start), end: this.position(node.end) };
  }

  /** Document-relative offset of a file position, or -1 when the position is outside this document. */
  offsetAt(position: Position): number {
    const line = position.line - this.startLine;
    const starts = this.tree.lineStarts();
    if (line < 0 || line >= starts.length) return -1;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : this.tree.text.length;
    return Math.min(starts[line] + position.character, lineEnd);
  }

  get lineCount(): number {
    return this.tree.lineStarts().length;
  }
}

/** A document's tree, read now and kept. */
export function readDocumentTree(text: string): DocumentTree {
  return new DocumentTree(text, readText(text));
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Cuts a file into documents at `---` lines: [offset, line] of each document's start. */
export function documentStarts(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let line = 0;
  let counted = 0;
  DOCUMENT_START.lastIndex = 0;
  for (let m = DOCUMENT_START.exec(text); m; m = DOCUMENT_START.exec(text)) {
    if (m.index === 0) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    out.push([m.index, line]);
  }
  out.unshift([0, 0]);
  return out;
}

/**
 * Reads files, reusing the trees of documents an edit did not touch: the new text is compared with the
 * previous one (common prefix and suffix), documents wholly inside either are kept (shifted), and only
 * the region between is cut and read again.
 */
export class DocumentCache {
  private readonly files = new Map<string, { text: string; docs: ParsedDocument[] }>();

  parse(uri: string, text: string): ParsedDocument[] {
    const previous = this.files.get(uri);
    const docs = previous ? reparse(uri, previous.text, previous.docs, text) : cut(uri, text, 0, text.length, 0, 0, []);
    this.files.set(uri, { text, docs });
    return docs;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}

/** Documents of text[from, to), numbered from `firstIndex`, starting at `firstLine`; trees reused by text. */
function cut(uri: string, text: string, from: number, to: number, firstIndex: number, firstLine: number, reusable: ParsedDocument[]): ParsedDocument[] {
  const region = text.slice(from, to);
  const byText = new Map<string, DocumentTree>();
  for (const d of reusable) byText.set(d.tree.text, d.tree);
  const starts = documentStarts(region);
  const out: ParsedDocument[] = [];
  for (let i = 0; i < starts.length; i++) {
    const [start, line] = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1][0] : region.length;
    if (start === end && i > 0) continue;
    const chunk = region.slice(start, end);
    const tree = byText.get(chunk) ?? new DocumentTree(chunk);
    out.push(new ParsedDocument(uri, firstIndex + out.length, from + start, firstLine + line, tree));
  }
  return out;
}

function reparse(uri: string, before: string, docs: ParsedDocument[], after: string): ParsedDocument[] {
  if (before === after) return docs;
  const min = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, min);
  const suffix = commonSuffix(before, after, min - prefix);
  const delta = after.length - before.length;
  // First document that may change: the one before the one holding the first difference, since an
  // edit to a `---` line merges a document into its predecessor.
  let first = 0;
  while (first + 1 < docs.length && docs[first + 1].startOffset <= Math.max(prefix - 1, 0)) first++;
  if (first > 0) first--;
  // First document kept after the change: its `---` line and the newline before it are unchanged.
  const changedEnd = before.length - suffix;
  let keep = docs.length;
  while (keep - 1 > first && docs[keep - 1].startOffset - 1 >= changedEnd) keep--;
  const regionStart = docs[first].startOffset;
  const regionEndOld = keep < docs.length ? docs[keep].startOffset : before.length;
  const regionEndNew = regionEndOld + delta;
  const middle = cut(uri, after, regionStart, regionEndNew, first, docs[first].startLine, docs.slice(first, keep));
  const lineDelta = countLines(after, regionStart, regionEndNew) - countLines(before, regionStart, regionEndOld);
  const out = docs.slice(0, first);
  for (const d of middle) out.push(d);
  for (let i = keep; i < docs.length; i++) {
    const d = docs[i];
    out.push(new ParsedDocument(uri, out.length, d.startOffset + delta, d.startLine + lineDelta, d.tree));
  }
  return out;
}

/**
 * Length of the common prefix, compared block by block (substring equality is a memory compare, far
 * faster than a character loop on a multi-megabyte file), halving the block near the difference.
 */
function commonPrefix(a: string, b: string, max: number): number {
  let at = 0;
  for (let block = 1 << 16; block >= 1; block >>= 1) {
    while (at + block <= max && a.slice(at, at + block) === b.slice(at, at + block)) at += block;
  }
  return at;
}

/** Length of the common suffix, at most `max`, compared the same way. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (let block = 1 << 16; block >= 1; block >>= 1) {
    while (n + block <= max && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  }
  return n;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The document holding a file position (binary search over the documents' start lines). */
export function documentAt(docs: ParsedDocument[], position: Position): ParsedDocument | undefined {
  let lo = 0;
  let hi = docs.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (docs[mid].startLine <= position.line) lo = mid;
    else hi = mid - 1;
  }
  return docs[lo];
}
