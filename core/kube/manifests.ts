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

/** A kind a cluster serves in one group/version, as discovery lists it or as a CRD that was established says. */
export interface ServedResource {
  apiVersion: string;
  resource: ApiResource;
}

/**
 * Resolves kinds to resources per cluster, caching each group/version's discovery document. A kind missing
 * from a cached document is looked up once more, since CRDs come and go while the cache lives.
 */
export class ResourceResolver {
  private readonly cache = new Map<string, Promise<ApiResource[]>>();
  /** Kinds of CRDs established through this resolver: discovery may list them only a moment later. */
  private readonly established = new Map<string, ApiResource>();

  constructor(private readonly clients: ClusterClients) {}

  async resolve(cluster: string, apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResource> {
    const learned = this.established.get(kindKey(cluster, apiVersion, kind));
    if (learned) return learned;
    const documentKey = groupVersionKey(cluster, apiVersion);
    const wasCached = this.cache.has(documentKey);
    let found = await this.discover(cluster, apiVersion, kind, signal);
    if (!found && wasCached) {
      this.cache.delete(documentKey);
      found = await this.discover(cluster, apiVersion, kind, signal);
    }
    if (!found) throw new ClusterError('notFound', `kind ${kind} is not served in ${apiVersion} by this cluster`, 404);
    return found;
  }

  /** Kinds a CRD serves from the moment it is established, before discovery catches up (kube-rs/kube#951). */
  learn(cluster: string, served: ServedResource[]): void {
    for (const { apiVersion, resource } of served) this.established.set(kindKey(cluster, apiVersion, resource.kind), resource);
  }

  /** Kinds of a CRD that was deleted: they are looked up in discovery again. */
  forget(cluster: string, served: ServedResource[]): void {
    for (const { apiVersion, resource } of served) {
      this.established.delete(kindKey(cluster, apiVersion, resource.kind));
      this.cache.delete(groupVersionKey(cluster, apiVersion));
    }
  }

  private async discover(cluster: string, apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResource | undefined> {
    const key = groupVersionKey(cluster, apiVersion);
    let resources = this.cache.get(key);
    if (!resources) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      resources = this.clients
        .request<{ resources?: ApiResource[] }>(cluster, { path, signal })
        .then((r) => (r.resources ?? []).filter((x) => !x.name.includes('/')));
      this.cache.set(key, resources);
      resources.catch(() => this.cache.delete(key));
    }
    try {
      return (await resources).find((r) => r.kind === kind);
    } catch (err) {
      if (err instanceof ClusterError && err.kind === 'notFound') {
        throw new ClusterError('notFound', `${apiVersion} is not served by this cluster`, 404);
      }
      throw err;
    }
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

function groupVersionKey(cluster: string, apiVersion: string): string {
  return `${cluster}\u0000${apiVersion}`;
}

function kindKey(cluster: string, apiVersion: string, kind: string): string {
  return `${cluster}\u0000${apiVersion}\u0000${kind}`;
}
