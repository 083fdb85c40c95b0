/**
 * A fast reader for the block-style YAML that manifests are written in: block maps and sequences,
 * plain/quoted/block scalars, single-line flow collections and comments. Anything else (anchors, aliases,
 * tags, complex keys, multi-line plain or flow scalars, directives, tabs, and anything that looks wrong)
 * makes it hand the document over (returns HAND_OVER) to the `yaml` package, which also reports syntax
 * errors. It exists because the `yaml` package alone takes ~0.2 ms per Deployment, too slow for a
 * 5,000-document file; both produce the same tree (test/unit/language/fastReader.test.ts compares them).
 */
import { noteRepeatedKey, type YMap, type YNode, type YPair, type YScalar, type YSeq, type YSeqItem } from './ast';
import { foldQuoted } from './foldQuoted';
import { resolvePlain } from './scalars';

export const HAND_OVER = Symbol('hand over to the yaml package');

class HandOver extends Error {}
const handOver = (): never => {
  throw new HandOver();
};

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const PIPE = 124;
const GREATER = 62;
const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
/** Characters that cannot start a plain scalar the fast reader takes (anchors, aliases, tags, flow ends...). */
const NOT_PLAIN_START = '&*!%@`?,]}\t';
const BLANK = -1;
const TAB_INDENT = -2;

/**
 * A plain scalar with nothing that needs a closer look: it starts with a word character, `$`, `/` or `.`,
 * and has no comment, no `: ` and no trailing `:`. Most manifest values are one. The two sticky
 * expressions below recognize such lines in native code, where the character-by-character path would run
 * in the interpreter for the whole first file (it is validated before the JIT has compiled the reader);
 * any line they do not match takes that path. They are only tested (exec would build a result array per
 * line): where the key, the value and the line end lie follows from lastIndex and the shapes matched.
 */
const SIMPLE_VALUE = String.raw`[\w$/.][^\s#:]*(?:(?::|[ \t]+)[^\s#:]+)*`;
/** `key:` or `key: value` with a plain key (no `:` in it) and value, up to the end of the line. */
const SIMPLE_PAIR = new RegExp(String.raw`[\w$/.][^\s#:]*:(?: +${SIMPLE_VALUE})?[ \t]*(?=\n|$)`, 'y');
/** A plain value up to the end of the line. */
const SIMPLE_PLAIN = new RegExp(String.raw`${SIMPLE_VALUE}[ \t]*(?=\n|$)`, 'y');

type Owner = 'map' | 'seq' | 'block';

/**
 * The tree of one YAML document's text, null for an empty document, or HAND_OVER. Keys repeated within a
 * map are appended to `duplicateKeys` (each repeat after the first), saving the validator a walk.
 */
export function readBlockYaml(text: string, duplicateKeys: YScalar[] = []): YNode | null | typeof HAND_OVER {
  try {
    return reader.read(text, duplicateKeys);
  } catch (err) {
    if (err instanceof HandOver) return HAND_OVER;
    throw err;
  } finally {
    reader.forget();
  }
}

const NO_KEYS: YScalar[] = [];

class Reader {
  private t = '';
  private duplicateKeys: YScalar[] = NO_KEYS;
  /** Line tables, reused from one document to the next (only the first `lines` entries are this text's). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Column of the first content character; BLANK for blank/comment lines; TAB_INDENT when a tab indents. */
  private readonly indents: number[] = [];
  private lines = 0;
  private line = 0;
  /** Cache for commentStart: the first `#` at or after hashFrom (-1: none). */
  private hashFrom = Infinity;
  private hashAt = -1;

  /** Lets go of the last document (its text may be a slice that keeps a whole file alive). */
  forget(): void {
    this.t = '';
    this.duplicateKeys = NO_KEYS;
  }

