/**
 * A plan of object changes across clusters (what a membership operation will create, update, approve or
 * delete), its access check through SelfSubjectAccessReviews, and one outcome per change. Plans are data:
 * built without touching a cluster, shown to the user, then executed in order.
 */
import { deniedAccess, type ResourceAccess } from './accessReview';
import type { ClusterClients } from './clients';
import type { AccessCheck } from './deploy';
import { fanOut } from './fanout';

export type ChangeAction = 'create' | 'update' | 'approve' | 'delete';

export interface PlannedChange {
  /** The context the request goes to. */
  cluster: string;
  /** What the cluster is to the user: "control plane", "member", "hub". */
  role: string;
  action: ChangeAction;
  kind: string;
  name: string;
  namespace?: string;
  /** Why, or what follows from it, in a few words. */
  note?: string;
  /** Every permission the change needs (an update may need get first, a token Secret a get too). */
  access: ResourceAccess[];
}

export type ChangeResult = 'created' | 'exists' | 'updated' | 'approved' | 'deleted' | 'not found' | 'unchanged' | 'skipped' | 'failed';

export interface ChangeOutcome {
  change: PlannedChange;
  result: ChangeResult;
  /** The server's reason when it failed, or what was found instead. */
  detail?: string;
}

export function changeRef(c: Pick<PlannedChange, 'kind' | 'name' | 'namespace'>): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

/** "spare1 (member): create Namespace karmada-cluster", one line per change, in execution order. */
export function describePlan(changes: PlannedChange[]): string[] {
  return changes.map((c) => `${c.cluster} (${c.role}): ${c.action} ${changeRef(c)}${c.note ? ` (${c.note})` : ''}`);
}

export function describeOutcome(o: ChangeOutcome): string {
  return `${o.change.cluster}: ${changeRef(o.change)}: ${o.result}${o.detail ? ` (${o.detail})` : ''}`;
}

/** One SelfSubjectAccessReview per distinct permission the plan needs, all asked at once on every cluster. */
export async function checkPlanAccess(
  clients: ClusterClients,
  changes: PlannedChange[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<AccessCheck[]> {
  const clusters = [...new Set(changes.map((c) => c.cluster))];
  const results = await fanOut(
    clusters,
    (cluster, signal) => deniedAccess(clients, cluster, changes.filter((c) => c.cluster === cluster).flatMap((c) => c.access), signal),
    { concurrency: clusters.length, timeoutMs: options.timeoutMs, signal: options.signal },
  );
  return results.map((r) =>
    r.ok ? { cluster: r.cluster, allowed: r.value.length === 0, denied: r.value } : { cluster: r.cluster, allowed: false, denied: [r.error.describe()] },
  );
}

/** Thrown when the access check refuses a plan: nothing has been changed yet. */
export class AccessDenied extends Error {
  constructor(readonly checks: AccessCheck[]) {
    super(
      'access check failed, nothing was changed: ' +
        checks.filter((c) => !c.allowed).map((c) => `${c.cluster}: ${c.denied.join('; ')}`).join(' | '),
    );
    this.name = 'AccessDenied';
  }
}

/**
 * Runs the changes in order, one outcome each, reported as it happens. After the first failure the rest
 * are skipped (as karmadactl and clusteradm stop there); `failure` words the error of a failed change.
 */
export async function runChanges(
  plan: PlannedChange[],
  options: { signal?: AbortSignal; onOutcome?: (outcome: ChangeOutcome) => void },
  act: (change: PlannedChange) => Promise<Omit<ChangeOutcome, 'change'>>,
  failure: (change: PlannedChange, err: unknown) => string,
): Promise<{ outcomes: ChangeOutcome[]; ok: boolean }> {
  const outcomes: ChangeOutcome[] = [];
  let failed = false;
  for (const change of plan) {
    let outcome: ChangeOutcome;
    if (failed) outcome = { change, result: 'skipped', detail: 'an earlier step failed' };
    else {
      try {
        options.signal?.throwIfAborted();
        outcome = { change, ...(await act(change)) };
      } catch (err) {
        outcome = { change, result: 'failed', detail: failure(change, err) };
      }
      failed = outcome.result === 'failed';
    }
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  return { outcomes, ok: !failed };
}
