/**
 * Join a cluster to a Karmada control plane in Push mode, and unjoin it, as karmadactl does: check that
 * both sides answer and allow every change first (nothing is created before), then apply the plan in
 * order with one outcome per object, then follow the Cluster on the control plane (Ready, or gone).
 */
import type { ClusterClients } from '../kube/clients';
import { AccessDenied, checkPlanAccess, runChanges, type ChangeOutcome, type PlannedChange } from '../kube/changePlan';
import { ClusterError, toClusterError } from '../kube/errors';
import { conditionOf } from '../kube/conditions';
import { waitForObject } from '../kube/waitForObject';
import type { KubeList, KubeObject } from '../kube/watch';
import {
  CLUSTER_NAMESPACE, CLUSTERS_PATH, clusterObject, invalidClusterName, memberNames, planJoin, planUnjoin, registrationConflict, SYSTEM_LABELS,
  type JoinInput, type UnjoinInput,
} from './joinPlan';

export interface MembershipOptions {
  /** Per request (and per reachability check). */
  timeoutMs: number;
  /** How long to follow the controllers (token Secrets filled, Cluster Ready or gone). */
  waitMs?: number;
  signal?: AbortSignal;
  onOutcome?: (outcome: ChangeOutcome) => void;
  /** Progress while following the Cluster ("Ready=False (ClusterNotReachable)"). */
  onStatus?: (text: string) => void;
}

export interface JoinPreparation {
  input: JoinInput;
  plan: PlannedChange[];
  /** The Cluster to create: its ID (the member's kube-system UID) and API endpoint. */
  cluster: KubeObject;
}

export interface MembershipResult {
  outcomes: ChangeOutcome[];
  ok: boolean;
  /** What the control plane says at the end: "Ready=True (ClusterReady)", "Cluster spare1 is gone". */
  final: string;
}

/** A ClusterError whose message says which cluster, and what it is to the operation. */
function about(cluster: string, role: string, err: unknown, signal?: AbortSignal): ClusterError {
  const e = toClusterError(err, signal);
  return new ClusterError(e.kind, `${cluster} (${role}): ${e.describe()}`, e.status, e.serverStatus);
}

const failure = (options: MembershipOptions) => (change: PlannedChange, err: unknown) => about(change.cluster, change.role, err, options.signal).message;

function requestSignal(options: MembershipOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

/**
 * Everything join needs to know before it changes anything: the member answers (its kube-system UID is
 * the Cluster ID), the control plane serves Karmada Clusters and has none with this name or ID, and
 * both allow every change of the plan. Throws a ClusterError naming the cluster, or AccessDenied.
 */
export async function prepareJoin(
  clients: ClusterClients,
  input: JoinInput & { provider?: string; region?: string; zones?: string[] },
  options: MembershipOptions,
): Promise<JoinPreparation> {
  const invalid = invalidClusterName(input.clusterName);
  if (invalid) throw new ClusterError('invalid', `cannot join ${input.member}: ${invalid}`);
  for (const [cluster, role] of [[input.member, 'the cluster to join'], [input.controlPlane, 'Karmada control plane']]) {
    const problem = clients.problem(cluster);
    if (problem) throw new ClusterError('config', `${cluster} (${role}): ${problem}`);
  }
  const [kubeSystem, registered] = await Promise.allSettled([
    clients.request<KubeObject>(input.member, { path: '/api/v1/namespaces/kube-system', signal: requestSignal(options) }),
    clients.request<KubeList>(input.controlPlane, { path: CLUSTERS_PATH, signal: requestSignal(options) }),
  ]);
  if (kubeSystem.status === 'rejected') throw about(input.member, 'the cluster to join', kubeSystem.reason, options.signal);
  if (registered.status === 'rejected') throw about(input.controlPlane, 'Karmada control plane', registered.reason, options.signal);
  const id = kubeSystem.value.metadata.uid ?? '';
  const conflict = registrationConflict(registered.value.items ?? [], input.clusterName, id);
  if (conflict) throw new ClusterError('conflict', `${input.controlPlane} (Karmada control plane): ${conflict}`);
  const plan = planJoin(input);
  const access = await checkPlanAccess(clients, plan, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (access.some((a) => !a.allowed)) throw new AccessDenied(access);
  const ctx = clients.context(input.member)!;
  const fields = clients.config.clusters.get(ctx.cluster)?.fields ?? {};
  const cluster = clusterObject({
    name: input.clusterName,
    id,
    apiEndpoint: ctx.server ?? '',
    insecureSkipTLSVerification: fields['insecure-skip-tls-verify'] === true,
    proxyURL: typeof fields['proxy-url'] === 'string' ? fields['proxy-url'] : undefined,
    provider: input.provider,
    region: input.region,
    zones: input.zones,
  });
  return { input, plan, cluster };
}

const RBAC = '/apis/rbac.authorization.k8s.io/v1';

/** The collection a planned object lives in. */
export function collectionOf(change: Pick<PlannedChange, 'kind' | 'namespace'>): string {
  switch (change.kind) {
    case 'Namespace': return '/api/v1/namespaces';
    case 'ServiceAccount': return `/api/v1/namespaces/${change.namespace}/serviceaccounts`;
    case 'Secret': return `/api/v1/namespaces/${change.namespace}/secrets`;
    case 'ClusterRole': return `${RBAC}/clusterroles`;
    case 'ClusterRoleBinding': return `${RBAC}/clusterrolebindings`;
    case 'Cluster': return CLUSTERS_PATH;
    default: throw new Error(`no collection known for ${change.kind}`);
  }
}

async function create(clients: ClusterClients, change: PlannedChange, body: KubeObject, options: MembershipOptions): Promise<'created' | 'exists'> {
  try {
    await clients.request(change.cluster, { method: 'POST', path: collectionOf(change), body, query: { fieldManager: 'flotilla' }, signal: requestSignal(options) });
    return 'created';
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'conflict') return 'exists';
    throw err;
  }
}

/** Creates the token Secret of a ServiceAccount unless it exists, and waits until its token is filled. */
async function tokenSecret(clients: ClusterClients, change: PlannedChange, options: MembershipOptions): Promise<{ result: 'created' | 'exists'; secret: KubeObject }> {
  const result = await create(clients, change, {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: change.name, namespace: change.namespace, annotations: { 'kubernetes.io/service-account.name': change.name } },
  }, options);
  const secret = await waitForObject(
    clients, change.cluster, collectionOf(change), change.name,
    (s) => typeof (s?.data as Record<string, string> | undefined)?.token === 'string' && s,
    `the token of ServiceAccount ${change.namespace}/${change.name} (the token controller of kube-controller-manager fills it)`,
    { timeoutMs: options.waitMs ?? 60_000, signal: options.signal },
  );
  return { result, secret };
}

