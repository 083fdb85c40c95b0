/** CustomResourceDefinition manifests (apiextensions.k8s.io v1, and v1beta1's single-schema form). */
import { documentStarts, readDocumentTree } from '../../language/document';
import { toValue } from '../../language/yaml/ast';
import { normalizeSchema } from '../model';
import { apiVersionOf, lazy, type SchemaDraft } from '../entry';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Drafts for every served version of every CRD among `objects` (other kinds are ignored). */
export function draftsFromCrdObjects(objects: unknown[]): SchemaDraft[] {
  const out: SchemaDraft[] = [];
  for (const crd of objects) {
    if (!isObj(crd) || crd.kind !== 'CustomResourceDefinition' || !isObj(crd.spec)) continue;
    const spec = crd.spec;
    const group = typeof spec.group === 'string' ? spec.group : '';
    const kind = isObj(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : undefined;
    if (!kind) continue;
    const shared = isObj(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
    const sharedSubresources = spec.subresources;
    const versions = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
    for (const v of versions) {
      if (!isObj(v) || typeof v.name !== 'string' || v.served === false) continue;
      const raw = (isObj(v.schema) ? v.schema.openAPIV3Schema : undefined) ?? shared;
      if (!isObj(raw)) continue;
      const subresources = v.subresources ?? sharedSubresources;
      const statusSubresource = isObj(subresources) && isObj(subresources.status);
      out.push({
        apiVersion: apiVersionOf(group, v.name),
        kind,
        load: lazy(() => {
          const schema = normalizeSchema(raw, { root: raw, bareObjectIsOpen: false });
          if (statusSubresource) schema.statusSubresource = true;
          return schema;
        }),
      });
    }
  }
  return out;
}

/** Parses YAML text that may hold CRDs among other documents; unparseable documents are skipped. */
export function draftsFromCrdYaml(text: string): SchemaDraft[] {
  return draftsFromCrdObjects(crdObjectsFromYaml(text));
}

/** The CustomResourceDefinitions among a YAML file's documents, as plain objects. */
export function crdObjectsFromYaml(text: string): unknown[] {
  if (!text.includes('CustomResourceDefinition')) return [];
  const starts = documentStarts(text);
  const objects: unknown[] = [];
  for (let i = 0; i < starts.length; i++) {
    const chunk = text.slice(starts[i][0], i + 1 < starts.length ? starts[i + 1][0] : text.length);
    if (!chunk.includes('CustomResourceDefinition')) continue;
    const tree = readDocumentTree(chunk);
    if (!tree.syntaxErrors.length && tree.kind === 'CustomResourceDefinition') objects.push(toValue(tree.root));
  }
  return objects;
}
