/** The bundled format: a JSON file `{ apiVersion, kind, schema }` (schema: OpenAPI v3 structural, `$ref` into the file or the schema). */
import { normalizeSchema } from '../model';
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
