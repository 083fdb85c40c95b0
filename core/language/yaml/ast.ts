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
  return scalarString(mapGet(node, key)?.value);
}

/** The node's value if it is a scalar string. */
export function scalarString(node: YNode | null | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Appends `key` to `duplicates` when an earlier pair of the map has the same key: both readers call it as
 * they add a pair. Small maps compare pairs; from 12 pairs on, a Set (returned, to be passed back for the
 * map's next key) takes over.
 */
export function noteRepeatedKey(pairs: YPair[], key: YScalar, seen: Set<unknown> | undefined, duplicates: YScalar[]): Set<unknown> | undefined {
  if (!seen && pairs.length >= 12) seen = new Set(pairs.map((p) => p.key.value));
  if (seen) {
    if (seen.has(key.value)) duplicates.push(key);
    else seen.add(key.value);
    return seen;
  }
  for (let k = 0; k < pairs.length; k++) {
    if (pairs[k].key.value === key.value) {
      duplicates.push(key);
      break;
    }
  }
  return undefined;
}