  /** Reads one document. One reader serves them all in turn: it never runs re-entrantly. */
  read(t: string, duplicateKeys: YScalar[]): YNode | null {
    this.t = t;
    this.duplicateKeys = duplicateKeys;
    this.line = 0;
    this.hashFrom = Infinity;
    this.hashAt = -1;
    const { starts, ends, indents } = this;
    let lines = 0;
    let start = 0;
    const n = t.length;
    while (start <= n) {
      let end = t.indexOf('\n', start);
      if (end < 0) end = n;
      const contentEnd = end > start && t.charCodeAt(end - 1) === 13 ? end - 1 : end;
      starts[lines] = start;
      ends[lines] = contentEnd;
      let i = start;
      while (i < contentEnd && t.charCodeAt(i) === SPACE) i++;
      const c = i < contentEnd ? t.charCodeAt(i) : -1;
      if (c === TAB) {
        let j = i;
        while (j < contentEnd && (t.charCodeAt(j) === TAB || t.charCodeAt(j) === SPACE)) j++;
        indents[lines] = j === contentEnd || t.charCodeAt(j) === HASH ? BLANK : TAB_INDENT;
      } else indents[lines] = c === -1 || c === HASH ? BLANK : i - start;
      lines++;
      if (end === n) break;
      start = end + 1;
    }
    this.lines = lines;
    return this.document();
  }

  document(): YNode | null {
    const L = this.lines;
    for (let i = 0; i < L; i++) {
      if (this.indents[i] !== 0) continue;
      const s = this.starts[i];
      const c = this.t.charCodeAt(s);
      if (c === 37 /* % */) handOver();
      if (this.t.startsWith('---', s) || this.t.startsWith('...', s)) {
        const after = this.t.charCodeAt(s + 3);
        if (s + 3 === this.ends[i] || after === SPACE || after === TAB) {
          if (i !== 0 || this.t[s] === '.' || !this.restIsBlank(s + 3, this.ends[i])) handOver();
          this.indents[i] = BLANK;
        }
      }
    }
    const first = this.nextContent(0);
    if (first >= L) return null;
    this.line = first;
    const root = this.inline(first, this.starts[first] + this.indents[first], -1, 'block');
    if (this.nextContent(this.line) < L) handOver();
    return root;
  }

  private nextContent(from: number): number {
    const L = this.lines;
    let i = from;
    while (i < L && this.indents[i] === BLANK) i++;
    if (i < L && this.indents[i] === TAB_INDENT) handOver();
    return i;
  }

  private restIsBlank(from: number, end: number): boolean {
    let i = from;
    while (i < end && (this.t.charCodeAt(i) === SPACE || this.t.charCodeAt(i) === TAB)) i++;
    return i === end || this.t.charCodeAt(i) === HASH;
  }

  private isDash(at: number, end: number): boolean {
    return this.t.charCodeAt(at) === DASH && (at + 1 === end || this.t.charCodeAt(at + 1) === SPACE);
  }

  /** A value starting at offset `at` on `line`, owned by a map/seq at indent `n`. Sets this.line past it. */
  private inline(line: number, at: number, n: number, owner: Owner): YNode | null {
    const t = this.t;
    const end = this.ends[line];
    while (at < end && t.charCodeAt(at) === SPACE) at++;
    SIMPLE_PLAIN.lastIndex = at;
    if (SIMPLE_PLAIN.test(t)) {
      const stop = this.trimmedEnd(at, SIMPLE_PLAIN.lastIndex);
      this.line = line + 1;
      return this.plainContinuation(at, stop, t.slice(at, stop), n);
    }
    if (at >= end || t.charCodeAt(at) === HASH || (t.charCodeAt(at) === TAB && this.restIsBlank(at, end))) {
      if (owner === 'block') handOver();
      return this.below(line, n, owner);
    }
    const c = t.charCodeAt(at);
    if (this.isDash(at, end)) {
      if (owner === 'map') handOver();
      return this.seq(line, at);
    }
    if (this.keyEnd(at, end) >= 0) {
      if (owner === 'map') handOver();
      return this.map(line, at);
    }
    this.line = line + 1;
    switch (c) {
      case PIPE:
      case GREATER:
        return this.blockScalar(line, at, n);
      case OPEN_BRACKET:
      case OPEN_BRACE:
        return this.flowLine(at, end, n);
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE: {
        if (this.quoteEnd(at, end) < 0) return this.multiLineQuoted(line, at, n);
        const node = this.quoted(at, end);
        if (!this.restIsBlank(node.end, end)) handOver();
        this.noContinuation(n);
        return node;
      }
    }
    if (NOT_PLAIN_START.includes(t[at])) handOver();
    const comment = this.commentStart(at + 1, end);
    const stop = this.trimmedEnd(at, comment < 0 ? end : comment);
    const raw = t.slice(at, stop);
    if (raw.includes(': ') || raw.endsWith(':') || raw.includes(':\t')) handOver();
    return this.plainContinuation(at, stop, raw, n);
  }

