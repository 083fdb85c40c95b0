/** The `yaml` package's reading of a document, converted to the shared tree, with its syntax errors. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { noteRepeatedKey, type YNode, type YPair, type YScalar, type YSyntaxError } from './ast';

export interface PackageReading {
  root: YNode | null;
  errors: YSyntaxError[];
  /** Keys repeated within a map, each repeat after the first. */
  duplicateKeys: YScalar[];
}

export function readWithYamlPackage(text: string): PackageReading {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, strict: false });
  const errors: YSyntaxError[] = [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')].map((e) => ({
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
    message: e.message.split('\n')[0],
  }));
  const duplicateKeys: YScalar[] = [];
  return { root: convert(doc.contents as Node | null, duplicateKeys), errors, duplicateKeys };
}

function convert(node: Node | null | undefined, duplicates: YScalar[]): YNode | null {
  if (!node) return null;
  const [start, end] = node.range ?? [0, 0];
  if (isMap(node)) {
    const pairs: YPair[] = [];
    let seen: Set<unknown> | undefined;
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as Node | null;
      const keyRange = keyNode?.range ?? [start, start];
      const key: YScalar = {
        type: 'scalar',
        start: keyRange[0],
        end: keyRange[1],
        value: isScalar(keyNode) ? String(keyNode.source ?? keyNode.value) : keyNode ? String(keyNode) : '',
        quoted: isScalar(keyNode) ? keyNode.type !== 'PLAIN' : false,
      };
      seen = noteRepeatedKey(pairs, key, seen, duplicates);
      // `key:` with nothing after it: the yaml package gives an empty scalar; the API server sees null.
      const rawValue = item.value as Node | null;
      const empty = isScalar(rawValue) && rawValue.value === null && rawValue.range && rawValue.range[0] === rawValue.range[1];
      const value = empty ? null : convert(rawValue, duplicates);
      pairs.push({ key, value, start: key.start, end: value ? value.end : key.end + 1 });
    }
    return { type: 'map', start, end: trimEnd(node, end), pairs, flow: !!node.flow };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => {
      const child = convert(item as Node | null, duplicates);
      return { start: child ? child.start : start, node: child };
    });
    return { type: 'seq', start, end: trimEnd(node, end), items, flow: !!node.flow };
  }
  if (isAlias(node)) return { type: 'scalar', start, end, value: undefined, quoted: false, alias: true };
  if (isScalar(node)) {
    const quoted = node.type !== 'PLAIN' || typeof node.value === 'string';
    return { type: 'scalar', start, end: node.range ? node.range[1] : end, value: node.value, quoted: quoted && typeof node.value === 'string' && node.type !== 'PLAIN' };
  }
  return null;
}

/** A collection's value end, before trailing comments and blank lines. */
function trimEnd(node: Node, fallback: number): number {
  return node.range ? node.range[1] : fallback;
}
