/**
 * Where the cursor is, read from indentation rather than from the YAML tree, because the line being
 * typed is usually not valid YAML yet (`  replic` is a scalar, not a key). Gives the field path of the
 * enclosing object, whether a key or a value is being typed, the partial word, and the sibling keys.
 */
export interface LineContext {
  /** Path of the object the key belongs to (for a value: of the object holding the key). Items are 0. */
  path: Array<string | number>;
  mode: 'key' | 'value';
  /** For 'value': the key whose value is typed. */
  key?: string;
  /** Text typed so far and where it starts (document-relative offset). */
  partial: string;
  partialStart: number;
  /** Keys already present in the same object (key mode). */
  siblings: Set<string>;
  /** Plain scalar values of the other keys of the same object, as written (both modes). */
  siblingValues: Map<string, string>;
  /** Column keys of this object sit at. */
  column: number;
}

interface Entry {
  col: number;
  /** A key name, or null for a sequence dash. */
  key: string | null;
  /** Whether the key has nothing after its colon (so its value is on the following lines). */
  open: boolean;
  /** What follows the colon on the same line, without a trailing comment. */
  value: string;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{}[\],&*!|>%@`?][^#]*?)\s*:(?:\s+|$)/;

function entriesOf(line: string): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
      out.push({ col: i, key: null, open: false, value: '' });
      i++;
      while (i < line.length && line[i] === ' ') i++;
      continue;
    }
    const rest = line.slice(i);
    if (!rest || rest.startsWith('#')) break;
    const m = KEY.exec(rest);
    if (m) {
      const after = rest.slice(m[0].length);
      out.push({ col: i, key: unquote(m[1].trim()), open: after === '' || after.startsWith('#'), value: after.replace(/\s+#.*$/, '').trim() });
    }
    break;
  }
  return out;
}

function unquote(key: string): string {
  return (key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'")) ? key.slice(1, -1) : key;
}

/** The context at (line, character) of a document whose lines are `lines` (document-relative). */
export function lineContext(lines: string[], lineStarts: number[], line: number, character: number): LineContext | undefined {
  const text = lines[line] ?? '';
  const before = text.slice(0, character);
  let mode: LineContext['mode'];
  let column: number;
  let key: string | undefined;
  let partial: string;
  const valueMatch = /^(\s*(?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#:][^#:]*?))\s*:\s+(\S*)$/.exec(before);
  const keyMatch = /^(\s*(?:-\s+)*)([^\s:#][^:#]*)?$/.exec(before);
  if (valueMatch) {
    mode = 'value';
    column = valueMatch[1].length;
    key = unquote(valueMatch[2]);
    partial = valueMatch[3];
  } else if (keyMatch) {
    column = keyMatch[1].length;
    partial = keyMatch[2] ?? '';
    mode = 'key';
  } else {
    return undefined;
  }
  if (/^(["'])/.test(partial)) partial = partial.slice(1);
  const partialStart = lineStarts[line] + character - partial.length;
  const dashCount = (before.slice(0, column).match(/-/g) ?? []).length;
  const path: Array<string | number> = [];
  for (let d = 0; d < dashCount; d++) path.push(0);
  let c = before.length - before.trimStart().length;
  let fromDash = dashCount > 0;
  if (!dashCount) c = column;
  for (let l = line - 1; l >= 0 && (c > 0 || fromDash); l--) {
    const raw = lines[l];
    if (raw.startsWith('---')) break;
    const es = entriesOf(raw);
    if (!es.length) continue;
    let pick = -1;
    for (let k = es.length - 1; k >= 0; k--) {
      const e = es[k];
      if (e.col < c || (fromDash && e.col === c && e.key !== null && e.open)) {
        pick = k;
        break;
      }
    }
    if (pick < 0) continue;
    for (let k = pick; k >= 0; k--) path.unshift(es[k].key ?? 0);
    c = es[0].col;
    fromDash = es[0].key === null;
  }
  const siblingValues = siblingEntries(lines, line, column);
  const siblings = mode === 'key' ? new Set(siblingValues.keys()) : new Set<string>();
  return { path, mode, key, partial, partialStart, siblings, siblingValues, column };
}

/** Keys at `column` in the object around `line` with their same-line values, up to the lines that start or end that object. */
function siblingEntries(lines: string[], line: number, column: number): Map<string, string> {
  const out = new Map<string, string>();
  const scan = (l: number): boolean => {
    const es = entriesOf(lines[l]);
    const at = es.find((e) => e.col === column && e.key !== null);
    if (at) out.set(at.key!, unquote(at.value));
    return !es.some((e) => e.col < column);
  };
  if (line < lines.length && entriesOf(lines[line]).some((e) => e.col < column)) {
    // The cursor's line starts the object (`- na|`): only lines below can hold siblings.
  } else {
    for (let l = line - 1; l >= 0 && !lines[l].startsWith('---') && scan(l); l--);
  }
  for (let l = line + 1; l < lines.length && !lines[l].startsWith('---'); l++) {
    const es = entriesOf(lines[l]);
    if (es.length && es[0].col < column) break;
    if (es.some((e) => e.key === null && e.col < column)) break;
    scan(l);
  }
  return out;
}
