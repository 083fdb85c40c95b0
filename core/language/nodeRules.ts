/**
 * What validation checks at one schema node, read once per cursor. Normalized schemas differ in shape
 * (fields are set only when present, `$ref`s are prototype links), so reading them on every YAML node
 * costs lookups that one flat, same-shaped object per cursor does not.
 */
import type { Schema } from '../schema/model';
import type { ValueLimits } from '../schema/valueLimits';
import type { SchemaCursor } from './schemaCursor';
import type { YNode } from './yaml/ast';

export interface NodeRules {
  /** Any value and any field below: nothing to check. */
  unchecked: boolean;
  accepts: Accepts;
  limits: ValueLimits | undefined;
  allowed: unknown[] | undefined;
  /** Required fields, without those the API server fills in from a default before it validates. */
  required: string[] | undefined;
}

export type Accepts = 'any' | 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'alternatives';

export function nodeRules(cursor: SchemaCursor): NodeRules {
  return (cursor.rules ??= readRules(cursor));
}

function readRules(cursor: SchemaCursor): NodeRules {
  const s = cursor.schema;
  const required = s.required?.filter((field) => !defaultedBeforeValidation(s.properties?.[field]?.default));
  return {
    unchecked: !!s.preserveUnknownFields && !s.type && !s.properties && !s.embeddedResource && !cursor.resource,
    accepts: acceptsOf(s),
    limits: s.limits,
    allowed: s.enum,
    required: required?.length ? required : undefined,
  };
}

function acceptsOf(s: Schema): Accepts {
  if (s.intOrString) return 'int-or-string';
  if (s.alternatives?.length && !s.type) return 'alternatives';
  return s.type ?? 'any';
}

/** Whether the node has a type the schema accepts (`accepts` is the schema's, from its rules). */
export function typeMatches(node: YNode, accepts: Accepts, schema: Schema): boolean {
  switch (accepts) {
    case 'any':
      return true;
    case 'object':
      return node.type === 'map';
    case 'array':
      return node.type === 'seq';
    case 'string':
      return node.type === 'scalar' && typeof node.value === 'string';
    case 'integer':
      return node.type === 'scalar' && Number.isInteger(node.value);
    case 'number':
      return node.type === 'scalar' && typeof node.value === 'number';
    case 'boolean':
      return node.type === 'scalar' && typeof node.value === 'boolean';
    case 'int-or-string':
      return node.type === 'scalar' && (typeof node.value === 'string' || Number.isInteger(node.value));
    case 'alternatives':
      return matchesAnAlternative(node, schema.alternatives!);
  }
}

/** A loop in its own function: a callback here would make every typeMatches call allocate a context for `node`. */
function matchesAnAlternative(node: YNode, alternatives: Schema[]): boolean {
  for (let i = 0; i < alternatives.length; i++) {
    const alt = alternatives[i];
    if (!alt.type || typeMatches(node, acceptsOf(alt), alt)) return true;
  }
  return false;
}

/**
 * A CRD field's default is applied by the API server before it validates, so a required field that has
 * one is never missing. Kubernetes' built-in OpenAPI marks zero values ("", {}, [], 0, false) as defaults
 * of required fields the server does not fill in, so those do not count.
 */
export function defaultedBeforeValidation(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
