/**
 * Walking a schema alongside a YAML tree: the one place that knows the rules every feature shares
 * (implicit apiVersion/kind/metadata on resources, embedded resources validated against their own kind,
 * KubeFed Federated* templates validated against the kind they wrap).
 */
import { ANY_SCHEMA, normalizeSchema, propertySchema, type Schema } from '../schema/model';
import type { SchemaEntry } from '../schema/entry';
import type { ResolvedSchema } from '../schema/store';
import objectMetaRaw from '../schema/objectMeta.json';
import type { NodeRules } from './nodeRules';
import { mapString, type YNode } from './yaml/ast';

/** What the language features need from a schema store. */
export interface SchemaLookup {
  resolve(apiVersion: string, kind: string): ResolvedSchema | undefined;
  entries(): SchemaEntry[];
}

export interface SchemaCursor {
  schema: Schema;
  /** At a resource's top level: apiVersion, kind and metadata are always allowed. */
  resource: boolean;
  /** The entry whose schema this is (hover names its source). */
  entry: SchemaEntry | undefined;
  /** Inside an object the API server stores without checking (embedded manifests, Federated* templates). */
  embedded: boolean;
  /** KubeFed Federated<Kind>: spec.template is a <Kind>. */
  federatedKind: string | undefined;
  depth: number;
  /** The cursors below, built on first use (see CursorChildren). */
  children: CursorChildren | undefined;
  /** What validation checks here, read on first use (nodeRules). */
  rules: NodeRules | undefined;
}

/**
 * Cursors below one cursor, built once: every document of a kind walks the same ones, and the first file
 * is walked before the JIT has warmed up, where building them for every YAML node costs.
 */
interface CursorChildren {
  fields: Map<string, SchemaCursor>;
  /** The cursor for any item of an array; null when items are not allowed. */
  items: SchemaCursor | null | undefined;
  /** This cursor's value read as a whole resource of a kind (embedded resources, KubeFed templates), by entry. */
  resources: Map<SchemaEntry | undefined, SchemaCursor> | undefined;
}

const rootCursors = new WeakMap<SchemaEntry, SchemaCursor>();

export const OBJECT_META: Schema = normalizeSchema(objectMetaRaw, { root: objectMetaRaw, bareObjectIsOpen: false });
const STRING: Schema = { type: 'string' };

/** The cursor at a document's root, or undefined when its kind has no known schema. */
export function rootCursor(lookup: SchemaLookup, apiVersion: string | undefined, kind: string | undefined): SchemaCursor | undefined {
  if (!apiVersion || !kind) return undefined;
  const resolved = lookup.resolve(apiVersion, kind);
  if (!resolved) return undefined;
  const known = rootCursors.get(resolved.entry);
  if (known?.schema === resolved.schema) return known;
  const federatedKind = apiVersion.startsWith('types.kubefed.io/') && kind.startsWith('Federated') ? kind.slice('Federated'.length) : undefined;
  const root = cursor(resolved.schema, true, resolved.entry, false, 0, federatedKind);
  rootCursors.set(resolved.entry, root);
  return root;
}

function cursor(schema: Schema, resource: boolean, entry: SchemaEntry | undefined, embedded: boolean, depth: number, federatedKind?: string): SchemaCursor {
  return { schema, resource, entry, embedded, federatedKind, depth, children: undefined, rules: undefined };
}

/** The cursor for `key` (a field name or an item index) below `parent`; `value` is that child's node. */
export function childCursor(lookup: SchemaLookup, parent: SchemaCursor, key: string | number, value: YNode | null): SchemaCursor | undefined {
  const children = childrenOf(parent);
  if (typeof key === 'number') {
    if (children.items === undefined) children.items = itemCursor(parent) ?? null;
    const items = children.items;
    return items ? embed(lookup, items, value) : undefined;
  }
  let next = children.fields.get(key);
  if (!next) {
    const schema = fieldSchema(parent, key);
    if (!schema) return undefined;
    const federated = parent.federatedKind && parent.depth === 0 && key === 'spec' ? parent.federatedKind : undefined;
    next = cursor(schema, false, parent.entry, parent.embedded, parent.depth + 1, federated);
    children.fields.set(key, next);
  }
  if (parent.federatedKind && parent.depth === 1 && key === 'template') {
    const target = templateTarget(lookup, parent.federatedKind, value);
    if (target) return asResource(next, target.schema, target.entry);
  }
  return embed(lookup, next, value);
}

function childrenOf(cursor: SchemaCursor): CursorChildren {
  return (cursor.children ??= { fields: new Map(), items: undefined, resources: undefined });
}

function itemCursor(parent: SchemaCursor): SchemaCursor | undefined {
  const s = parent.schema;
  const items = s.items ?? (s.preserveUnknownFields || s.openObject || !s.type ? ANY_SCHEMA : undefined);
  return items ? cursor(items, false, parent.entry, parent.embedded, parent.depth + 1) : undefined;
}

function fieldSchema(cursor: SchemaCursor, key: string): Schema | undefined {
  const s = cursor.schema;
  if (cursor.resource) {
    if (key === 'metadata') {
      const declared = s.properties?.metadata;
      return declared?.properties ? declared : OBJECT_META;
    }
    if (key === 'apiVersion' || key === 'kind') return s.properties?.[key] ?? STRING;
  }
  if (s.alternatives && !s.properties) {
    for (const alt of s.alternatives) {
      const found = alt.type === 'object' ? propertySchema(alt, key) : undefined;
      if (found) return found;
    }
  }
  return propertySchema(s, key);
}

/** An x-kubernetes-embedded-resource value is checked against its own kind's schema when that is known. */
function embed(lookup: SchemaLookup, at: SchemaCursor, value: YNode | null): SchemaCursor {
  if (!at.schema.embeddedResource) return at;
  const apiVersion = mapString(value, 'apiVersion');
  const kind = mapString(value, 'kind');
  const own = apiVersion && kind ? lookup.resolve(apiVersion, kind) : undefined;
  return own ? asResource(at, own.schema, own.entry) : asResource(at, at.schema, undefined);
}

/** `at`'s value as a whole, embedded resource with `schema` (its kind's, or `at`'s own when the kind is unknown). */
function asResource(at: SchemaCursor, schema: Schema, entry: SchemaEntry | undefined): SchemaCursor {
  const resources = (childrenOf(at).resources ??= new Map());
  const known = resources.get(entry);
  if (known?.schema === schema) return known;
  const made = cursor(schema, true, entry ?? at.entry, true, at.depth);
  resources.set(entry, made);
  return made;
}

function templateTarget(lookup: SchemaLookup, kind: string, value: YNode | null): ResolvedSchema | undefined {
  const apiVersion = mapString(value, 'apiVersion');
  if (apiVersion) return lookup.resolve(apiVersion, kind);
  const entry = lookup.entries().find((e) => e.kind === kind && !e.apiVersion.includes('kubefed'));
  return entry ? lookup.resolve(entry.apiVersion, entry.kind) : undefined;
}

/** Fields a resource accepts at its top level even when its schema does not list them. */
export const IMPLICIT_RESOURCE_FIELDS = ['apiVersion', 'kind', 'metadata'];