  /** A plain scalar may continue on more-indented lines (CRD descriptions do): fold them in. */
  private plainContinuation(start: number, stop: number, first: string, n: number): YScalar {
    const t = this.t;
    const L = this.lines;
    let text = first;
    let end = stop;
    let line = this.line;
    for (;;) {
      let j = line;
      let blanks = 0;
      while (j < L && this.indents[j] === BLANK) {
        if (this.isComment(j)) return this.endPlain(start, end, text, first, j, n, line);
        blanks++;
        j++;
      }
      if (j >= L || this.indents[j] === TAB_INDENT || this.indents[j] <= n) break;
      const s = this.starts[j] + this.indents[j];
      const e = this.trimmedEnd(s, this.ends[j]);
      const part = t.slice(s, e);
      if (part.includes(': ') || part.includes(' #') || part.includes('\t#') || part.endsWith(':') || part.startsWith('- ') || part === '-') handOver();
      text += blanks ? '\n'.repeat(blanks) : ' ';
      text += part;
      end = e;
      line = j + 1;
    }
    this.line = line;
    return { type: 'scalar', start, end, value: text === first ? resolvePlain(first) : text, quoted: false };
  }

  /** A comment line after a plain scalar ends it; anything more indented after that is an error. */
  private endPlain(start: number, end: number, text: string, first: string, commentLine: number, n: number, line: number): YScalar {
    this.line = commentLine;
    this.noContinuation(n);
    this.line = line;
    return { type: 'scalar', start, end, value: text === first ? resolvePlain(first) : text, quoted: false };
  }

  private isComment(line: number): boolean {
    const t = this.t;
    for (let i = this.starts[line]; i < this.ends[line]; i++) {
      const c = t.charCodeAt(i);
      if (c === HASH) return true;
      if (c !== SPACE && c !== TAB) return false;
    }
    return false;
  }

  /** A value that starts on a following line (after `key:` or `-`). */
  private below(line: number, n: number, owner: Owner): YNode | null {
    const j = this.nextContent(line + 1);
    const L = this.lines;
    if (j < L && this.indents[j] > n) return this.inline(j, this.starts[j] + this.indents[j], n, 'block');
    if (j < L && owner === 'map' && this.indents[j] === n && this.isDash(this.starts[j] + n, this.ends[j])) return this.seq(j, this.starts[j] + n);
    this.line = line + 1;
    return null;
  }

  /** A multi-line plain scalar would continue on a more-indented line; hand those over. */
  private noContinuation(n: number): void {
    const j = this.nextContent(this.line);
    if (j < this.lines && this.indents[j] > n) handOver();
  }

