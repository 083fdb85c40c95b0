// Server-side dry-run creates on a real kube-apiserver (the lab host), with strict field validation, and
// the classification of its answers into "rejected for a schema reason" versus everything else.
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

export interface ServedKind { plural: string; namespaced: boolean }

export type Verdict =
  | { outcome: 'accepted'; note?: string }
  | { outcome: 'schema-rejected'; message: string }
  | { outcome: 'ignored'; reason: string };

interface RawResponse { status: number; body: string }

/** One cluster, named by its kubeconfig context; the kubeconfig file is read, never written. */
export class DryRunClient {
  private readonly discovery = new Map<string, Promise<Map<string, ServedKind>>>();

  private constructor(private readonly kc: KubeConfig, readonly context: string) {}

  static async forContext(kubeconfigPath: string, context: string): Promise<DryRunClient> {
    // client-node is ESM-only; this CommonJS-typed file loads it dynamically
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    // in memory only: picks the context this client talks to; the file is never written
    kc.setCurrentContext(context);
    return new DryRunClient(kc, context);
  }

  private async send(method: string, path: string, signal: AbortSignal, body?: string, contentType = 'application/json'): Promise<RawResponse> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error(`context ${this.context} has no cluster`);
    const url = new URL(path, cluster.server);
    const options: Parameters<typeof request>[1] = { method, signal, headers: { accept: 'application/json', 'content-type': contentType } };
    await this.kc.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const req = request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(new Error(`${this.context}: ${method} ${url.pathname}: ${err.message}`)));
      req.end(body);
    });
  }

  /** Kinds the server serves in apiVersion (empty when the group-version is not served). */
  servedKinds(apiVersion: string, signal: AbortSignal): Promise<Map<string, ServedKind>> {
    let cached = this.discovery.get(apiVersion);
    if (!cached) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      cached = this.send('GET', path, signal).then((res) => {
        const out = new Map<string, ServedKind>();
        if (res.status !== 200) return out;
        const list = JSON.parse(res.body) as { resources: { name: string; kind: string; namespaced: boolean }[] };
        for (const r of list.resources) if (!r.name.includes('/')) out.set(r.kind, { plural: r.name, namespaced: r.namespaced });
        return out;
      });
      this.discovery.set(apiVersion, cached);
    }
    return cached;
  }

  /**
   * POST ?dryRun=All&fieldValidation=Strict of a YAML document (sent as YAML, so the server's strict
   * decoder sees duplicate keys too), into `namespace` for namespaced kinds.
   */
  async dryRunCreate(apiVersion: string, yaml: string, served: ServedKind, namespace: string, signal: AbortSignal): Promise<RawResponse> {
    const path = `${collectionPath(apiVersion, served, namespace)}?dryRun=All&fieldValidation=Strict&fieldManager=flotilla-conformance`;
    return this.send('POST', path, signal, yaml, 'application/yaml');
  }

  /**
   * PATCH as server-side apply (?dryRun=All&fieldValidation=Strict&force=true) of a named YAML document:
   * what Flotilla's deploy sends. Apply keeps explicit nulls that create drops on decoding.
   */
  async dryRunApply(apiVersion: string, yaml: string, name: string, served: ServedKind, namespace: string, signal: AbortSignal): Promise<RawResponse> {
    const path = `${collectionPath(apiVersion, served, namespace)}/${encodeURIComponent(name)}?dryRun=All&fieldValidation=Strict&force=true&fieldManager=flotilla-conformance`;
    return this.send('PATCH', path, signal, yaml, 'application/apply-patch+yaml');
  }
}

/** The URL path of a kind's collection, in `namespace` when the kind is namespaced. */
function collectionPath(apiVersion: string, served: ServedKind, namespace: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${base}${served.namespaced ? `/namespaces/${namespace}` : ''}/${served.plural}`;
}

interface Status { reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string; field?: string }[] } }

/**
 * Sorts a dry-run answer. Schema reasons: strict decoding (unknown or duplicate fields), decoding into the
 * wrong type, and for custom resources the OpenAPI validation (type, required, enum, and the schema's
 * other constraints such as patterns and formats), a validating webhook's denial, and a Job's restartPolicy. Not schema
 * reasons, ignored: AlreadyExists (decoding and validation already passed, so it counts as accepted), missing namespaces,
 * authorization, unreachable webhooks, ObjectMeta rules, and the other hand-written semantic validation of built-in kinds
 * (e.g. a Deployment selector that does not match its template).
 */
export function classify(res: RawResponse, builtIn: boolean): Verdict {
  if (res.status === 200 || res.status === 201) return { outcome: 'accepted' };
  let status: Status = {};
  try {
    status = JSON.parse(res.body) as Status;
  } catch {
    return { outcome: 'ignored', reason: `HTTP ${res.status} without a Status body` };
  }
  const message = status.message ?? res.body.slice(0, 300);
  if (status.reason === 'AlreadyExists') return { outcome: 'accepted', note: 'AlreadyExists after validation' };
  if (res.status === 404) return { outcome: 'ignored', reason: `not found: ${message}` };
  // Karmada's validating webhooks: Flotilla reports their rules (core/language/admission), so a denial counts.
  if (/admission webhook "[^"]+" denied the request/.test(message)) return { outcome: 'schema-rejected', message };
  if (res.status === 403 || res.status === 401) return { outcome: 'ignored', reason: `not authorized: ${message}` };
  if (/failed calling webhook/i.test(message)) return { outcome: 'ignored', reason: `webhook unreachable: ${message}` };
  if (res.status === 400 && /strict decoding error|unknown field|duplicate field|cannot unmarshal|cannot be handled as|json: |decode/i.test(message)) {
    return { outcome: 'schema-rejected', message };
  }
  if (res.status === 422) {
    const causes = status.details?.causes ?? [];
    if (builtIn) {
      // Type errors, and the one semantic rule Flotilla checks for built-in kinds: a Job's restartPolicy.
      const typed = causes.filter((c) => /must be of type|cannot unmarshal/.test(c.message ?? '') || /\.template\.spec\.restartPolicy$/.test(c.field ?? ''));
      return typed.length ? { outcome: 'schema-rejected', message } : { outcome: 'ignored', reason: `semantic validation of a built-in kind: ${message}` };
    }
    const objectMeta = causes.length > 0 && causes.every((c) => c.field?.startsWith('metadata.'));
    if (objectMeta) return { outcome: 'ignored', reason: `ObjectMeta rule (naming, owner references), not the kind's schema: ${message}` };
    return { outcome: 'schema-rejected', message };
  }
  return { outcome: 'ignored', reason: `HTTP ${res.status}: ${message}` };
}
