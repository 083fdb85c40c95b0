/**
 * Deploy (and delete) a set of manifests on many clusters at once: pre-flight access check, server-side
 * dry-run or apply, one result per cluster with one line per object.
 */
import type { ClusterClients } from './clients';
import { applyObject, deleteObject, readTarget, type ApplyResult, type ApplyTarget } from './apply';
import { applyConflicts, describeConflicts, type FieldConflict } from './applyConflict';
import { ClusterError, toClusterError } from './errors';
import { atMostAtOnce, fanOut, type ClusterResult } from './fanout';
import { objectRef, type ResourceResolver } from './manifests';
import type { KubeObject } from './watch';
import { deniedAccess, type ResourceAccess } from './accessReview';
import { applyWaves, inWaves } from './applyOrder';
import { isCustomResourceDefinition, servedResources, untilEstablished } from './crdEstablished';

export interface ObjectOutcome {
  ref: string;
  result: ApplyResult | 'deleted' | 'not found' | 'failed';
  /** The server's reason when it failed. */
  reason?: string;
  /** When a server-side apply failed on fields other managers own: which, and whose. */
  conflicts?: FieldConflict[];
  before?: KubeObject;
  after?: KubeObject;
}

export interface ClusterOutcome {
  cluster: string;
  ok: boolean;
  /** "created", "configured", "unchanged", "2 created, 1 configured" or "failed: <reason>". */
  summary: string;
  objects: ObjectOutcome[];
  error?: ClusterError;
}

export interface FanOutSettings {
  concurrency: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onCluster?: (outcome: ClusterOutcome) => void;
}

/** Errors after which the rest of the objects cannot succeed on that cluster either. */
const CLUSTER_LEVEL = new Set(['unreachable', 'timeout', 'unauthorized', 'tls', 'config', 'cancelled']);

/** Objects of one wave in flight at once on one cluster. */
const OBJECTS_AT_ONCE = 8;

async function perObject(
  waves: KubeObject[][],
  signal: AbortSignal,
  act: (obj: KubeObject) => Promise<Omit<ObjectOutcome, 'ref'>>,
): Promise<ObjectOutcome[]> {
  return inWaves(waves, OBJECTS_AT_ONCE, async (obj) => {
    signal.throwIfAborted();
    try {
      return { ref: objectRef(obj), ...(await act(obj)) };
    } catch (err) {
      const error = toClusterError(err, signal);
      if (CLUSTER_LEVEL.has(error.kind)) throw error;
      const conflicts = applyConflicts(error);
      const reason = conflicts ? `apply conflict: ${describeConflicts(conflicts)}` : error.describe();
      return { ref: objectRef(obj), result: 'failed', reason, conflicts };
    }
  });
}

/** The clusters where applying failed only on fields other managers own: "Apply with force" can fix them. */
export function conflictedClusters(outcomes: ClusterOutcome[]): ClusterOutcome[] {
  return outcomes.filter((o) => !o.ok && o.objects.some((x) => x.conflicts) && o.objects.every((x) => x.result !== 'failed' || x.conflicts));
}

export function summarizeObjects(objects: ObjectOutcome[]): { ok: boolean; summary: string } {
  const failed = objects.filter((o) => o.result === 'failed');
  if (failed.length) return { ok: false, summary: `failed: ${failed.map((f) => `${f.ref}: ${f.reason}`).join('; ')}` };
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.result, (counts.get(o.result) ?? 0) + 1);
  if (counts.size === 1) return { ok: true, summary: [...counts.keys()][0] };
  return { ok: true, summary: [...counts].map(([r, n]) => `${n} ${r}`).join(', ') };
}

function toOutcome(r: ClusterResult<ObjectOutcome[]>): ClusterOutcome {
  if (!r.ok) return { cluster: r.cluster, ok: false, summary: `failed: ${r.error.describe()}`, objects: [], error: r.error };
  return { cluster: r.cluster, objects: r.value, ...summarizeObjects(r.value) };
}

/**
 * Every object's target read at once before the first wave, so that each wave costs one round trip
 * (the apply) rather than two. An object that cannot be read yet (its kind comes with a CRD in an
 * earlier wave, or the read is refused) is read again in its wave, which reports what goes wrong.
 */
