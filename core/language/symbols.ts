/** Document symbols: one per YAML document (kind/name), its top-level fields below it. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';

export function documentSymbols(docs: ParsedDocument[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of docs) {
    const root = doc.root;
    if (!root) continue;
    const range = doc.range({ start: root.start, end: root.end });
    const name = doc.kind ? `${doc.kind}${doc.name ? ` ${doc.namespace ? doc.namespace + '/' : ''}${doc.name}` : ''}` : `document ${doc.index + 1}`;
    const children: DocumentSymbol[] =
      root.type === 'map'
        ? root.pairs.map((p) => ({
            name: String(p.key.value),
            kind: SymbolKind.Field,
            range: doc.range(p),
            selectionRange: doc.range(p.key),
          }))
        : [];
    const kindPair = root.type === 'map' ? root.pairs.find((p) => p.key.value === 'kind') : undefined;
    out.push({ name, detail: doc.apiVersion, kind: SymbolKind.Class, range, selectionRange: kindPair ? doc.range(kindPair) : range, children });
  }
  return out;
}