  /** Offset of the `:` ending a key that starts at `at`, or -1 when the text there is not a key. */
  private keyEnd(at: number, end: number): number {
    const t = this.t;
    const c = t[at];
    let i = at;
    if (c === '"' || c === "'") {
      i = this.quoteEnd(at, end);
      if (i < 0) return -1;
      while (i < end && t.charCodeAt(i) === SPACE) i++;
      return t.charCodeAt(i) === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE) ? i : -1;
    }
    if ('[]{},#&*!|>%@`?'.includes(c)) return -1;
    // Native searches: this runs on every line, mostly before the JIT has warmed up.
    i = t.indexOf(':', at);
    while (i >= 0 && i < end) {
      const next = t.charCodeAt(i + 1);
      if (i + 1 === end || next === SPACE || next === TAB) break;
      i = t.indexOf(':', i + 1);
    }
    if (i < 0 || i >= end) return -1;
    const comment = this.commentStart(at + 1, i);
    return comment < 0 ? i : -1;
  }

  /** Offset of the first `#` in [from, end) that starts a comment (follows a space or tab), or -1. */
  private commentStart(from: number, end: number): number {
    const t = this.t;
    if (this.hashFrom > from || (this.hashAt >= 0 && this.hashAt < from)) {
      this.hashFrom = from;
      this.hashAt = t.indexOf('#', from);
    }
    for (let h = this.hashAt; h >= 0 && h < end; h = t.indexOf('#', h + 1)) {
      const before = t.charCodeAt(h - 1);
      if (before === SPACE || before === TAB) return h;
    }
    return -1;
  }

  /** Offset just past the closing quote, or -1 when the quote does not close on this line. */
  private quoteEnd(at: number, end: number): number {
    const t = this.t;
    const q = t[at];
    for (let i = t.indexOf(q, at + 1); i >= 0 && i < end; i = t.indexOf(q, i + 1)) {
      if (q === "'") {
        if (t.charCodeAt(i + 1) !== SINGLE_QUOTE) return i + 1;
        i++;
        continue;
      }
      let backslashes = 0;
      while (t.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return i + 1;
    }
    return -1;
  }

  private quoted(at: number, end: number): YScalar {
    const close = this.quoteEnd(at, end);
    if (close < 0) handOver();
    const inner = this.t.slice(at + 1, close - 1);
    let value: string;
    if (this.t[at] === "'") value = inner.replace(/''/g, "'");
    else if (!inner.includes('\\')) value = inner;
    else {
      try {
        value = JSON.parse(`"${inner}"`) as string;
      } catch {
        return handOver();
      }
    }
    return { type: 'scalar', start: at, end: close, value, quoted: true };
  }

  /** A quoted scalar whose closing quote is on a later line (controller-gen folds long descriptions so). */
  private multiLineQuoted(line: number, at: number, n: number): YScalar {
    const t = this.t;
    const q = t[at];
    const L = this.lines;
    for (let j = line + 1; j < L; j++) {
      const s = this.starts[j];
      const e = this.ends[j];
      let k = s;
      while (k < e && t.charCodeAt(k) === SPACE) k++;
      if (k < e && (t.charCodeAt(k) === TAB || k - s <= n || (k === s && (t.startsWith('---', s) || t.startsWith('...', s))))) handOver();
      const close = closingQuote(t, q, k, e);
      if (close < 0) continue;
      if (!this.restIsBlank(close + 1, e)) handOver();
      const value = foldQuoted(t.slice(at + 1, close), q === '"');
      if (value === undefined) handOver();
      this.line = j + 1;
      this.noContinuation(n);
      return { type: 'scalar', start: at, end: close + 1, value: value!, quoted: true };
    }
    return handOver();
  }

  private map(line: number, at: number): YMap {
    const t = this.t;
    const col = at - this.starts[line];
    const pairs: YPair[] = [];
    let seen: Set<unknown> | undefined;
    const L = this.lines;
    for (;;) {
      SIMPLE_PAIR.lastIndex = at;
      seen = SIMPLE_PAIR.test(t) ? this.simplePair(line, at, SIMPLE_PAIR.lastIndex, col, pairs, seen) : this.pair(line, at, col, pairs, seen);
      const j = this.nextContent(this.line);
      if (j >= L || this.indents[j] < col) break;
      if (this.indents[j] > col) handOver();
      if (this.isDash(this.starts[j] + col, this.ends[j])) handOver();
      line = j;
      at = this.starts[j] + col;
    }
    return { type: 'map', start: pairs[0].start, end: pairs[pairs.length - 1].end, pairs, flow: false };
  }

  /** A SIMPLE_PAIR line from `at` to `matchEnd` (the value, if any, may continue on more-indented lines). */
  private simplePair(line: number, at: number, matchEnd: number, col: number, pairs: YPair[], seen: Set<unknown> | undefined): Set<unknown> | undefined {
    const t = this.t;
    const colon = t.indexOf(':', at);
    const key: YScalar = { type: 'scalar', start: at, end: colon, value: t.slice(at, colon), quoted: false };
    seen = noteRepeatedKey(pairs, key, seen, this.duplicateKeys);
    let start = colon + 1;
    while (start < matchEnd && t.charCodeAt(start) === SPACE) start++;
    const stop = this.trimmedEnd(start, matchEnd);
    let value: YNode | null;
    if (stop === start) value = this.below(line, col, 'map');
    else {
      this.line = line + 1;
      value = this.plainContinuation(start, stop, t.slice(start, stop), col);
    }
    pairs.push({ key, value, start: at, end: value ? value.end : colon + 1 });
    return seen;
  }

  /** `end` less the spaces and tabs before it (none before `start`). */
  private trimmedEnd(start: number, end: number): number {
    const t = this.t;
    while (end > start && (t.charCodeAt(end - 1) === SPACE || t.charCodeAt(end - 1) === TAB)) end--;
    return end;
  }

  private pair(line: number, at: number, col: number, pairs: YPair[], seen: Set<unknown> | undefined): Set<unknown> | undefined {
    const t = this.t;
    const end = this.ends[line];
    const colon = this.keyEnd(at, end);
    if (colon < 0) handOver();
    let key: YScalar;
    if (t[at] === '"' || t[at] === "'") key = this.quoted(at, end);
    else {
      let keyStop = colon;
      while (keyStop > at && t.charCodeAt(keyStop - 1) === SPACE) keyStop--;
      key = { type: 'scalar', start: at, end: keyStop, value: t.slice(at, keyStop), quoted: false };
    }
    seen = noteRepeatedKey(pairs, key, seen, this.duplicateKeys);
    const value = this.inline(line, colon + 1, col, 'map');
    pairs.push({ key, value, start: at, end: value ? value.end : colon + 1 });
    return seen;
  }

  private seq(line: number, at: number): YSeq {
    const col = at - this.starts[line];
    const items: YSeqItem[] = [];
    const L = this.lines;
    let last = at + 1;
    for (;;) {
      const dash = this.starts[line] + col;
      const node = this.inline(line, dash + 1, col, 'seq');
      items.push({ start: dash, node });
      last = node ? node.end : dash + 1;
      const j = this.nextContent(this.line);
      if (j >= L || this.indents[j] < col) break;
      if (this.indents[j] > col) handOver();
      if (!this.isDash(this.starts[j] + col, this.ends[j])) break;
      line = j;
    }
    return { type: 'seq', start: at, end: last, items, flow: false };
  }

  private blockScalar(line: number, at: number, n: number): YScalar {
    const t = this.t;
    const header = t.slice(at, this.ends[line]).replace(/\s+#.*$/, '').trimEnd();
    const m = /^([|>])([+-]?)$/.exec(header);
    if (!m) handOver();
    const [, style, chomp] = m!;
    const L = this.lines;
    const lines: string[] = [];
    let contentIndent = -1;
    let i = line + 1;
    let endOffset = at + header.length;
    for (; i < L; i++) {
      const s = this.starts[i];
      const e = this.ends[i];
      let k = s;
      while (k < e && t.charCodeAt(k) === SPACE) k++;
      const blank = t.slice(k, e).trim() === '';
      if (blank) {
        lines.push(contentIndent >= 0 && e - s > contentIndent ? t.slice(s + contentIndent, e) : '');
        continue;
      }
      const indent = k - s;
      if (indent <= n) break;
      if (contentIndent < 0) contentIndent = indent;
      if (indent < contentIndent) handOver();
      lines.push(t.slice(s + contentIndent, e));
      // Like the yaml package, a block scalar's range includes its last line break.
      endOffset = i + 1 < L ? this.starts[i + 1] : t.length;
    }
    let trailing = 0;
    while (lines.length && lines[lines.length - 1].trim() === '') {
      lines.pop();
      trailing++;
    }
    // Consumed blank lines past the content still belong to the scalar; the next node starts at line i.
    this.line = i;
    let value = style === '|' ? lines.join('\n') : fold(lines);
    if (lines.length) {
      if (chomp === '') value += '\n';
      else if (chomp === '+') value += '\n' + '\n'.repeat(trailing);
    }
    return { type: 'scalar', start: at, end: endOffset, value, quoted: true };
  }

  private flowLine(at: number, end: number, n: number): YNode {
    const flow = new FlowReader(this.t, end, this.duplicateKeys);
    const node = flow.value(at);
    if (!this.restIsBlank(flow.pos, end)) handOver();
    this.noContinuation(n);
    return node;
  }
}

const reader = new Reader();

/** Offset of the quote `q` closing a scalar within [from, end) of a continuation line, or -1. */
function closingQuote(t: string, q: string, from: number, end: number): number {
  for (let i = t.indexOf(q, from); i >= 0 && i < end; i = t.indexOf(q, i + 1)) {
    if (q === "'") {
      if (t[i + 1] !== "'") return i;
      i++;
      continue;
    }
    let backslashes = 0;
    while (i - 1 - backslashes >= from && t.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

function fold(lines: string[]): string {
  let out = lines[0] ?? '';
  let lastText = out;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    const prev = lines[i - 1];
    const indented = l.startsWith(' ') || l.startsWith('\t') || lastText.startsWith(' ') || lastText.startsWith('\t');
    if (l === '') out += '\n';
    else if (prev === '') out += indented ? '\n' + l : l;
    else out += indented ? '\n' + l : ' ' + l;
    if (l !== '') lastText = l;
  }
  return out;
}

/** Single-line flow collections: `[a, "b"]`, `{k: v, n: [1]}`. */
class FlowReader {
  pos = 0;
  constructor(
    private readonly t: string,
    private readonly end: number,
    private readonly duplicateKeys: YScalar[],
  ) {}

  private skip(): void {
    while (this.pos < this.end && (this.t.charCodeAt(this.pos) === SPACE || this.t.charCodeAt(this.pos) === TAB)) this.pos++;
  }

  value(at: number): YNode {
    this.pos = at;
    this.skip();
    const c = this.t[this.pos];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    return this.scalar();
  }

  private seq(): YSeq {
    const start = this.pos++;
    const items: YSeqItem[] = [];
    for (;;) {
      this.skip();
      if (this.pos >= this.end) handOver();
      if (this.t[this.pos] === ']') break;
      const node = this.value(this.pos);
      items.push({ start: node.start, node });
      this.skip();
      const c = this.t[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') handOver();
    }
    this.pos++;
    return { type: 'seq', start, end: this.pos, items, flow: true };
  }

  private map(): YMap {
    const start = this.pos++;
    const pairs: YPair[] = [];
    let seen: Set<unknown> | undefined;
    for (;;) {
      this.skip();
      if (this.pos >= this.end) handOver();
      if (this.t[this.pos] === '}') break;
      const key = this.scalar();
      if (key.quoted === false && typeof key.value !== 'string') key.value = this.t.slice(key.start, key.end);
      else key.value = String(key.value);
      seen = noteRepeatedKey(pairs, key, seen, this.duplicateKeys);
      this.skip();
      if (this.t[this.pos] !== ':') handOver();
      this.pos++;
      const value = this.value(this.pos);
      pairs.push({ key, value, start: key.start, end: value.end });
      this.skip();
      const c = this.t[this.pos];
      if (c === ',') this.pos++;
      else if (c !== '}') handOver();
    }
    this.pos++;
    return { type: 'map', start, end: this.pos, pairs, flow: true };
  }

  private scalar(): YScalar {
    const t = this.t;
    const start = this.pos;
    const c = t[start];
    if (c === '"' || c === "'") {
      let i = start + 1;
      for (; i < this.end; i++) {
        const ch = t[i];
        if (c === '"' && ch === '\\') i++;
        else if (ch === c) {
          if (c === "'" && t[i + 1] === "'") i++;
          else break;
        }
      }
      if (i >= this.end) handOver();
      this.pos = i + 1;
      const inner = t.slice(start + 1, i);
      let value = inner;
      if (c === "'") value = inner.replace(/''/g, "'");
      else if (inner.includes('\\')) {
        try {
          value = JSON.parse(`"${inner}"`) as string;
        } catch {
          handOver();
        }
      }
      return { type: 'scalar', start, end: this.pos, value, quoted: true };
    }
    if ('&*!|>%@`?#-'.includes(c) && !(c === '-' && t[start + 1] !== ' ' && t[start + 1] !== undefined)) handOver();
    let i = start;
    while (i < this.end) {
      const ch = t[i];
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
      if (ch === ':' && (t[i + 1] === ' ' || t[i + 1] === ',' || t[i + 1] === '}' || t[i + 1] === ']' || i + 1 === this.end)) break;
      if (ch === '#' && (t[i - 1] === ' ' || t[i - 1] === '\t')) handOver();
      i++;
    }
    let stop = i;
    while (stop > start && (t[stop - 1] === ' ' || t[stop - 1] === '\t')) stop--;
    if (stop === start) handOver();
    this.pos = i;
    return { type: 'scalar', start, end: stop, value: resolvePlain(t.slice(start, stop)), quoted: false };
  }
}
