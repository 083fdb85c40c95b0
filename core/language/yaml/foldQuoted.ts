/**
 * The value of a quoted scalar that spans lines, from the raw text between its quotes (YAML 1.2 flow
 * folding): a line break becomes a space, or one newline per empty line that follows it; white space
 * around breaks is dropped; in double quotes, escapes are resolved and a backslash before a break joins
 * the lines. Undefined for an escape it does not know (the caller hands the document over).
 */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

export function foldQuoted(raw: string, double: boolean): string | undefined {
  let out = '';
  /** Unescaped spaces and tabs at the end of `out`: dropped if a line break follows. */
  let trailing = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\n' || (c === '\r' && raw[i + 1] === '\n')) {
      out = out.slice(0, out.length - trailing);
      trailing = 0;
      let j = c === '\r' ? i + 2 : i + 1;
      let empty = 0;
      for (;;) {
        while (raw[j] === ' ' || raw[j] === '\t') j++;
        if (raw[j] === '\r' && raw[j + 1] === '\n') j++;
        if (raw[j] !== '\n') break;
        empty++;
        j++;
      }
      out += empty ? '\n'.repeat(empty) : ' ';
      i = j - 1;
      continue;
    }
    if (double && c === '\\') {
      const next = raw[i + 1];
      if (next === '\n' || (next === '\r' && raw[i + 2] === '\n')) {
        let j = i + (next === '\r' ? 3 : 2);
        while (raw[j] === ' ' || raw[j] === '\t') j++;
        i = j - 1;
        trailing = 0;
        continue;
      }
      const digits = HEX_DIGITS[next];
      if (digits) {
        const hex = raw.slice(i + 2, i + 2 + digits);
        if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 1 + digits;
      } else {
        const escaped = ESCAPES[next];
        if (escaped === undefined) return undefined;
        out += escaped;
        i++;
      }
      trailing = 0;
      continue;
    }
    if (!double && c === "'") {
      // Inside single quotes a quote is always doubled.
      out += "'";
      i++;
      trailing = 0;
      continue;
    }
    out += c;
    trailing = c === ' ' || c === '\t' ? trailing + 1 : 0;
  }
  return out;
}
