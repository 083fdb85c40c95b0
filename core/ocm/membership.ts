/**
 * Accept a pending cluster on an OCM hub as `clusteradm accept` does, and detach one; each checks access
 * first, reports per object, then follows the ManagedCluster through the registration controller
 * (Joined and Available after accept; HubAcceptedManagedCluster False, or gone, after detach).
 */
import type { ClusterClients } from '../kube/clients';
import { AccessDenied, checkPlanAccess, runChanges, type ChangeOutcome, type PlannedChange } from '../kube/changePlan';
import { ClusterError, toClusterError } from '../kube/errors';
import { conditionOf } from '../kube/conditions';
import { waitForObject } from '../kube/waitForObject';
import type { KubeList, KubeObject } from '../kube/watch';
import { CLUSTER_NAME_LABEL, CSRS_PATH, MANAGED_CLUSTERS_PATH, planAccept, planDetach, type DetachMode } from './acceptPlan';

export interface OcmMembershipOptions {
  timeoutMs: number;
  /** How long to follow the registration controller. */
  waitMs?: number;
  signal?: AbortSignal;
  onOutcome?: (outcome: ChangeOutcome) => void;
  onStatus?: (text: string) => void;
}

export interface OcmPreparation {
  hub: string;
  clusterName: string;
  plan: PlannedChange[];
  /** CSRs labelled for the cluster that are left alone, with why. */
  ignored: string[];
}

export interface OcmResult {
  outcomes: ChangeOutcome[];
  ok: boolean;
  /** What the hub says at the end: "ManagedClusterJoined=True, ManagedClusterConditionAvailable=True". */
  final: string;
}

function signalFor(options: OcmMembershipOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

function onHub(hub: string, err: unknown, signal?: AbortSignal): ClusterError {
  const e = toClusterError(err, signal);
  return new ClusterError(e.kind, `${hub} (OCM hub): ${e.describe()}`, e.status, e.serverStatus);
}

async function managedCluster(clients: ClusterClients, hub: string, name: string, options: OcmMembershipOptions): Promise<KubeObject> {
  try {
    return await clients.request<KubeObject>(hub, { path: `${MANAGED_CLUSTERS_PATH}/${name}`, signal: signalFor(options) });
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') {
      throw new ClusterError('notFound', `${hub} (OCM hub): no ManagedCluster named ${name}: its klusterlet has not registered`);
    }
    throw onHub(hub, err, options.signal);
  }
}

