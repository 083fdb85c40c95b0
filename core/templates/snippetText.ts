/** LSP/TextMate snippet syntax, as far as Flotilla's own snippets use it (no nesting, no variables). */

/** Plain text: each tab stop becomes its placeholder or first choice; a bare `$1`/`$0` becomes empty. */
export function snippetToText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)[^}]*\}/g, (_m, first: string) => first.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/** Each tab stop's number and placeholder (first choice for a choice), in order of appearance. */
export function tabStops(snippet: string): Array<{ stop: number; placeholder: string; offset: number }> {
  const out: Array<{ stop: number; placeholder: string; offset: number }> = [];
  const pattern = /\$\{(\d+)(?::([^}]*)|\|((?:[^,|\\]|\\.)*)[^}]*)\}|\$(\d+)/g;
  let plainLength = 0;
  let last = 0;
  for (let m = pattern.exec(snippet); m; m = pattern.exec(snippet)) {
    plainLength += m.index - last;
    last = m.index + m[0].length;
    const placeholder = m[2] ?? m[3]?.replace(/\\(.)/g, '$1') ?? '';
    out.push({ stop: Number(m[1] ?? m[4]), placeholder, offset: plainLength });
    plainLength += placeholder.length;
  }
  return out;
}
