/**
 * The YAML tree the language features walk: maps, sequences and scalars with offsets into their
 * document's text. Produced by the fast block-YAML reader, or converted from the `yaml` package's tree
 * for documents the fast reader hands over (anchors, tags, multi-line flow, syntax errors...).
 */
export type YNode = YMap | YSeq | YScalar;

export interface YScalar {
  type: 'scalar';
  start: number;
  end: number;
  /** Resolved with the YAML 1.2 core schema: string, number, boolean or null. */
  value: unknown;
  /** Quoted or block scalars are always strings, whatever they spell. */
  quoted: boolean;
  /** An alias (`*name`): its value is not known here, so validation skips it. */
  alias?: boolean;
}

export interface YPair {
  key: YScalar;
  /** null for `key:` with nothing after it. */
  value: YNode | null;
  start: number;
  end: number;
}

export interface YMap {
  type: 'map';
  start: number;
  end: number;
  pairs: YPair[];
  flow: boolean;
}

export interface YSeqItem {
  /** Offset of the `-` (block) or of the item (flow). */
  start: number;
  node: YNode | null;
}

export interface YSeq {
  type: 'seq';
  start: number;
  end: number;
  items: YSeqItem[];
  flow: boolean;
}

export interface YSyntaxError {
  start: number;
  end: number;
  message: string;
}

/** Plain JavaScript value of a node (maps become objects; later duplicate keys win, like the API server). */
export function toValue(node: YNode | null): unknown {
  if (!node) return null;
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map((i) => toValue(i.node));
  const out: Record<string, unknown> = {};
  for (const p of node.pairs) out[String(p.key.value)] = toValue(p.value);
  return out;
}

export function mapGet(map: YMap, key: string): YPair | undefined {
  for (const p of map.pairs) if (p.key.value === key) return p;
  return undefined;
}

/** The string value of `key` in a map node, if it is a scalar string. */
export function mapString(node: YNode | null | undefined, key: string): string | undefined {
  if (!node || node.type !== 'map') return undefined;
  const v = mapGet(node, key)?.value;
  return v && v.type === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

/** Keys repeated within a map anywhere below `node`, each repeat after the first. */
export function findDuplicateKeys(node: YNode | null, out: YScalar[] = []): YScalar[] {
  if (!node || node.type === 'scalar') return out;
  if (node.type === 'seq') {
    for (const item of node.items) findDuplicateKeys(item.node, out);
    return out;
  }
  const seen = new Set<unknown>();
  for (const p of node.pairs) {
    if (seen.has(p.key.value)) out.push(p.key);
    else seen.add(p.key.value);
    findDuplicateKeys(p.value, out);
  }
  return out;
}
