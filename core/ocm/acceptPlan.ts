/**
 * What `clusteradm accept` does on an OCM hub (approve the cluster's pending CSRs, set hubAcceptsClient),
 * and what detaching a cluster from the hub does, as plans of object changes: pure, no I/O.
 */
import type { ResourceAccess } from '../kube/accessReview';
import type { PlannedChange } from '../kube/changePlan';
import type { KubeObject } from '../kube/watch';

export const MANAGED_CLUSTERS_PATH = '/apis/cluster.open-cluster-management.io/v1/managedclusters';
export const CSRS_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
/** The label the registration agent puts on its CSRs. */
export const CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';
const CERTIFICATES_GROUP = 'certificates.k8s.io';
const CLUSTER_GROUP = 'cluster.open-cluster-management.io';

export interface Csr {
  name: string;
  requester: string;
  signerName: string;
  state: 'pending' | 'approved' | 'denied';
}

export function csrOf(obj: KubeObject): Csr {
  const conditions = (obj.status?.conditions ?? []) as { type: string }[];
  const state = conditions.some((c) => c.type === 'Denied') ? 'denied' : conditions.some((c) => c.type === 'Approved') ? 'approved' : 'pending';
  return { name: obj.metadata.name, requester: String(obj.spec?.username ?? ''), signerName: String(obj.spec?.signerName ?? ''), state };
}

/**
 * A CSR that accepting the cluster approves: made with a bootstrap identity (a bootstrap token, or a
 * ServiceAccount of the open-cluster-management namespace, as clusteradm's bootstrap credentials are) or
 * by the cluster's own registration agent renewing its certificate. Anyone can label a CSR; the requester
 * is what the API server vouches for.
 */
export function isRegistrationRequest(obj: KubeObject, clusterName: string): boolean {
  const username = String(obj.spec?.username ?? '');
  const groups = (obj.spec?.groups ?? []) as string[];
  return (
    username.startsWith('system:bootstrap:') ||
    groups.includes('system:serviceaccounts:open-cluster-management') ||
    username.startsWith(`system:open-cluster-management:${clusterName}:`)
  );
}

export interface AcceptFacts {
  hub: string;
  clusterName: string;
  managedCluster: KubeObject;
  /** The CSRs labelled with the cluster's name. */
  csrs: KubeObject[];
}

export interface AcceptPlan {
  changes: PlannedChange[];
  /** Why the cluster cannot be accepted (no request to approve, a denied one), or undefined. */
  problem?: string;
  /** CSRs labelled for the cluster that accept leaves alone, with why. */
  ignored: string[];
}

const approval = (signerName: string): ResourceAccess[] => [
  { verb: 'update', group: CERTIFICATES_GROUP, resource: 'certificatesigningrequests', subresource: 'approval' },
  { verb: 'approve', group: CERTIFICATES_GROUP, resource: 'signers', name: signerName },
];

export function planAccept(facts: AcceptFacts): AcceptPlan {
  const { hub, clusterName } = facts;
  const changes: PlannedChange[] = [];
  const ignored: string[] = [];
  const mine = facts.csrs.filter((c) => c.metadata.labels?.[CLUSTER_NAME_LABEL] === clusterName);
  let approved = 0;
  for (const obj of mine) {
    const csr = csrOf(obj);
    if (!isRegistrationRequest(obj, clusterName)) {
      ignored.push(`${csr.name}: requested by ${csr.requester}, not a bootstrap identity nor ${clusterName}'s agent`);
      continue;
    }
    if (csr.state === 'denied') return { changes: [], ignored, problem: `CSR ${csr.name} of ${clusterName} was denied; the agent must ask again` };
    if (csr.state === 'approved') {
      approved++;
      continue;
    }
    changes.push({
      cluster: hub, role: 'OCM hub', action: 'approve', kind: 'CertificateSigningRequest', name: csr.name,
      note: `requested by ${csr.requester} for ${csr.signerName}`, access: approval(csr.signerName),
    });
  }
  const accepted = facts.managedCluster.spec?.hubAcceptsClient === true;
  if (!changes.length && !approved) {
    return { changes: [], ignored, problem: `no certificate request from ${clusterName}'s registration agent to approve on ${hub}: is its klusterlet running?` };
  }
  if (!accepted) {
    changes.push({
      cluster: hub, role: 'OCM hub', action: 'update', kind: 'ManagedCluster', name: clusterName, note: 'spec.hubAcceptsClient: true',
      access: [
        { verb: 'update', group: CLUSTER_GROUP, resource: 'managedclusters', name: clusterName },
        // Following it to Joined and Available, and the agent's lease.
        ...['list', 'watch'].map((verb) => ({ verb, group: CLUSTER_GROUP, resource: 'managedclusters' })),
        ...['list', 'watch'].map((verb) => ({ verb, group: 'coordination.k8s.io', resource: 'leases', namespace: clusterName })),
        // OCM's admission webhook asks this of whoever changes hubAcceptsClient.
        { verb: 'update', group: 'register.open-cluster-management.io', resource: 'managedclusters', subresource: 'accept', name: clusterName },
      ],
    });
  }
  if (!changes.length) return { changes, ignored, problem: `${clusterName} is already accepted on ${hub} and has no pending certificate request` };
  return { changes, ignored };
}

export type DetachMode = 'deny' | 'remove';

/**
 * deny: spec.hubAcceptsClient false; the hub's registration controller revokes the agent's access and
 * the cluster stays registered, pending, ready to be accepted again. remove: delete the ManagedCluster
 * too; the hub cleans up its RBAC and the cluster disappears (its klusterlet should be unjoined first, or
 * it keeps knocking with a certificate nobody honours).
 */
export function planDetach(hub: string, clusterName: string, managedCluster: KubeObject, mode: DetachMode): PlannedChange[] {
  const changes: PlannedChange[] = [];
  if (managedCluster.spec?.hubAcceptsClient === true) {
    changes.push({
      cluster: hub, role: 'OCM hub', action: 'update', kind: 'ManagedCluster', name: clusterName,
      note: 'spec.hubAcceptsClient: false; the hub revokes the agent\'s access',
      access: [{ verb: 'update', group: CLUSTER_GROUP, resource: 'managedclusters', name: clusterName }, ...['list', 'watch'].map((verb) => ({ verb, group: CLUSTER_GROUP, resource: 'managedclusters' }))],
    });
  }
  if (mode === 'remove') {
    changes.push({
      cluster: hub, role: 'OCM hub', action: 'delete', kind: 'ManagedCluster', name: clusterName,
      note: 'the hub cleans up its RBAC and leases', access: [{ verb: 'delete', group: CLUSTER_GROUP, resource: 'managedclusters', name: clusterName }],
    });
  }
  return changes;
}
