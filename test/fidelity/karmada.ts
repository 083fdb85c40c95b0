/**
 * Runs one generated Karmada case on the lab: creates the policy and its Deployment template under the
 * case's fresh name, waits (on a watch) for karmada-scheduler's ResourceBinding result, optionally scales
 * the template and waits for the reschedule, then deletes both. The policy suspends dispatching, so the
 * Works are never applied to the members: the members' free capacity, which dynamic weights read, stays
 * what the fleet made it while cases run side by side.
 */
import type { ClusterClients } from '../../core/kube/clients';
import type { KubeObject } from '../../core/kube/watch';
import { condition, watchUntil } from '../support/watchUntil';
import { KARMADA_NAMESPACE } from './fleet';
import type { KarmadaCase } from './generate';

export interface Scheduled {
  /** cluster -> replicas; undefined when karmada-scheduler could not schedule (then `error` says why). */
  clusters?: Record<string, number>;
  error?: string;
}

export interface KarmadaOutcome {
  template: KubeObject;
  policy: Record<string, unknown>;
  /** The first result, before any scale. */
  first: Scheduled;
  /** The result after scaling to case.scaleTo. */
  scaled?: Scheduled;
}

export function templateOf(c: KarmadaCase, replicas = c.replicas): KubeObject {
  const labels = { app: c.id };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: c.id, namespace: KARMADA_NAMESPACE, labels },
    spec: {
      replicas, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', ...(c.requests ? { resources: { requests: c.requests } } : {}) }] } },
    },
  };
}

export function policyOf(c: KarmadaCase): Record<string, unknown> {
  const cluster = c.policyKind === 'ClusterPropagationPolicy';
  return {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: c.policyKind,
    metadata: { name: c.id, ...(cluster ? {} : { namespace: KARMADA_NAMESPACE }) },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: c.id, ...(cluster ? { namespace: KARMADA_NAMESPACE } : {}) }],
      placement: c.placement,
      suspension: { dispatching: true },
    },
  };
}

const policyPath = (c: KarmadaCase) => c.policyKind === 'ClusterPropagationPolicy'
  ? `/apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies/${c.id}`
  : `/apis/policy.karmada.io/v1alpha1/namespaces/${KARMADA_NAMESPACE}/propagationpolicies/${c.id}`;
const BINDINGS = `/apis/work.karmada.io/v1alpha2/namespaces/${KARMADA_NAMESPACE}/resourcebindings`;
const DEPLOYMENTS = `/apis/apps/v1/namespaces/${KARMADA_NAMESPACE}/deployments`;

function resultOf(rb: KubeObject): Scheduled {
  const conditions = (rb.status?.conditions ?? []) as { type: string; status: string; reason?: string; message?: string }[];
  const scheduled = conditions.find((x) => x.type === 'Scheduled');
  if (scheduled?.status !== 'True') return { error: `${scheduled?.reason ?? 'Unscheduled'}: ${scheduled?.message ?? ''}` };
  const clusters = (rb.spec?.clusters ?? []) as { name: string; replicas?: number }[];
  return { clusters: Object.fromEntries(clusters.map((x) => [x.name, x.replicas ?? 0])) };
}

/** The binding once the scheduler has answered for its current generation and `replicas`. */
function answered(rb: KubeObject | undefined, replicas: number): KubeObject | undefined {
  if (!rb || rb.spec?.replicas !== replicas) return undefined;
  const state = condition(rb, 'Scheduled');
  if (state === 'False') return rb;
  const observed = rb.status?.schedulerObservedGeneration as number | undefined;
  return state === 'True' && observed === (rb.metadata.generation as number) ? rb : undefined;
}

async function waitScheduled(clients: ClusterClients, c: KarmadaCase, replicas: number): Promise<KubeObject> {
  return watchUntil(clients, 'host', BINDINGS, (items) => answered(items.find((i) => i.metadata.name === `${c.id}-deployment`), replicas), `karmada-scheduler to schedule ${c.id} (${replicas} replicas)`, 60_000);
}

/** `beforeScale` gets the first binding and the template as created, just before the template is scaled. */
export async function runKarmadaCase(clients: ClusterClients, c: KarmadaCase, hooks: { beforeScale?: (binding: KubeObject, template: KubeObject) => Promise<void> } = {}): Promise<KarmadaOutcome> {
  const policy = policyOf(c);
  await clients.request('host', { method: 'POST', path: policyPath(c).replace(/\/[^/]+$/, ''), body: policy });
  let created: KubeObject | undefined;
  try {
    created = await clients.request<KubeObject>('host', { method: 'POST', path: DEPLOYMENTS, body: templateOf(c) });
    const firstBinding = await waitScheduled(clients, c, c.replicas);
    const outcome: KarmadaOutcome = { template: created, policy, first: resultOf(firstBinding) };
    if (c.scaleTo !== undefined && outcome.first.clusters) {
      await hooks.beforeScale?.(firstBinding, created);
      const scaled = await clients.request<KubeObject>('host', {
        method: 'PATCH', path: `${DEPLOYMENTS}/${c.id}`, contentType: 'application/merge-patch+json', body: { spec: { replicas: c.scaleTo } },
      });
      outcome.template = scaled;
      outcome.scaled = resultOf(await waitScheduled(clients, c, c.scaleTo));
    }
    return outcome;
  } finally {
    if (created) await clients.request('host', { method: 'DELETE', path: `${DEPLOYMENTS}/${c.id}` });
    await clients.request('host', { method: 'DELETE', path: policyPath(c) });
  }
}
