/**
 * Validates one document against its own kind's schema: YAML syntax, duplicate keys, wrong types, enum
 * values, value limits (pattern, bounds, lengths, format: byte), missing required fields and (when strict)
 * unknown fields, each on the exact range, then what admission enforces beyond the schema (./admission),
 * whether or not the kind's schema is known. Inside embedded objects the API server stores without checking
 * (ManifestWork manifests, Federated* templates) findings are warnings, since the server would accept them.
 */
import { typeLabel } from '../schema/model';
import { admissionDiagnostics } from './admission';
import type { DocumentTree, Reading } from './document';
import type { RelativeDiagnostic } from './diagnostics';
import { childCursor, rootCursor, type SchemaCursor, type SchemaLookup } from './schemaCursor';
import { limitViolation } from './valueChecks';
import { nodeRules, typeMatches } from './nodeRules';
import { missingAfterRoundTrip, nullsRejected, roundTripped, typeRefusingNull } from './nullValues';
import type { YMap, YNode, YScalar } from './yaml/ast';

export interface ValidationOptions {
  /** Unknown fields are errors (the API server's strict field validation); otherwise not reported. */
  strict: boolean;
}

export function validateTree(tree: DocumentTree, lookup: SchemaLookup, options: ValidationOptions): RelativeDiagnostic[] {
  return tree.withReading((reading) => validateReading(tree, reading, lookup, options));
}

function validateReading(tree: DocumentTree, reading: Reading, lookup: SchemaLookup, options: ValidationOptions): RelativeDiagnostic[] {
  const out: RelativeDiagnostic[] = [];
  for (const e of reading.syntaxErrors) out.push({ start: e.start, end: e.end, severity: 'error', code: 'yaml-syntax', message: e.message });
  const root = reading.root;
  if (!root) return out;
  for (const key of reading.duplicateKeys) out.push({ start: key.start, end: key.end, severity: 'error', code: 'duplicate-key', message: `Duplicate key "${String(key.value)}"` });
  if (reading.syntaxErrors.length) return out;
  if (root.type !== 'map') {
    out.push({ start: root.start, end: root.end, severity: 'error', code: 'wrong-type', message: 'A Kubernetes manifest must be a mapping (object)' });
    return out;
  }
  const anchor = { start: root.start, end: Math.min(root.end, tree.text.indexOf('\n', root.start) >>> 0) };
  if (!tree.apiVersion || !tree.kind) {
    const missing = [!tree.apiVersion && 'apiVersion', !tree.kind && 'kind'].filter(Boolean).join(' and ');
    out.push({ ...anchor, severity: 'error', code: 'missing-type-meta', message: `Missing ${missing}` });
    return out;
  }
  for (const d of admissionDiagnostics(root, tree.text, tree.apiVersion, tree.kind)) out.push(d);
  const cursor = rootCursor(lookup, tree.apiVersion, tree.kind);
  if (!cursor) {
    const kindPair = root.pairs.find((p) => p.key.value === 'kind');
    const at = kindPair?.value ?? kindPair?.key ?? anchor;
    out.push({ start: at.start, end: at.end, severity: 'information', code: 'unknown-kind', message: `No schema known for ${tree.apiVersion} ${tree.kind}` });
    return out;
  }
  new Validator(lookup, options, out, nullsRejected(tree.apiVersion, tree.kind), roundTripped(tree.apiVersion, tree.kind)).node(root, cursor, [], anchor);
  return out;
}

class Validator {
  /**
   * Below the top-level `status` of a kind with the status subresource. The API server drops that status
   * on create after decoding it, so only what decoding rejects (unknown fields) is an error there.
   */
  private statusDroppedOnCreate = false;

  constructor(
    private readonly lookup: SchemaLookup,
    private readonly options: ValidationOptions,
    private readonly out: RelativeDiagnostic[],
    /** Explicit nulls of optional fields are refused (see nullValues.ts). */
    private readonly nullsRejected: boolean,
    /** A Karmada mutating webhook re-encodes the document first (see nullValues.ts). */
    private readonly roundTripped: boolean,
  ) {}

