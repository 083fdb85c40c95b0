// Precise mutations of example documents through the yaml package's Document API: each knows the path
// it changed, and after re-serializing, the line where a diagnostic must appear.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { defaultedBeforeValidation } from '../../../core/language/nodeRules';
import { missingAfterRoundTrip, roundTripped } from '../../../core/language/nullValues';
import { propertySchema, type Schema } from '../../../core/schema/model';

export type MutationKind = 'wrong-type' | 'unknown-field' | 'enum' | 'missing-required';
type Path = Array<string | number>;

export interface Mutation {
  kind: MutationKind;
  path: Path;
  describe: string;
  /** Applies the change to a clone of the document. */
  apply(doc: Document): void;
  /** Path whose line the diagnostic must start on, in the mutated document. */
  anchor: Path;
  /** Whether the anchor is the key of a pair (true) or the node itself. */
  anchorIsKey: boolean;
}

export const UNKNOWN_KEY = 'flotillaMutationUnknownField';

interface Candidates {
  scalars: Array<{ path: Path; schema: Schema }>;
  enums: Array<{ path: Path; schema: Schema }>;
  closedMaps: Path[];
  requiredPresent: Array<{ parent: Path; field: string }>;
}

const isStructuralLeaf = (s: Schema) => !s.intOrString && !s.alternatives && !s.preserveUnknownFields && !s.nullable;

/** Walks the document and its schema; skips metadata, status and parts the server does not check. */
function collect(node: Node | null | undefined, schema: Schema, path: Path, out: Candidates, federated: boolean, roundTrip: boolean): void {
  if (!node || schema.preserveUnknownFields || schema.embeddedResource || schema.alternatives || (node as { anchor?: string }).anchor) return;
  if (isMap(node)) {
    if (schema.type !== 'object') return;
    const closed = schema.properties && !schema.additionalProperties;
    if (closed) out.closedMaps.push(path);
    const present = new Set(node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)));
    for (const field of schema.required ?? []) {
      // A field the API server defaults is not missing when removed: removing it is no mutation.
      if (defaultedBeforeValidation(schema.properties?.[field]?.default)) continue;
      // Nor is a struct that Karmada's mutating webhook writes back as {} (see core/language/nullValues.ts).
      if (roundTrip && missingAfterRoundTrip(schema.properties?.[field], field)?.length === 0) continue;
      if (present.has(field) && !(path.length === 0 && (field === 'apiVersion' || field === 'kind'))) out.requiredPresent.push({ parent: path, field });
    }
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (path.length === 0 && ['apiVersion', 'kind', 'metadata', 'status'].includes(key)) continue;
      if (federated && path.length === 1 && path[0] === 'spec' && key === 'template') continue;
      const child = propertySchema(schema, key);
      if (!child || !schema.properties?.[key]) continue;
      const childPath = [...path, key];
      const value = pair.value as Node | null;
      if (isScalar(value) && value.value !== null && isStructuralLeaf(child)) {
        if (child.enum?.every((v) => typeof v === 'string')) out.enums.push({ path: childPath, schema: child });
        else if (child.type && ['string', 'integer', 'boolean', 'number'].includes(child.type)) out.scalars.push({ path: childPath, schema: child });
      } else if ((isMap(value) || isSeq(value)) && isStructuralLeaf(child) && child.type) {
        out.scalars.push({ path: childPath, schema: child });
        collect(value, child, childPath, out, federated, roundTrip);
      }
    }
  } else if (isSeq(node) && schema.items) {
    node.items.forEach((item, i) => collect(item as Node, schema.items!, [...path, i], out, federated, roundTrip));
  }
}

function wrongValue(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'maybe';
    default:
      return 'not-a-collection';
  }
}

/** One mutation of each kind the document and its schema allow; `pick` chooses among candidates. */
export function mutationsFor(doc: Document, schema: Schema, federated: boolean, pick: (n: number) => number): Mutation[] {
  const found: Candidates = { scalars: [], enums: [], closedMaps: [], requiredPresent: [] };
  collect(doc.contents as Node, schema, [], found, federated, roundTripped(String(doc.get('apiVersion')), String(doc.get('kind'))));
  const out: Mutation[] = [];
  if (found.scalars.length) {
    const { path, schema: s } = found.scalars[pick(found.scalars.length)];
    const value = wrongValue(s);
    out.push({ kind: 'wrong-type', path, describe: `${path.join('.')} = ${JSON.stringify(value)} (a ${s.type} field)`, apply: (d) => d.setIn(path, value), anchor: path, anchorIsKey: false });
  }
  if (found.enums.length) {
    const { path } = found.enums[pick(found.enums.length)];
    out.push({ kind: 'enum', path, describe: `${path.join('.')} = "NotAnAllowedValue"`, apply: (d) => d.setIn(path, 'NotAnAllowedValue'), anchor: path, anchorIsKey: false });
  }
  if (found.closedMaps.length) {
    const path = found.closedMaps[pick(found.closedMaps.length)];
    out.push({
      kind: 'unknown-field',
      path,
      describe: `${[...path, UNKNOWN_KEY].join('.')} added`,
      apply: (d) => (path.length ? (d.getIn(path, true) as YAMLMap) : (d.contents as YAMLMap)).set(UNKNOWN_KEY, 1),
      anchor: [...path, UNKNOWN_KEY],
      anchorIsKey: true,
    });
  }
  if (found.requiredPresent.length) {
    const { parent, field } = found.requiredPresent[pick(found.requiredPresent.length)];
    out.push({
      kind: 'missing-required',
      path: [...parent, field],
      describe: `${[...parent, field].join('.')} removed`,
      apply: (d) => d.deleteIn([...parent, field]),
      anchor: parent,
      anchorIsKey: parent.length > 0 && typeof parent[parent.length - 1] === 'string',
    });
  }
  return out;
}

/** 0-based line, within `text` (one document), of the anchor of a mutation. */
export function anchorLine(text: string, mutation: Mutation): number {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true });
  const { anchor } = mutation;
  let offset: number | undefined;
  if (anchor.length === 0) offset = (doc.contents as Node).range?.[0];
  else if (mutation.anchorIsKey) {
    const parent = anchor.length > 1 ? doc.getIn(anchor.slice(0, -1), true) : doc.contents;
    const pair = isMap(parent) ? (parent.items as Pair[]).find((p) => isPair(p) && isScalar(p.key) && p.key.value === anchor[anchor.length - 1]) : undefined;
    offset = (pair?.key as Node | undefined)?.range?.[0];
  } else {
    offset = (doc.getIn(anchor, true) as Node | undefined)?.range?.[0];
  }
  if (offset === undefined) throw new Error(`no node at ${anchor.join('.')} after the mutation`);
  return lines.linePos(offset).line - 1;
}
