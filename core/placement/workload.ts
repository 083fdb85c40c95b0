import { asArray, asNumber, field, identityOf, type ObjectIdentity } from './objects';
import { parseResourceList, type ResourceList } from './quantity';

/** What the schedulers need from the resource being placed: identity, replicas, per-replica requests. */
export interface Workload extends ObjectIdentity {
  /** spec.replicas for workloads (Deployment default 1), 0 for resources without replicas. */
  replicas: number;
  /** Sum of the containers' requests per replica, in milli-units; empty when nothing is requested. */
  requests: ResourceList;
}

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'FederatedDeployment', 'FederatedReplicaSet']);

function podSpecOf(object: unknown, kind: string): unknown {
  if (kind === 'Pod') return field(object, 'spec');
  if (kind === 'Job') return field(object, 'spec', 'template', 'spec');
  if (kind.startsWith('Federated')) return field(object, 'spec', 'template', 'spec', 'template', 'spec');
  return field(object, 'spec', 'template', 'spec');
}

function sumRequests(podSpec: unknown): ResourceList {
  const total: ResourceList = {};
  for (const container of asArray(field(podSpec, 'containers'))) {
    for (const [name, milli] of Object.entries(parseResourceList(field(container, 'resources', 'requests')))) {
      total[name] = (total[name] ?? 0) + milli;
    }
  }
  return total;
}

function replicasOf(object: unknown, kind: string): number {
  if (kind === 'Pod') return 1;
  if (kind === 'Job') return asNumber(field(object, 'spec', 'parallelism')) ?? 1;
  if (kind.startsWith('Federated')) return asNumber(field(object, 'spec', 'template', 'spec', 'replicas')) ?? 1;
  if (REPLICATED_KINDS.has(kind)) return asNumber(field(object, 'spec', 'replicas')) ?? 1;
  return asNumber(field(object, 'spec', 'replicas')) ?? 0;
}

export function parseWorkload(object: unknown): Workload {
  const id = identityOf(object);
  return { ...id, replicas: Math.max(0, replicasOf(object, id.kind)), requests: sumRequests(podSpecOf(object, id.kind)) };
}
