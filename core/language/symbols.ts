/** Document symbols: one per YAML document (kind/name), its top-level fields below it. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';
import type { YNode } from './yaml/ast';

interface Span {
  start: number;
  end: number;
}

/** A document's outline in document-relative offsets, so that it outlives edits to other documents. */
interface Outline extends Span {
  kind?: Span;
  fields: Array<{ name: string; range: Span; key: Span }>;
}

export function documentSymbols(docs: ParsedDocument[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of docs) {
    const outline = doc.tree.memo('outline', () => doc.tree.withReading((reading) => outlineOf(reading.root)));
    if (!outline) continue;
    const range = doc.range(outline);
    const name = doc.kind ? `${doc.kind}${doc.name ? ` ${doc.namespace ? doc.namespace + '/' : ''}${doc.name}` : ''}` : `document ${doc.index + 1}`;
    const children: DocumentSymbol[] = outline.fields.map((f) => ({ name: f.name, kind: SymbolKind.Field, range: doc.range(f.range), selectionRange: doc.range(f.key) }));
    out.push({ name, detail: doc.apiVersion, kind: SymbolKind.Class, range, selectionRange: outline.kind ? doc.range(outline.kind) : range, children });
  }
  return out;
}

function outlineOf(root: YNode | null): Outline | undefined {
  if (!root) return undefined;
  const pairs = root.type === 'map' ? root.pairs : [];
  const kind = pairs.find((p) => p.key.value === 'kind');
  return {
    start: root.start,
    end: root.end,
    kind: kind && { start: kind.start, end: kind.end },
    fields: pairs.map((p) => ({ name: String(p.key.value), range: { start: p.start, end: p.end }, key: { start: p.key.start, end: p.key.end } })),
  };
}