export async function executeJoin(clients: ClusterClients, prep: JoinPreparation, options: MembershipOptions): Promise<MembershipResult> {
  const { clusterName } = prep.input;
  const names = memberNames(clusterName);
  const tokens = new Map<string, Record<string, string>>();
  let owner: { uid: string } | undefined;
  const meta = (change: PlannedChange) => ({ name: change.name, namespace: change.namespace, labels: { ...SYSTEM_LABELS } });
  const run = await runChanges(prep.plan, options, async (change) => {
    const onMember = change.cluster === prep.input.member && change.role === 'cluster to join';
    switch (`${change.action} ${change.kind}`) {
      case 'create Namespace':
        return { result: await create(clients, change, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(change) }, options) };
      case 'create ServiceAccount':
        return { result: await create(clients, change, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(change) }, options) };
      case 'create ClusterRole':
        return {
          result: await create(clients, change, {
            apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(change),
            rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['get'] }],
          }, options),
        };
      case 'create ClusterRoleBinding':
        return {
          result: await create(clients, change, {
            apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(change),
            subjects: [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: CLUSTER_NAMESPACE }],
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: names.clusterRole },
          }, options),
        };
      case 'create Secret': {
        if (onMember) {
          const { result, secret } = await tokenSecret(clients, change, options);
          tokens.set(change.name, secret.data as Record<string, string>);
          return { result, detail: 'token filled' };
        }
        const data = change.name === names.impersonatorSecret
          ? { token: tokens.get(names.impersonator)?.token }
          : { caBundle: tokens.get(names.serviceAccount)?.['ca.crt'], token: tokens.get(names.serviceAccount)?.token };
        const result = await create(clients, change, { apiVersion: 'v1', kind: 'Secret', metadata: meta(change), data }, options);
        if (result === 'exists') {
          // Left by an earlier, interrupted join: it must carry this join's token.
          await clients.request(change.cluster, {
            method: 'PATCH', path: `${collectionOf(change)}/${change.name}`, body: { data }, contentType: 'application/merge-patch+json', signal: requestSignal(options),
          });
          return { result: 'updated', detail: 'existed; token replaced' };
        }
        return { result };
      }
      case 'create Cluster': {
        const created = await clients.request<KubeObject>(change.cluster, {
          method: 'POST', path: CLUSTERS_PATH, body: prep.cluster, query: { fieldManager: 'flotilla' }, signal: requestSignal(options),
        });
        owner = { uid: created.metadata.uid ?? '' };
        const spec = prep.cluster.spec as { apiEndpoint: string; id: string };
        return { result: 'created', detail: `endpoint ${spec.apiEndpoint}, id ${spec.id}` };
      }
      case 'update Secret': {
        const ownerReferences = [{ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', name: clusterName, uid: owner!.uid, controller: true, blockOwnerDeletion: true }];
        await clients.request(change.cluster, {
          method: 'PATCH', path: `${collectionOf(change)}/${change.name}`, body: { metadata: { ownerReferences } }, contentType: 'application/merge-patch+json', signal: requestSignal(options),
        });
        return { result: 'updated', detail: `owned by Cluster ${clusterName}` };
      }
      default:
        throw new Error(`join does not know how to ${change.action} a ${change.kind}`);
    }
  }, failure(options));
  if (!run.ok) return { ...run, final: 'join stopped: nothing after the failed step was changed' };
  let last = '';
  try {
    const ready = await waitForObject(
      clients, prep.input.controlPlane, CLUSTERS_PATH, clusterName,
      (c) => conditionOf(c, 'Ready')?.status === 'True' && conditionOf(c, 'Ready'),
      `Cluster ${clusterName} to become Ready`,
      { timeoutMs: options.waitMs ?? 90_000, signal: options.signal, onChange: (c) => options.onStatus?.((last = readyText(c))) },
    );
    return { ...run, final: `Cluster ${clusterName}: Ready=True${ready.reason ? ` (${ready.reason})` : ''}` };
  } catch (err) {
    const lastSeen = last ? `; last seen: ${last}` : '';
    return { ...run, ok: false, final: `${prep.input.controlPlane} (Karmada control plane): ${toClusterError(err, options.signal).message}${lastSeen}` };
  }
}

