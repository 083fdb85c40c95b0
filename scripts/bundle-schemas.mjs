// Bundled schemas: compiles the compact YAML sources in schemas/source/ into the shipped plain-JSON
// schemas in schemas/bundled/ (committed), and copies those into dist/schemas/bundled/ during the build.
//
//   node scripts/bundle-schemas.mjs            compile schemas/source -> schemas/bundled
//   node scripts/bundle-schemas.mjs --check    exit 1 when schemas/bundled is stale
//
// Source format (one file per group or kind family, see schemas/source/README.md):
//   a key ending in "!" is required; a string value is a leaf "<type>[=<default>] <description>" where type is
//   string|integer|int32|int64|number|boolean|int-or-string|quantity|any|object|map|enum(A,B)|@Def|[T]|{T};
//   a mapping is an object whose "_" key holds its description, prefixed "[]" when the mapping
//   describes the items of an array or "{}" for the values of a map; "_extends: @Def" merges a def.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'schemas/source');
const bundledDir = join(root, 'schemas/bundled');

const SCALARS = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  'int-or-string': { 'x-kubernetes-int-or-string': true },
  any: { 'x-kubernetes-preserve-unknown-fields': true },
  // a resource quantity is a string or a number ("500m", 0.5); the API server parses it
  quantity: { 'x-kubernetes-preserve-unknown-fields': true },
  object: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  map: { type: 'object', additionalProperties: { type: 'string' } },
};

class SourceError extends Error {}

function compileType(expr, defs, where) {
  if (expr.startsWith('[') && expr.endsWith(']')) return { type: 'array', items: compileType(expr.slice(1, -1), defs, where) };
  if (expr.startsWith('{') && expr.endsWith('}')) return { type: 'object', additionalProperties: compileType(expr.slice(1, -1), defs, where) };
  if (expr.startsWith('enum(') && expr.endsWith(')')) return { type: 'string', enum: expr.slice(5, -1).split(',') };
  if (expr.startsWith('@')) {
    const def = defs[expr.slice(1)];
    if (!def) throw new SourceError(`${where}: unknown definition ${expr}`);
    return structuredClone(def);
  }
  const scalar = SCALARS[expr];
  if (!scalar) throw new SourceError(`${where}: unknown type "${expr}"`);
  return structuredClone(scalar);
}

function withDescription(schema, description) {
  if (!description) return schema;
  const { description: _replaced, ...rest } = schema;
  return { description, ...rest };
}

/** "3" -> 3, "true" -> true, "\"x\"" -> "x"; anything else is the string itself. */
function defaultValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function compileLeaf(text, defs, where) {
  const space = text.indexOf(' ');
  const head = space < 0 ? text : text.slice(0, space);
  const description = space < 0 ? '' : text.slice(space + 1).trim();
  const equals = head.indexOf('=');
  const expr = equals < 0 ? head : head.slice(0, equals);
  const schema = withDescription(compileType(expr, defs, where), description);
  if (equals >= 0) schema.default = defaultValue(head.slice(equals + 1));
  return schema;
}

function compileObject(node, defs, where) {
  let description = String(node._ ?? '');
  let wrap = (s) => s;
  if (description.startsWith('[]')) wrap = (s) => ({ type: 'array', items: s });
  if (description.startsWith('{}')) wrap = (s) => ({ type: 'object', additionalProperties: s });
  if (description.startsWith('[]') || description.startsWith('{}')) description = description.slice(2).trim();
  const base = node._extends ? compileType(String(node._extends), defs, where) : { type: 'object' };
  const properties = { ...(base.properties ?? {}) };
  const required = [...(base.required ?? [])];
  for (const [rawKey, value] of Object.entries(node)) {
    if (rawKey === '_' || rawKey === '_extends') continue;
    const key = rawKey.endsWith('!') ? rawKey.slice(0, -1) : rawKey;
    if (rawKey.endsWith('!') && !required.includes(key)) required.push(key);
    properties[key] = compileNode(value, defs, `${where}.${key}`);
  }
  const object = { type: 'object', properties };
  if (required.length) object.required = required;
  if (base['x-kubernetes-preserve-unknown-fields']) object['x-kubernetes-preserve-unknown-fields'] = true;
  return withDescription(wrap(object), description);
}

