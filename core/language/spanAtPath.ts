/** Where a value path (keys and indexes from a document's root) sits in the document's text. */
import type { YNode } from './yaml/ast';

export type PathStep = string | number;

export interface Span {
  start: number;
  end: number;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/**
 * The document-relative span of the node at `path`: a scalar's own text; for a collection reached by key,
 * the key (and with `onKey`, the key whatever the value); for a collection reached by index, its first
 * line. Stops at the deepest node that exists.
 */
export function spanAtPath(root: YNode | null, text: string, path: PathStep[], onKey = false): Span {
  let node: YNode | null = root;
  let span: Span = node ? { start: node.start, end: lineEnd(text, node.start) } : { start: 0, end: lineEnd(text, 0) };
  for (let i = 0; i < path.length && node; i++) {
    const step = path[i];
    if (node.type === 'map' && typeof step === 'string') {
      const pair = node.pairs.find((p) => p.key.value === step);
      if (!pair) break;
      node = pair.value;
      const keyWanted = !node || node.type !== 'scalar' || (onKey && i === path.length - 1);
      span = keyWanted ? { start: pair.key.start, end: pair.key.end } : { start: node!.start, end: node!.end };
    } else if (node.type === 'seq' && typeof step === 'number') {
      const item = node.items[step];
      if (!item) break;
      node = item.node;
      span = node && node.type === 'scalar' ? { start: node.start, end: node.end } : { start: item.start, end: Math.min(lineEnd(text, item.start), node?.end ?? Infinity) };
    } else {
      break;
    }
  }
  return span;
}