  /** `anchor` is where a "missing required field" for this node is reported (its key, or its dash). */
  node(node: YNode | null, cursor: SchemaCursor, path: Array<string | number>, anchor: { start: number; end: number }): void {
    if (!node) return;
    if (node.type === 'scalar' && (node.alias || node.value === null)) return;
    const rules = nodeRules(cursor);
    if (rules.unchecked) return;
    if (!typeMatches(node, rules.accepts, cursor.schema)) {
      if (!this.statusDroppedOnCreate) this.report(cursor, node, 'wrong-type', `Expected ${typeLabel(cursor.schema)}, got ${describe(node)}${where(path)}`, path);
      return;
    }
    if (rules.limits && !this.statusDroppedOnCreate) {
      const violation = limitViolation(node, rules.limits);
      if (violation) this.report(cursor, node, violation.code, `${violation.message}${where(path)}`, path);
    }
    if (node.type === 'scalar') {
      const allowed = rules.allowed;
      // indexOf rather than a callback: a closure over `node` would allocate a context on every call.
      if (allowed && !this.statusDroppedOnCreate && allowed.indexOf(node.value) < 0) {
        this.report(cursor, node, 'enum', `Value ${JSON.stringify(node.value)} is not allowed${where(path)}; allowed: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, path, { allowed });
      }
      return;
    }
    if (node.type === 'seq') {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        const child = childCursor(this.lookup, cursor, i, item.node);
        if (!child) continue;
        path.push(i);
        if (this.nullsRejected && isNull(item.node)) this.nullValue(child, item.node ?? { start: item.start, end: item.start + 1 }, path);
        this.node(item.node, child, path, { start: item.start, end: item.start + 1 });
        path.pop();
      }
      return;
    }
    this.map(node, cursor, path, anchor);
  }

  private map(node: YMap, cursor: SchemaCursor, path: Array<string | number>, anchor: { start: number; end: number }): void {
    // Indexed loops: the first file runs before the JIT has warmed up, where iterators cost.
    const pairs = node.pairs;
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      const key = typeof pair.key.value === 'string' ? pair.key.value : String(pair.key.value);
      const child = childCursor(this.lookup, cursor, key, pair.value);
      if (!child) {
        if (this.options.strict) this.report(cursor, pair.key, 'unknown-field', `Unknown field "${[...path, key].join('.')}"`, [...path, key]);
        continue;
      }
      const droppedStatus = path.length === 0 && key === 'status' && cursor.schema.statusSubresource === true;
      if (droppedStatus) this.statusDroppedOnCreate = true;
      path.push(key);
      if (this.nullsRejected && isNull(pair.value) && !nodeRules(cursor).required?.includes(key)) this.nullValue(child, pair.value ?? pair.key, path);
      this.node(pair.value, child, path, pair.key);
      path.pop();
      if (droppedStatus) this.statusDroppedOnCreate = false;
    }
    if (this.statusDroppedOnCreate) return;
    const required = nodeRules(cursor).required;
    if (!required) return;
    for (let i = 0; i < required.length; i++) {
      const field = required[i];
      if (hasValue(node, field)) continue;
      // A struct the webhook writes as {} is no longer missing, unless something required inside it still is.
      if (this.roundTripped && missingAfterRoundTrip(cursor.schema.properties?.[field], field)?.length === 0) continue;
      this.report(cursor, anchor, 'missing-required', `Missing required field "${field}"${where(path)}`, path, { field });
    }
  }

  /** Required fields are left to "missing-required", which counts a null as absent. */
  private nullValue(cursor: SchemaCursor, at: { start: number; end: number }, path: Array<string | number>): void {
    if (cursor.embedded || this.statusDroppedOnCreate || path[0] === 'metadata') return;
    const type = typeRefusingNull(cursor.schema);
    if (!type) return;
    const field = path.join('.');
    this.report(cursor, at, 'null-value', `Null is not allowed at ${field} (server-side apply fails: ${field} in body must be of type ${type}: "null"); remove the field or give it a value`, path);
  }

  private report(
    cursor: SchemaCursor,
    at: { start: number; end: number },
    code: RelativeDiagnostic['code'],
    message: string,
    path: Array<string | number>,
    extra: Partial<RelativeDiagnostic> = {},
  ): void {
    const severity = cursor.embedded ? 'warning' : 'error';
    const text = cursor.embedded ? `${message} (embedded object: the API server does not check it)` : message;
    this.out.push({ start: at.start, end: at.end, severity, code, message: text, path: [...path], ...extra });
  }
}

/** `key:` with nothing after it, or an explicit `null` / `~`. */
function isNull(node: YNode | null): boolean {
  return !node || (node.type === 'scalar' && node.value === null && !node.alias);
}

/** A key with a non-null value (null counts as absent, as the API server treats it). */
function hasValue(map: YMap, key: string): boolean {
  const pairs = map.pairs;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    if (p.key.value === key && p.value && !(p.value.type === 'scalar' && p.value.value === null)) return true;
  }
  return false;
}

function describe(node: YNode): string {
  if (node.type === 'map') return 'an object';
  if (node.type === 'seq') return 'an array';
  const v = (node as YScalar).value;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `number ${v}`;
  return `${typeof v} ${String(v)}`;
}

function where(path: Array<string | number>): string {
  return path.length ? ` at ${path.join('.')}` : '';
}
