/** Follows a field path from a document's root schema, using the document's own nodes where they exist. */
import type { DocumentTree } from './document';
import { childCursor, rootCursor, type SchemaCursor, type SchemaLookup } from './schemaCursor';
import type { YNode } from './yaml/ast';

export function cursorAtPath(lookup: SchemaLookup, tree: DocumentTree, path: Array<string | number>): SchemaCursor | undefined {
  let cursor = rootCursor(lookup, tree.apiVersion, tree.kind);
  let node: YNode | null = tree.root;
  for (const step of path) {
    if (!cursor) return undefined;
    node = childNode(node, step);
    cursor = childCursor(lookup, cursor, step, node);
  }
  return cursor;
}

export function childNode(node: YNode | null, step: string | number): YNode | null {
  if (!node) return null;
  if (typeof step === 'number') return node.type === 'seq' ? (node.items[step]?.node ?? null) : null;
  if (node.type !== 'map') return null;
  for (const p of node.pairs) if (p.key.value === step) return p.value;
  return null;
}

/** The path and node at an offset: on a key (`onKey`) or within a value. */
export interface NodeAt {
  path: Array<string | number>;
  node: YNode | null;
  onKey: boolean;
  range: { start: number; end: number };
}

export function nodeAtOffset(root: YNode | null, offset: number): NodeAt | undefined {
  const path: Array<string | number> = [];
  let node = root;
  while (node) {
    if (node.type === 'map') {
      const pair = node.pairs.find((p) => offset >= p.key.start && offset <= Math.max(p.end, p.key.end));
      if (!pair) return undefined;
      path.push(String(pair.key.value));
      if (offset <= pair.key.end) return { path, node: pair.value, onKey: true, range: pair.key };
      if (!pair.value || offset < pair.value.start) return { path, node: pair.value, onKey: true, range: pair.key };
      node = pair.value;
    } else if (node.type === 'seq') {
      const i = node.items.findIndex((it) => it.node && offset >= it.start && offset <= it.node.end);
      if (i < 0) return undefined;
      path.push(i);
      node = node.items[i].node;
    } else {
      return { path, node, onKey: false, range: node };
    }
  }
  return undefined;
}