function compileNode(node, defs, where) {
  if (typeof node === 'string') return compileLeaf(node, defs, where);
  if (node && typeof node === 'object' && !Array.isArray(node)) return compileObject(node, defs, where);
  throw new SourceError(`${where}: expected a "<type> <description>" string or a mapping`);
}

function compileDefs(rawDefs, inherited, where) {
  const defs = { ...inherited };
  for (const [name, node] of Object.entries(rawDefs ?? {})) defs[name] = compileNode(node, defs, `${where}#${name}`);
  return defs;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.yaml') && !entry.name.startsWith('_') ? [path] : [];
  });
}

/** Compiles every source file; returns a map from path under schemas/bundled to its JSON text. */
export function compileBundledSchemas() {
  const shared = compileDefs(parse(readFileSync(join(sourceDir, '_defs.yaml'), 'utf8')), {}, '_defs.yaml');
  const outputs = new Map();
  const index = [];
  for (const file of sourceFiles(sourceDir).sort()) {
    const where = relative(sourceDir, file);
    const source = parse(readFileSync(file, 'utf8'));
    const defs = compileDefs(source.defs, shared, where);
    const apiVersion = source.group ? `${source.group}/${source.version}` : source.version;
    for (const [kind, info] of Object.entries(source.kinds)) {
      const body = compileObject({ _: info.description, ...source.root }, defs, `${where}:${kind}`);
      const schema = {
        description: body.description,
        type: 'object',
        properties: {
          apiVersion: { description: 'Versioned schema of this object; the server converts between versions of one kind.', type: 'string' },
          kind: { description: 'The REST resource type this object represents, in CamelCase.', type: 'string' },
          metadata: compileType('@ObjectMeta', defs, where),
          ...body.properties,
        },
      };
      if (body.required) schema.required = body.required;
      const path = `${source.group || 'core'}/${kind.toLowerCase()}.json`;
      outputs.set(path, `${JSON.stringify({ apiVersion, kind, namespaced: info.namespaced, schema }, null, 2)}\n`);
      index.push({ apiVersion, kind, namespaced: info.namespaced, file: path });
    }
  }
  outputs.set('index.json', `${JSON.stringify({ schemas: index }, null, 2)}\n`);
  return outputs;
}

function listBundled(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listBundled(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** Paths under schemas/bundled whose content differs from a fresh compile (missing, stale or extra). */
export function staleBundledSchemas() {
  const outputs = compileBundledSchemas();
  const stale = [];
  for (const [path, text] of outputs) {
    const file = join(bundledDir, path);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(path);
  }
  for (const path of listBundled(bundledDir)) if (!outputs.has(path)) stale.push(path);
  return stale;
}

/**
 * Copies the shipped JSON schemas into `${outDir}/schemas/bundled` (called by scripts/build.mjs): the same
 * relative layout as the repository, so the server finds them by searching upwards for schemas/bundled
 * both from a checkout and from the packaged extension (which ships dist/ only).
 */
export function copyBundledSchemas(outDir) {
  const target = join(outDir, 'schemas', 'bundled');
  rmSync(join(outDir, 'schemas'), { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(bundledDir, target, { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes('--check')) {
      const stale = staleBundledSchemas();
      if (stale.length) {
        console.error(`schemas/bundled is stale (run node scripts/bundle-schemas.mjs): ${stale.join(', ')}`);
        process.exit(1);
      }
    } else {
      rmSync(bundledDir, { recursive: true, force: true });
      for (const [path, text] of compileBundledSchemas()) {
        mkdirSync(dirname(join(bundledDir, path)), { recursive: true });
        writeFileSync(join(bundledDir, path), text);
      }
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    console.error(`schemas/source: ${error.message}`);
    process.exit(1);
  }
}