async function readAhead(clients: ClusterClients, resolver: ResourceResolver, cluster: string, objects: KubeObject[], signal: AbortSignal): Promise<Map<KubeObject, ApplyTarget>> {
  const targets = new Map<KubeObject, ApplyTarget>();
  await atMostAtOnce(objects, OBJECTS_AT_ONCE, async (obj) => {
    try {
      targets.set(obj, await readTarget(clients, resolver, cluster, obj, signal));
    } catch (err) {
      const error = toClusterError(err, signal);
      if (CLUSTER_LEVEL.has(error.kind)) throw error;
    }
  });
  return targets;
}

export async function deployToClusters(
  clients: ClusterClients,
  resolver: ResourceResolver,
  clusters: string[],
  objects: KubeObject[],
  options: FanOutSettings & { fieldManager: string; dryRun?: boolean; force?: boolean; fieldValidation?: 'Strict' | 'Warn' | 'Ignore' },
): Promise<ClusterOutcome[]> {
  const waves = applyWaves(objects);
  const results = await fanOut(
    clusters,
    async (cluster, signal) => {
      const targets = await readAhead(clients, resolver, cluster, objects, signal);
      return perObject(waves, signal, async (obj) => {
        const applied = await applyObject(clients, resolver, cluster, obj, { ...options, signal }, targets.get(obj));
        if (!options.dryRun && isCustomResourceDefinition(obj)) {
          await untilEstablished(clients, cluster, applied.after, { signal, timeoutMs: options.timeoutMs });
          resolver.learn(cluster, servedResources(applied.after));
        }
        return { result: applied.result, before: applied.before, after: applied.after };
      });
    },
    { ...options, onResult: (r) => options.onCluster?.(toOutcome(r)) },
  );
  return results.map(toOutcome);
}

export async function deleteFromClusters(
  clients: ClusterClients,
  resolver: ResourceResolver,
  clusters: string[],
  objects: KubeObject[],
  options: FanOutSettings,
): Promise<ClusterOutcome[]> {
  const waves = applyWaves(objects, true);
  const results = await fanOut(
    clusters,
    (cluster, signal) =>
      perObject(waves, signal, async (obj) => {
        const result = await deleteObject(clients, resolver, cluster, obj, signal);
        if (isCustomResourceDefinition(obj)) resolver.forget(cluster, servedResources(obj));
        return { result };
      }),
    { ...options, onResult: (r) => options.onCluster?.(toOutcome(r)) },
  );
  return results.map(toOutcome);
}

export interface AccessCheck {
  cluster: string;
  allowed: boolean;
  /** "cannot patch deployments.apps in default" lines, or the error that kept us from asking. */
  denied: string[];
}

/** SelfSubjectAccessReview for every (verb, resource, namespace) the manifests need, per cluster. */
export async function checkAccess(
  clients: ClusterClients,
  resolver: ResourceResolver,
  clusters: string[],
  objects: KubeObject[],
  options: FanOutSettings & { verbs?: string[] },
): Promise<AccessCheck[]> {
  const verbs = options.verbs ?? ['create', 'patch'];
  const results = await fanOut(
    clusters,
    async (cluster, signal) => {
      const denied: string[] = [];
      const needed: ResourceAccess[] = [];
      for (const obj of objects) {
        let target;
        try {
          target = await resolver.pathFor(cluster, obj, signal);
        } catch (err) {
          const error = toClusterError(err, signal);
          if (CLUSTER_LEVEL.has(error.kind)) throw error;
          denied.push(`${objectRef(obj)}: ${error.describe()}`);
          continue;
        }
        const group = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/')[0] : '';
        for (const verb of verbs) needed.push({ verb, group, resource: target.resource.name, namespace: target.namespace });
      }
      denied.push(...(await deniedAccess(clients, cluster, needed, signal)));
      return denied;
    },
    options,
  );
  return results.map((r) =>
    r.ok ? { cluster: r.cluster, allowed: r.value.length === 0, denied: r.value } : { cluster: r.cluster, allowed: false, denied: [r.error.describe()] },
  );
}
