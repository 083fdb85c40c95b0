/**
 * The normalized schema every Flotilla feature reads: the structural subset of OpenAPI v3 that Kubernetes
 * uses (CRD openAPIV3Schema, /openapi/v3 documents, bundled schemas). `$ref` and single-branch `allOf`
 * are resolved lazily through prototype links, so recursive graphs (JSONSchemaProps) normalize safely.
 */
import { readValueLimits, type ByteFormatRules, type ValueLimits } from './valueLimits';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface Schema {
  type?: SchemaType;
  description?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  /** `true`/schema: a map; `false`/absent: no extra keys (unless `openObject`). */
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  /** x-kubernetes-int-or-string, or OpenAPI's `format: int-or-string` / `oneOf [integer, string]`. */
  intOrString?: boolean;
  /** x-kubernetes-preserve-unknown-fields: any field is accepted below this node. */
  preserveUnknownFields?: boolean;
  /** x-kubernetes-embedded-resource: the value is a full object (apiVersion/kind/metadata). */
  embeddedResource?: boolean;
  /** An object with neither properties nor additionalProperties accepts any field (built-in OpenAPI). */
  openObject?: boolean;
  /** anyOf/oneOf branches that carry types: a value is accepted when it matches one of them. */
  alternatives?: Schema[];
  /** pattern, bounds, lengths, counts, `format: byte`; absent on most nodes. */
  limits?: ValueLimits;
  /** At a CRD version's root: the status subresource is enabled, so the API server drops `status` on create. */
  statusSubresource?: boolean;
}

export type RawSchema = Record<string, unknown>;

export interface NormalizeOptions {
  /** The document `$ref`s point into (JSON pointer `#/...`). */
  root: unknown;
  /**
   * Built-in OpenAPI documents describe `runtime.RawExtension` and similar as a bare `type: object`;
   * CRD structural schemas use the same shape to mean "no fields". true for the former.
   */
  bareObjectIsOpen: boolean;
  /** Who checks `format: byte` values; CRD validation unless told otherwise (see ByteFormatRules). */
  byteFormat?: ByteFormatRules;
}

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Normalizes one raw schema; share `memo` across calls on the same root so `$ref` targets are built once. */
export function normalizeSchema(raw: unknown, options: NormalizeOptions, memo = new Map<object, Schema>()): Schema {
  return new Normalizer(options, memo).node(raw);
}

class Normalizer {
  constructor(
    private readonly options: NormalizeOptions,
    private readonly memo: Map<object, Schema>,
  ) {}

  node(raw: unknown): Schema {
    if (!raw || typeof raw !== 'object') return {};
    const seen = this.memo.get(raw);
    if (seen) return seen;
    const r = raw as RawSchema;
    const base = this.baseOf(r);
    const out: Schema = base ? Object.create(base) : {};
    this.memo.set(raw, out);
    this.fill(out, r, !!base);
    return out;
  }

