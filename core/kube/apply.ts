/**
 * Server-side apply of one object to one cluster, with the outcome kubectl reports:
 * created, configured or unchanged (dry-run or real).
 */
import type { ClusterClients } from './clients';
import { ClusterError } from './errors';
import type { ResourceResolver } from './manifests';
import { stripForCompare } from './strip';
import type { KubeObject } from './watch';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

export interface ApplyOptions {
  fieldManager: string;
  dryRun?: boolean;
  /** Take over fields other field managers own (kubectl apply --server-side --force-conflicts). */
  force?: boolean;
  /** The API server's field validation: Strict rejects unknown fields. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  signal?: AbortSignal;
}

export interface Applied {
  result: ApplyResult;
  before?: KubeObject;
  after: KubeObject;
}

/** Where an object lives on a cluster, and what is there now (undefined: nothing yet). */
export interface ApplyTarget {
  path: string;
  namespace?: string;
  before?: KubeObject;
}

export async function readTarget(clients: ClusterClients, resolver: ResourceResolver, cluster: string, obj: KubeObject, signal?: AbortSignal): Promise<ApplyTarget> {
  const { path, namespace } = await resolver.pathFor(cluster, obj, signal);
  return { path, namespace, before: await getIfExists(clients, cluster, path, signal) };
}

export async function getIfExists(clients: ClusterClients, cluster: string, path: string, signal?: AbortSignal): Promise<KubeObject | undefined> {
  try {
    return await clients.request<KubeObject>(cluster, { path, signal });
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') return undefined;
    throw err;
  }
}

export async function applyObject(
  clients: ClusterClients,
  resolver: ResourceResolver,
  cluster: string,
  obj: KubeObject,
  options: ApplyOptions,
  /** Read beforehand (e.g. with every other object of the deploy at once); else read here. */
  target?: ApplyTarget,
): Promise<Applied> {
  const { signal } = options;
  const { path, namespace, before } = target ?? (await readTarget(clients, resolver, cluster, obj, signal));
  const body = namespace ? { ...obj, metadata: { ...obj.metadata, namespace } } : obj;
  const after = await clients.request<KubeObject>(cluster, {
    method: 'PATCH',
    path,
    query: {
      fieldManager: options.fieldManager,
      force: options.force ?? false,
      dryRun: options.dryRun ? 'All' : undefined,
      fieldValidation: options.fieldValidation ?? 'Strict',
    },
    body,
    contentType: 'application/apply-patch+yaml',
    signal,
  });
  let result: ApplyResult;
  if (!before) result = 'created';
  else if (options.dryRun) result = sameContent(before, after) ? 'unchanged' : 'configured';
  // A member's controllers write status between our read and our apply: only a change to the object
  // itself counts.
  else result = before.metadata.resourceVersion === after.metadata.resourceVersion || sameObject(before, after) ? 'unchanged' : 'configured';
  return { result, before, after };
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(stripForCompare(a)) === JSON.stringify(stripForCompare(b));
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(stripForCompare(a, { keepStatus: true })) === JSON.stringify(stripForCompare(b, { keepStatus: true }));
}

export async function deleteObject(
  clients: ClusterClients,
  resolver: ResourceResolver,
  cluster: string,
  obj: KubeObject,
  signal?: AbortSignal,
): Promise<'deleted' | 'not found'> {
  const { path } = await resolver.pathFor(cluster, obj, signal);
  try {
    await clients.request(cluster, { method: 'DELETE', path, query: { propagationPolicy: 'Background' }, signal });
    return 'deleted';
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') return 'not found';
    throw err;
  }
}
