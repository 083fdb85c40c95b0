import { scheduleKarmada } from './karmada/schedule';
import { scheduleRsp, type RspOptions } from './kubefed/rsp';
import { parseMemberClusters } from './members';
import { identityOf } from './objects';
import { failed, type PlacementOutcome } from './result';
import { scheduleOcmPlacement } from './ocm/placement';
import { parseWorkload } from './workload';

export const PLACEMENT_KINDS = new Set(['PropagationPolicy', 'ClusterPropagationPolicy', 'Placement', 'ReplicaSchedulingPreference']);

export interface PlanInput {
  /** A PropagationPolicy, ClusterPropagationPolicy, OCM Placement or KubeFed ReplicaSchedulingPreference. */
  policy: unknown;
  /** The resource placed (for an RSP, the FederatedDeployment it targets; unused for OCM Placement). */
  resource?: unknown;
  /** Cluster, KubeFedCluster or ManagedCluster objects (Lists allowed). */
  clusters: unknown[];
  /** Other objects in play: ManagedClusterSets and bindings for OCM. */
  documents?: unknown[];
  rsp?: RspOptions;
  /** Karmada: the ResourceBinding's current spec.clusters, when the resource is already scheduled (scale up/down). */
  previous?: { name: string; replicas: number }[];
}

/** The single entry point the CLI, the CodeLens and the explain command share. */
export function planPlacement(input: PlanInput): PlacementOutcome {
  const kind = identityOf(input.policy).kind;
  const members = parseMemberClusters(input.clusters);
  switch (kind) {
    case 'PropagationPolicy':
    case 'ClusterPropagationPolicy': {
      if (input.resource === undefined) return failed('karmada', '', 'a resource is needed to place a propagation policy', []);
      const karmadaMembers = members.filter((m) => m.kind === 'Cluster');
      return scheduleKarmada(input.policy, parseWorkload(input.resource), karmadaMembers.length ? karmadaMembers : members, input.resource, input.previous);
    }
    case 'ReplicaSchedulingPreference': {
      const kubefedMembers = members.filter((m) => m.kind === 'KubeFedCluster');
      return scheduleRsp(input.policy, input.resource, kubefedMembers.length ? kubefedMembers : members, input.rsp);
    }
    case 'Placement':
      return scheduleOcmPlacement(input.policy, members.filter((m) => m.kind === 'ManagedCluster'), [...(input.documents ?? []), ...input.clusters]);
    default:
      return failed('karmada', '', `${kind || 'the document'} is not a placement policy (expected ${[...PLACEMENT_KINDS].join(', ')})`, []);
  }
}
