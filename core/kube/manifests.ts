/**
 * Multi-document YAML to API objects, and API objects to REST paths via per-cluster discovery
 * (one request per group/version per cluster, cached).
 */
import { parseAllDocuments } from 'yaml';
import type { ClusterClients } from './clients';
import { ClusterError } from './errors';
import type { KubeObject } from './watch';

export interface ManifestError {
  document: number;
  line?: number;
  message: string;
}

/** Parses every non-empty document; any document that is not a Kubernetes object is an error. */
export function parseManifests(text: string): { objects: KubeObject[]; errors: ManifestError[] } {
  const objects: KubeObject[] = [];
  const errors: ManifestError[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  parseAllDocuments(text).forEach((doc, i) => {
    const document = i + 1;
    if (doc.errors.length) {
      const e = doc.errors[0];
      errors.push({ document, line: lineOf(e.pos[0]), message: e.message.split('\n')[0] });
      return;
    }
    const value = doc.toJS() as KubeObject | null;
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value) || !value.apiVersion || !value.kind || !value.metadata?.name) {
      errors.push({ document, line: lineOf(doc.range[0]), message: 'not a Kubernetes object (needs apiVersion, kind and metadata.name)' });
      return;
    }
    objects.push(value);
  });
  return { objects, errors };
}

export function objectRef(obj: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const ns = obj.metadata.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${ns}${obj.metadata.name}`;
}

export interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
}

/** Resolves kinds to resources per cluster, caching each group/version's discovery document. */
export class ResourceResolver {
  private readonly cache = new Map<string, Promise<ApiResource[]>>();

  constructor(private readonly clients: ClusterClients) {}

  async resolve(cluster: string, apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResource> {
    const key = `${cluster}\u0000${apiVersion}`;
    let resources = this.cache.get(key);
    if (!resources) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      resources = this.clients
        .request<{ resources?: ApiResource[] }>(cluster, { path, signal })
        .then((r) => (r.resources ?? []).filter((x) => !x.name.includes('/')));
      this.cache.set(key, resources);
      resources.catch(() => this.cache.delete(key));
    }
    let found: ApiResource | undefined;
    try {
      found = (await resources).find((r) => r.kind === kind);
    } catch (err) {
      if (err instanceof ClusterError && err.kind === 'notFound') {
        throw new ClusterError('notFound', `${apiVersion} is not served by this cluster`, 404);
      }
      throw err;
    }
    if (!found) throw new ClusterError('notFound', `kind ${kind} is not served in ${apiVersion} by this cluster`, 404);
    return found;
  }

  /** Collection path (name omitted) or object path for `obj`; namespaced kinds default to `defaultNamespace`. */
  async pathFor(cluster: string, obj: KubeObject, signal?: AbortSignal, defaultNamespace = 'default'): Promise<{ path: string; resource: ApiResource; namespace?: string }> {
    const resource = await this.resolve(cluster, obj.apiVersion!, obj.kind!, signal);
    const base = obj.apiVersion!.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    const namespace = resource.namespaced ? obj.metadata.namespace || defaultNamespace : undefined;
    const nsPart = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return { path: `${base}${nsPart}/${resource.name}/${encodeURIComponent(obj.metadata.name)}`, resource, namespace };
  }
}