async function withAccess(clients: ClusterClients, plan: PlannedChange[], options: OcmMembershipOptions): Promise<void> {
  const access = await checkPlanAccess(clients, plan, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (access.some((a) => !a.allowed)) throw new AccessDenied(access);
}

export async function prepareAccept(clients: ClusterClients, hub: string, clusterName: string, options: OcmMembershipOptions): Promise<OcmPreparation> {
  const cluster = await managedCluster(clients, hub, clusterName, options);
  let csrs: KubeList;
  try {
    csrs = await clients.request<KubeList>(hub, { path: CSRS_PATH, query: { labelSelector: `${CLUSTER_NAME_LABEL}=${clusterName}` }, signal: signalFor(options) });
  } catch (err) {
    throw onHub(hub, err, options.signal);
  }
  const planned = planAccept({ hub, clusterName, managedCluster: cluster, csrs: csrs.items ?? [] });
  if (planned.problem) throw new ClusterError('conflict', `${hub} (OCM hub): ${planned.problem}`);
  await withAccess(clients, planned.changes, options);
  return { hub, clusterName, plan: planned.changes, ignored: planned.ignored };
}

export async function prepareDetach(clients: ClusterClients, hub: string, clusterName: string, mode: DetachMode, options: OcmMembershipOptions): Promise<OcmPreparation> {
  const cluster = await managedCluster(clients, hub, clusterName, options);
  const plan = planDetach(hub, clusterName, cluster, mode);
  if (!plan.length) throw new ClusterError('conflict', `${hub} (OCM hub): ${clusterName} is not accepted; nothing to detach`);
  await withAccess(clients, plan, options);
  return { hub, clusterName, plan, ignored: [] };
}

/** Clock difference tolerated between this machine and the agent's when comparing lease renewals. */
const LEASE_SLACK_MS = 2_000;
const JOINED = 'ManagedClusterJoined';
const AVAILABLE = 'ManagedClusterConditionAvailable';
const ACCEPTED = 'HubAcceptedManagedCluster';

export function conditionsText(obj: KubeObject | undefined, types = [ACCEPTED, JOINED, AVAILABLE]): string {
  if (!obj) return 'ManagedCluster not found';
  return types.map((t) => {
    const c = conditionOf(obj, t);
    return `${t}=${c?.status ?? 'none'}${c?.reason ? ` (${c.reason})` : ''}`;
  }).join(', ');
}

export async function executeAccept(clients: ClusterClients, prep: OcmPreparation, options: OcmMembershipOptions): Promise<OcmResult> {
  const { hub, clusterName } = prep;
  const started = Date.now();
  const result = await runChanges(prep.plan, options, async (change) => {
    if (change.kind === 'CertificateSigningRequest') {
      const csr = await clients.request<KubeObject>(hub, { path: `${CSRS_PATH}/${change.name}`, signal: signalFor(options) });
      const conditions = (csr.status?.conditions ?? []) as { type: string }[];
      if (conditions.some((c) => c.type === 'Approved')) return { result: 'unchanged', detail: 'already approved' };
      const approved = {
        ...csr,
        status: {
          ...csr.status,
          conditions: [...conditions, { type: 'Approved', status: 'True', reason: 'FlotillaApprove', message: `Approved by Flotilla to accept ${clusterName}, as clusteradm accept does.` }],
        },
      };
      await clients.request(hub, { method: 'PUT', path: `${CSRS_PATH}/${change.name}/approval`, body: approved, signal: signalFor(options) });
      return { result: 'approved' };
    }
    await clients.request(hub, {
      method: 'PATCH', path: `${MANAGED_CLUSTERS_PATH}/${clusterName}`, body: { spec: { hubAcceptsClient: true } },
      contentType: 'application/merge-patch+json', signal: signalFor(options),
    });
    return { result: 'updated', detail: 'hubAcceptsClient: true' };
  }, (change, err) => onHub(change.cluster, err, options.signal).message);
  if (!result.ok) return { ...result, final: 'accept stopped: nothing after the failed step was changed' };
  let last = '';
  try {
    // Conditions left from an earlier acceptance can still say Available: the agent renewing its lease
    // after this acceptance is what shows it is back.
    await waitForObject(
      clients, hub, `/apis/coordination.k8s.io/v1/namespaces/${clusterName}/leases`, 'managed-cluster-lease',
      (lease) => Date.parse(String(lease?.spec?.renewTime ?? '')) >= started - LEASE_SLACK_MS,
      `${clusterName}'s registration agent to renew its lease`,
      { timeoutMs: options.waitMs ?? 90_000, signal: options.signal },
    );
    const joined = await waitForObject(
      clients, hub, MANAGED_CLUSTERS_PATH, clusterName,
      (c) => conditionOf(c, JOINED)?.status === 'True' && conditionOf(c, AVAILABLE)?.status === 'True' && c,
      `ManagedCluster ${clusterName} to be Joined and Available`,
      { timeoutMs: options.waitMs ?? 90_000, signal: options.signal, onChange: (c) => options.onStatus?.((last = conditionsText(c))) },
    );
    return { ...result, final: `ManagedCluster ${clusterName}: ${conditionsText(joined)}` };
  } catch (err) {
    return { ...result, ok: false, final: `${hub} (OCM hub): ${toClusterError(err, options.signal).message}${last ? `; last seen: ${last}` : ''}` };
  }
}

export async function executeDetach(clients: ClusterClients, prep: OcmPreparation, options: OcmMembershipOptions): Promise<OcmResult> {
  const { hub, clusterName } = prep;
  const path = `${MANAGED_CLUSTERS_PATH}/${clusterName}`;
  const removing = prep.plan.some((c) => c.action === 'delete');
  const result = await runChanges(prep.plan, options, async (change) => {
    if (change.action === 'delete') {
      try {
        await clients.request(hub, { method: 'DELETE', path, signal: signalFor(options) });
        return { result: 'deleted' };
      } catch (err) {
        if (err instanceof ClusterError && err.kind === 'notFound') return { result: 'not found' };
        throw err;
      }
    }
    await clients.request(hub, { method: 'PATCH', path, body: { spec: { hubAcceptsClient: false } }, contentType: 'application/merge-patch+json', signal: signalFor(options) });
    return { result: 'updated', detail: 'hubAcceptsClient: false' };
  }, (change, err) => onHub(change.cluster, err, options.signal).message);
  if (!result.ok) return { ...result, final: 'detach stopped at the failed step' };
  try {
    const final = await waitForObject(
      clients, hub, MANAGED_CLUSTERS_PATH, clusterName,
      (c) => (removing ? !c && 'gone' : conditionOf(c, ACCEPTED)?.status === 'False' && conditionsText(c)),
      removing ? `ManagedCluster ${clusterName} to be removed` : `the hub to revoke ${clusterName}'s access (HubAcceptedManagedCluster=False)`,
      { timeoutMs: options.waitMs ?? 90_000, signal: options.signal, onChange: (c) => options.onStatus?.(conditionsText(c)) },
    );
    return { ...result, final: removing ? `ManagedCluster ${clusterName} is gone from ${hub}` : `ManagedCluster ${clusterName}: ${final}` };
  } catch (err) {
    return { ...result, ok: false, final: `${hub} (OCM hub): ${toClusterError(err, options.signal).message}` };
  }
}
