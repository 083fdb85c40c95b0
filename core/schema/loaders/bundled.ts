/** The bundled format: a JSON file `{ apiVersion, kind, schema }` (schema: OpenAPI v3 structural, `$ref` into the file or the schema). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSchema, type Schema } from '../model';
import { lazy, type SchemaDraft } from '../entry';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function isBundledSchema(doc: unknown): boolean {
  return isObj(doc) && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string' && isObj(doc.schema);
}

/** Accepts one bundled object or an array of them. */
export function draftsFromBundled(doc: unknown): SchemaDraft[] {
  const items = Array.isArray(doc) ? doc : [doc];
  const out: SchemaDraft[] = [];
  for (const item of items) {
    if (!isBundledSchema(item)) continue;
    const { apiVersion, kind, schema } = item as { apiVersion: string; kind: string; schema: Obj };
    // `$ref: '#/definitions/X'` may point into the file or into the schema object itself.
    const root = { ...schema, ...(item as Obj) };
    out.push({ apiVersion, kind, load: lazy(() => normalizeSchema(schema, { root, bareObjectIsOpen: false })) });
  }
  return out;
}

interface BundledIndex {
  schemas: Array<{ apiVersion: string; kind: string; file: string }>;
}

/**
 * Drafts from a bundled folder's index.json (`{schemas: [{apiVersion, kind, file}]}`) without reading the
 * schema files: each file is read when its kind is first used. Undefined when there is no usable index.
 */
export function draftsFromBundledIndex(dir: string, indexText: string): Array<{ path: string; draft: SchemaDraft }> | undefined {
  let index: BundledIndex;
  try {
    index = JSON.parse(indexText) as BundledIndex;
  } catch {
    return undefined;
  }
  if (!Array.isArray(index?.schemas)) return undefined;
  const out: Array<{ path: string; draft: SchemaDraft }> = [];
  for (const entry of index.schemas) {
    if (typeof entry?.apiVersion !== 'string' || typeof entry.kind !== 'string' || typeof entry.file !== 'string') continue;
    const path = join(dir, entry.file);
    const load = lazy((): Schema => {
      const found = draftsFromBundled(JSON.parse(readFileSync(path, 'utf8'))).find((d) => d.apiVersion === entry.apiVersion && d.kind === entry.kind);
      if (!found) throw new Error(`${path} does not hold ${entry.apiVersion} ${entry.kind}`);
      return found.load();
    });
    out.push({ path, draft: { apiVersion: entry.apiVersion, kind: entry.kind, load } });
  }
  return out;
}
