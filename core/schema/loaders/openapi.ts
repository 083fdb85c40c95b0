/**
 * OpenAPI documents as Kubernetes serves them: v3 (`/openapi/v3/apis/<g>/<v>`, components.schemas) and
 * v2 swagger (definitions), both marking top-level kinds with `x-kubernetes-group-version-kind`.
 */
import { normalizeSchema, type Schema } from '../model';
import { apiVersionOf, type SchemaDraft } from '../entry';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function isOpenApiDocument(doc: unknown): boolean {
  return isObj(doc) && ((isObj(doc.components) && isObj(doc.components.schemas)) || isObj(doc.definitions));
}

/**
 * The document with its schemas only, all that `$ref`s point into: the rest (`paths`, more than half of a
 * group-version's document) is neither kept alive by the drafts nor cached.
 */
export function openApiSchemasOnly(doc: unknown): Obj | undefined {
  if (!isObj(doc)) return undefined;
  if (isObj(doc.components) && isObj(doc.components.schemas)) return { components: { schemas: doc.components.schemas } };
  return isObj(doc.definitions) ? { definitions: doc.definitions } : undefined;
}

export function draftsFromOpenApi(doc: unknown): SchemaDraft[] {
  const root = openApiSchemasOnly(doc);
  if (!root) return [];
  const schemas = (isObj(root.components) ? root.components.schemas : root.definitions) as Obj;
  // One memo per document: Deployment and StatefulSet share PodSpec's normalized nodes.
  const memo = new Map<object, Schema>();
  const out: SchemaDraft[] = [];
  for (const raw of Object.values(schemas)) {
    if (!isObj(raw)) continue;
    const gvks = raw['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const gvk of gvks) {
      if (!isObj(gvk) || typeof gvk.kind !== 'string' || typeof gvk.version !== 'string') continue;
      if (gvk.kind.endsWith('List') || NOT_MANIFESTS.has(gvk.kind)) continue;
      let built: Schema | undefined;
      // Built-in kinds decode `format: byte` with Go's JSON decoder; served CRDs validate it more strictly.
      out.push({
        apiVersion: apiVersionOf(typeof gvk.group === 'string' ? gvk.group : '', gvk.version),
        kind: gvk.kind,
        load: () => (built ??= normalizeSchema(raw, { root, bareObjectIsOpen: true, byteFormat: 'json-decoder' }, memo)),
      });
    }
  }
  return out;
}

/** meta/v1 types tagged with every group-version; they are API responses, not manifests. */
const NOT_MANIFESTS = new Set(['WatchEvent', 'DeleteOptions', 'Status', 'APIGroup', 'APIResourceList', 'APIVersions', 'APIGroupList']);
