// Reads the upstream CRDs and Kubernetes OpenAPI documents (read-only reference data, never copied into
// the repo) and flattens a kind's schema into field paths, so bundled schemas can be compared with them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  allOf?: JsonSchema[];
  $ref?: string;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [key: string]: unknown;
};

export interface FlatField {
  type: string;
  enum?: string[];
  required: string[];
  /** JSON of the default value, when the schema declares one. */
  default?: string;
}

import { UPSTREAM_DIR as upstreamDir } from '../../support/upstream';

export { upstreamDir };

function filesUnder(dir: string, suffixes: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffixes);
    return suffixes.some((s) => name.endsWith(s)) ? [path] : [];
  });
}

interface CrdVersion { name: string; schema?: { openAPIV3Schema?: JsonSchema } }
interface Crd { kind: string; spec: { group: string; scope: string; names: { kind: string }; versions: CrdVersion[] } }

let crdCache: Map<string, JsonSchema> | undefined;
const crdNamespaced = new Map<string, boolean>();

/** Whether the upstream CRD of group/version/Kind is namespaced; undefined for kinds without a CRD. */
export function upstreamCrdNamespaced(apiVersion: string, kind: string): boolean | undefined {
  upstreamCrdSchemas();
  return crdNamespaced.get(`${apiVersion}/${kind}`);
}

/** Every CRD version under crds/, keyed "group/version/Kind"; the first file found wins. */
export function upstreamCrdSchemas(): Map<string, JsonSchema> {
  if (crdCache) return crdCache;
  crdCache = new Map();
  for (const file of filesUnder(join(upstreamDir, 'crds'), ['.yaml', '.yml'])) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as Crd | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        const schema = version.schema?.openAPIV3Schema;
        if (schema && !crdCache.has(key)) {
          crdCache.set(key, schema);
          crdNamespaced.set(key, crd.spec.scope === 'Namespaced');
        }
      }
    }
  }
  return crdCache;
}

type Components = Record<string, JsonSchema>;
let openApiCache: { components: Components; byGvk: Map<string, string> } | undefined;

function kubernetesOpenApi() {
  if (openApiCache) return openApiCache;
  const components: Components = {};
  const byGvk = new Map<string, string>();
  for (const file of filesUnder(join(upstreamDir, 'openapi/kubernetes-1.35'), ['.json'])) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { components?: { schemas?: Components } };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      components[name] = schema;
      const gvks = (schema['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
      for (const g of gvks) byGvk.set(`${g.group}/${g.version}/${g.kind}`, name);
    }
  }
  openApiCache = { components, byGvk };
  return openApiCache;
}

/** Inlines $ref / allOf:[{$ref}] of the Kubernetes OpenAPI documents, stopping at recursion. */
function inline(schema: JsonSchema, components: Components, seen: string[]): JsonSchema {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (ref) {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    const target = components[name];
    if (!target) return { 'x-kubernetes-preserve-unknown-fields': true };
    return inline({ ...target, description: schema.description ?? target.description }, components, [...seen, name]);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, inline(v, components, seen)]));
  }
  if (schema.items) out.items = inline(schema.items, components, seen);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.additionalProperties = inline(schema.additionalProperties, components, seen);
  }
  return out;
}

/** The upstream schema of group/version/Kind ("" group for core), or undefined when none is stored. */
export function upstreamSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const key = `${group}/${version}/${kind}`;
  const crd = upstreamCrdSchemas().get(key);
  if (crd) return crd;
  const { components, byGvk } = kubernetesOpenApi();
  const name = byGvk.get(key);
  return name ? inline(components[name], components, [name]) : undefined;
}

function typeOf(schema: JsonSchema): string {
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  if (schema.type) return schema.type;
  if (schema.format === 'int-or-string') return 'int-or-string';
  if (schema['x-kubernetes-preserve-unknown-fields']) return 'any';
  if (schema.properties) return 'object';
  return 'any';
}

/**
 * Flattens a schema into "a.b[].c" / "a.b{}.c" paths ("" is the root) with type, enum and required.
 * Recursion depth is bounded so self-referencing OpenAPI types terminate.
 */
export function flatten(schema: JsonSchema, path = '', out = new Map<string, FlatField>(), depth = 0): Map<string, FlatField> {
  const field: FlatField = { type: typeOf(schema), required: [...(schema.required ?? [])].sort() };
  if (schema.enum) field.enum = schema.enum.map(String).sort();
  if (schema.default !== undefined) field.default = JSON.stringify(schema.default);
  out.set(path, field);
  if (depth > 24) return out;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, child] of Object.entries(schema.properties ?? {})) flatten(child, join(key), out, depth + 1);
  if (schema.items) flatten(schema.items, `${path}[]`, out, depth + 1);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    flatten(schema.additionalProperties, `${path}{}`, out, depth + 1);
  }
  return out;
}
