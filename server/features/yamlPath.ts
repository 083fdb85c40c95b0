/** Maps a value path (keys and indexes from a document's root) to the YAML node text it came from. */
import type { YNode } from '../../core/language/yaml/ast';
import type { ParsedDocument } from '../../core/language/document';
import type { Range } from 'vscode-languageserver-types';

export type PathSegment = string | number;

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/**
 * The range of the node at `path`: a scalar's own text; for a collection reached by key, the key; for a
 * collection reached by index, its first line. Stops at the deepest node that exists.
 */
export function rangeAtPath(doc: ParsedDocument, path: PathSegment[]): Range {
  const text = doc.tree.text;
  let node: YNode | null = doc.root;
  let span = node ? { start: node.start, end: lineEnd(text, node.start) } : { start: 0, end: lineEnd(text, 0) };
  for (const segment of path) {
    if (!node) break;
    if (node.type === 'map' && typeof segment === 'string') {
      const pair = node.pairs.find((p) => p.key.value === segment);
      if (!pair) break;
      node = pair.value;
      span = !node || node.type !== 'scalar' ? { start: pair.key.start, end: pair.key.end } : { start: node.start, end: node.end };
    } else if (node.type === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      node = item.node;
      span = node && node.type === 'scalar' ? { start: node.start, end: node.end } : { start: item.start, end: Math.min(lineEnd(text, item.start), node?.end ?? Infinity) };
    } else {
      break;
    }
  }
  return doc.range(span);
}