  /** `$ref` or a lone `allOf: [{$ref}]` (Kubernetes' way to add a description to a reference). */
  private baseOf(r: RawSchema): Schema | undefined {
    if (typeof r.$ref === 'string') return this.node(this.pointer(r.$ref));
    const allOf = r.allOf;
    if (Array.isArray(allOf) && allOf.length === 1 && !r.properties && !r.type) return this.node(allOf[0]);
    return undefined;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith('#/')) return undefined;
    let at: unknown = this.options.root;
    for (const part of ref.slice(2).split('/')) {
      if (!at || typeof at !== 'object') return undefined;
      at = (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return at;
  }

  private fill(out: Schema, r: RawSchema, hasBase: boolean): void {
    if (typeof r.type === 'string' && TYPES.has(r.type)) out.type = r.type as SchemaType;
    if (typeof r.description === 'string') out.description = r.description;
    if (typeof r.format === 'string') out.format = r.format;
    if (Array.isArray(r.enum)) out.enum = r.enum;
    if (r.default !== undefined) out.default = r.default;
    if (r.nullable === true) out.nullable = true;
    if (r['x-kubernetes-int-or-string'] === true || r.format === 'int-or-string') out.intOrString = true;
    if (r['x-kubernetes-preserve-unknown-fields'] === true) out.preserveUnknownFields = true;
    if (r['x-kubernetes-embedded-resource'] === true) out.embeddedResource = true;
    const limits = readValueLimits(r, this.options.byteFormat ?? 'crd');
    if (limits) out.limits = limits;
    if (Array.isArray(r.required)) out.required = r.required.filter((k): k is string => typeof k === 'string');
    if (r.properties && typeof r.properties === 'object') {
      const props: Record<string, Schema> = Object.create(null);
      for (const [key, value] of Object.entries(r.properties as RawSchema)) props[key] = this.node(value);
      out.properties = props;
    }
    if (r.items && typeof r.items === 'object' && !Array.isArray(r.items)) out.items = this.node(r.items);
    if (typeof r.additionalProperties === 'boolean') out.additionalProperties = r.additionalProperties;
    else if (r.additionalProperties && typeof r.additionalProperties === 'object') out.additionalProperties = this.node(r.additionalProperties);
    if (Array.isArray(r.allOf) && !hasBase) for (const part of r.allOf) this.merge(out, this.node(part));
    if (Array.isArray(r.anyOf) || Array.isArray(r.oneOf)) {
      const branches = [...(Array.isArray(r.anyOf) ? r.anyOf : []), ...(Array.isArray(r.oneOf) ? r.oneOf : [])];
      if (branches.length) this.branches(out, branches.map((b) => this.node(b)));
    }
    if (!out.type && (out.properties || out.additionalProperties)) out.type = 'object';
    if (!out.type && out.items) out.type = 'array';
    if (out.type === 'object' && !out.properties && out.additionalProperties === undefined && this.options.bareObjectIsOpen) out.openObject = true;
  }

  private merge(out: Schema, part: Schema): void {
    out.type ??= part.type;
    out.description ??= part.description;
    out.format ??= part.format;
    out.enum ??= part.enum;
    out.items ??= part.items;
    out.additionalProperties ??= part.additionalProperties;
    out.limits ??= part.limits;
    if (part.intOrString) out.intOrString = true;
    if (part.preserveUnknownFields) out.preserveUnknownFields = true;
    if (part.embeddedResource) out.embeddedResource = true;
    if (part.nullable) out.nullable = true;
    if (part.properties) out.properties = Object.assign(Object.create(null), part.properties, out.properties);
    if (part.required) out.required = [...new Set([...(out.required ?? []), ...part.required])];
  }

  private branches(out: Schema, branches: Schema[]): void {
    const types = new Set(branches.map((b) => b.type).filter((t) => t));
    if (types.has('integer') && types.has('string') && types.size === 2) {
      out.intOrString = true;
      return;
    }
    // Branches that only add `required` (CRD "one of these fields") constrain values, not shape.
    if (branches.some((b) => b.type)) out.alternatives = branches;
  }
}

/** Types the schema accepts, for messages and hover ("integer | string"). */
export function typeLabel(schema: Schema): string {
  if (schema.intOrString) return 'integer | string';
  if (schema.alternatives?.length) return [...new Set(schema.alternatives.map(typeLabel))].join(' | ');
  if (schema.type === 'array') return `${schema.items ? typeLabel(schema.items) : 'any'}[]`;
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map[string]${typeLabel(schema.additionalProperties)}`;
  }
  return schema.type ?? 'any';
}

/** The schema for a key under an object schema, or undefined when the key is not declared. */
export function propertySchema(schema: Schema, key: string): Schema | undefined {
  const declared = schema.properties?.[key];
  if (declared) return declared;
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') return extra;
  if (extra === true || schema.preserveUnknownFields || schema.openObject || saysNothingOfShape(schema)) return ANY_SCHEMA;
  return undefined;
}

/**
 * Neither a type nor any structure: any JSON value. Kubernetes' OpenAPI describes JSON, JSONSchemaPropsOrBool
 * and JSONSchemaPropsOrArray this way (a CRD's `additionalProperties: {type: string}` is one of those).
 */
function saysNothingOfShape(schema: Schema): boolean {
  return !schema.type && !schema.properties && !schema.items && schema.additionalProperties === undefined && !schema.alternatives && !schema.intOrString;
}

/** Accepts any value, any field below it. */
export const ANY_SCHEMA: Schema = Object.freeze({ preserveUnknownFields: true });