export function readyText(cluster: KubeObject | undefined): string {
  if (!cluster) return 'Cluster not found';
  const ready = conditionOf(cluster, 'Ready');
  if (!ready) return `Cluster ${cluster.metadata.name}: no Ready condition yet`;
  return `Cluster ${cluster.metadata.name}: Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${ready.message ? `: ${ready.message}` : ''}`;
}

export interface UnjoinPreparation {
  input: UnjoinInput;
  plan: PlannedChange[];
}

/** The Cluster exists and is in Push mode; the member (when given) answers; every deletion is allowed. */
export async function prepareUnjoin(clients: ClusterClients, input: UnjoinInput, options: MembershipOptions): Promise<UnjoinPreparation> {
  let cluster: KubeObject;
  try {
    cluster = await clients.request<KubeObject>(input.controlPlane, { path: `${CLUSTERS_PATH}/${input.clusterName}`, signal: requestSignal(options) });
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') {
      throw new ClusterError('notFound', `${input.controlPlane} (Karmada control plane): no Cluster named ${input.clusterName}`);
    }
    throw about(input.controlPlane, 'Karmada control plane', err, options.signal);
  }
  if (cluster.spec?.syncMode === 'Pull') {
    throw new ClusterError('invalid', `${input.controlPlane} (Karmada control plane): ${input.clusterName} is a Pull mode member; unregister it from the member's karmada-agent instead`);
  }
  if (input.member) {
    try {
      await clients.request(input.member, { path: '/api/v1/namespaces/kube-system', signal: requestSignal(options) });
    } catch (err) {
      throw about(input.member, 'member', err, options.signal);
    }
  }
  const plan = planUnjoin(input);
  const access = await checkPlanAccess(clients, plan, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (access.some((a) => !a.allowed)) throw new AccessDenied(access);
  return { input, plan };
}

export async function executeUnjoin(clients: ClusterClients, prep: UnjoinPreparation, options: MembershipOptions): Promise<MembershipResult> {
  const { controlPlane, clusterName } = prep.input;
  const remove = async (change: PlannedChange): Promise<'deleted' | 'not found'> => {
    try {
      await clients.request(change.cluster, { method: 'DELETE', path: `${collectionOf(change)}/${change.name}`, signal: requestSignal(options) });
      return 'deleted';
    } catch (err) {
      if (err instanceof ClusterError && err.kind === 'notFound') return 'not found';
      throw err;
    }
  };
  const run = await runChanges(prep.plan, options, async (change) => {
    const result = await remove(change);
    if (change.kind === 'Cluster' && result === 'deleted') {
      await waitForObject(clients, controlPlane, CLUSTERS_PATH, clusterName, (c) => !c, `Cluster ${clusterName} to be removed`, {
        timeoutMs: options.waitMs ?? 120_000, signal: options.signal,
        onChange: (c) => c && options.onStatus?.(`Cluster ${clusterName}: deleting (finalizers: ${((c.metadata.finalizers ?? []) as string[]).join(', ') || 'none'})`),
      });
      return { result, detail: 'gone from the control plane' };
    }
    if (change.kind === 'Secret' && result === 'not found') return { result, detail: 'removed with the Cluster' };
    return { result };
  }, failure(options));
  return { ...run, final: run.ok ? `Cluster ${clusterName} is gone from ${controlPlane}` : 'unjoin stopped at the failed step' };
}
