/**
 * What `karmadactl join` (Push mode) creates and `karmadactl unjoin` deletes, as plans of object changes
 * (pkg/karmadactl/join, pkg/karmadactl/unjoin, pkg/util/credential.go of Karmada v1.18): pure, no I/O.
 */
import type { ResourceAccess } from '../kube/accessReview';
import type { PlannedChange } from '../kube/changePlan';
import type { KubeObject } from '../kube/watch';

/** Where karmadactl keeps member credentials, on both sides (`--cluster-namespace`). */
export const CLUSTER_NAMESPACE = 'karmada-cluster';
export const SYSTEM_LABELS = { 'karmada.io/system': 'true' };
export const CLUSTERS_PATH = '/apis/cluster.karmada.io/v1alpha1/clusters';
const CLUSTER_GROUP = 'cluster.karmada.io';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** names.GenerateServiceAccountName / GenerateRoleName / GenerateImpersonationSecretName. */
export const memberNames = (cluster: string) => {
  const serviceAccount = `karmada-${cluster}`;
  return {
    serviceAccount,
    impersonator: 'karmada-impersonator',
    clusterRole: `karmada-controller-manager:${serviceAccount}`,
    secret: cluster,
    impersonatorSecret: `${cluster}-impersonator`,
  };
};

export interface JoinInput {
  /** Context of the Karmada control plane (karmada-apiserver). */
  controlPlane: string;
  /** Context of the cluster to join. */
  member: string;
  /** The Cluster's name on the control plane. */
  clusterName: string;
}

/** A cluster name Karmada accepts (a DNS label), from a context name: "kind-east_1" → "kind-east-1". */
export function clusterNameFor(context: string): string {
  const name = context.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return name || 'member';
}

/** Why a name cannot be a Karmada Cluster name, or undefined. */
export function invalidClusterName(name: string): string | undefined {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return `"${name}" is not a DNS label (lowercase letters, digits and "-")`;
  if (name.length > 48) return `"${name}" is longer than 48 characters`;
  return undefined;
}

const core = (verb: string, resource: string, namespace?: string, name?: string): ResourceAccess => ({ verb, group: '', resource, namespace, name });
const rbac = (verb: string, resource: string): ResourceAccess => ({ verb, group: RBAC_GROUP, resource });

export function planJoin(input: JoinInput): PlannedChange[] {
  const { member, controlPlane, clusterName } = input;
  const n = memberNames(clusterName);
  const ns = CLUSTER_NAMESPACE;
  const onMember = (c: Omit<PlannedChange, 'cluster' | 'role'>): PlannedChange => ({ cluster: member, role: 'cluster to join', ...c });
  const onPlane = (c: Omit<PlannedChange, 'cluster' | 'role'>): PlannedChange => ({ cluster: controlPlane, role: 'Karmada control plane', ...c });
  const tokenSecret = (sa: string) =>
    onMember({ action: 'create', kind: 'Secret', namespace: ns, name: sa, note: `token of ServiceAccount ${sa}, filled by the token controller`, access: ['create', 'get', 'list', 'watch'].map((verb) => core(verb, 'secrets', ns)) });
  return [
    onMember({ action: 'create', kind: 'Namespace', name: ns, note: 'unless it exists', access: [core('create', 'namespaces')] }),
    onMember({ action: 'create', kind: 'ServiceAccount', namespace: ns, name: n.impersonator, note: 'for impersonation', access: [core('create', 'serviceaccounts', ns)] }),
    tokenSecret(n.impersonator),
    onMember({ action: 'create', kind: 'ServiceAccount', namespace: ns, name: n.serviceAccount, note: 'for karmada-controller-manager', access: [core('create', 'serviceaccounts', ns)] }),
    onMember({ action: 'create', kind: 'ClusterRole', name: n.clusterRole, note: 'every verb on every resource', access: [rbac('create', 'clusterroles')] }),
    onMember({ action: 'create', kind: 'ClusterRoleBinding', name: n.clusterRole, note: `to ServiceAccount ${n.serviceAccount}`, access: [rbac('create', 'clusterrolebindings')] }),
    tokenSecret(n.serviceAccount),
    onPlane({ action: 'create', kind: 'Namespace', name: ns, note: 'unless it exists', access: [core('create', 'namespaces')] }),
    onPlane({ action: 'create', kind: 'Secret', namespace: ns, name: n.impersonatorSecret, note: 'the impersonator token', access: [core('create', 'secrets', ns)] }),
    onPlane({ action: 'create', kind: 'Secret', namespace: ns, name: n.secret, note: 'the member CA and token', access: [core('create', 'secrets', ns)] }),
    onPlane({ action: 'create', kind: 'Cluster', name: clusterName, note: `Push mode, API endpoint from context ${member}`, access: ['create', 'list', 'watch'].map((verb) => ({ verb, group: CLUSTER_GROUP, resource: 'clusters' })) }),
    onPlane({ action: 'update', kind: 'Secret', namespace: ns, name: n.impersonatorSecret, note: 'owned by the Cluster', access: [core('patch', 'secrets', ns)] }),
    onPlane({ action: 'update', kind: 'Secret', namespace: ns, name: n.secret, note: 'owned by the Cluster', access: [core('patch', 'secrets', ns)] }),
  ];
}

export interface UnjoinInput {
  controlPlane: string;
  clusterName: string;
  /** Context of the member, to clean up its side too; without one only the control plane is changed. */
  member?: string;
}

export function planUnjoin(input: UnjoinInput): PlannedChange[] {
  const { controlPlane, clusterName, member } = input;
  const n = memberNames(clusterName);
  const ns = CLUSTER_NAMESPACE;
  const onPlane = (c: Omit<PlannedChange, 'cluster' | 'role'>): PlannedChange => ({ cluster: controlPlane, role: 'Karmada control plane', ...c });
  const plan: PlannedChange[] = [
    onPlane({ action: 'delete', kind: 'Cluster', name: clusterName, note: 'Karmada removes its execution namespace and Works; waits until it is gone',
      access: [{ verb: 'delete', group: CLUSTER_GROUP, resource: 'clusters', name: clusterName }, ...['list', 'watch'].map((verb) => ({ verb, group: CLUSTER_GROUP, resource: 'clusters' }))] }),
    onPlane({ action: 'delete', kind: 'Secret', namespace: ns, name: n.secret, note: 'owned by the Cluster: usually gone with it', access: [core('delete', 'secrets', ns, n.secret)] }),
    onPlane({ action: 'delete', kind: 'Secret', namespace: ns, name: n.impersonatorSecret, note: 'owned by the Cluster: usually gone with it', access: [core('delete', 'secrets', ns, n.impersonatorSecret)] }),
  ];
  if (!member) return plan;
  const onMember = (c: Omit<PlannedChange, 'cluster' | 'role'>): PlannedChange => ({ cluster: member, role: 'member', ...c });
  plan.push(
    onMember({ action: 'delete', kind: 'ClusterRoleBinding', name: n.clusterRole, access: [{ ...rbac('delete', 'clusterrolebindings'), name: n.clusterRole }] }),
    onMember({ action: 'delete', kind: 'ClusterRole', name: n.clusterRole, access: [{ ...rbac('delete', 'clusterroles'), name: n.clusterRole }] }),
    onMember({ action: 'delete', kind: 'ServiceAccount', namespace: ns, name: n.serviceAccount, access: [core('delete', 'serviceaccounts', ns, n.serviceAccount)] }),
    onMember({ action: 'delete', kind: 'Namespace', name: ns, note: 'with the impersonator ServiceAccount and the token Secrets', access: [core('delete', 'namespaces', undefined, ns)] }),
  );
  return plan;
}

export interface ClusterSpecInput {
  name: string;
  /** kube-system's UID on the member (util.ObtainClusterID). */
  id: string;
  apiEndpoint: string;
  insecureSkipTLSVerification?: boolean;
  proxyURL?: string;
  provider?: string;
  region?: string;
  zones?: string[];
}

/** The Cluster object karmadactl's generateClusterInControllerPlane builds. */
export function clusterObject(input: ClusterSpecInput): KubeObject {
  const n = memberNames(input.name);
  const spec: Record<string, unknown> = {
    id: input.id,
    syncMode: 'Push',
    apiEndpoint: input.apiEndpoint,
    secretRef: { namespace: CLUSTER_NAMESPACE, name: n.secret },
    impersonatorSecretRef: { namespace: CLUSTER_NAMESPACE, name: n.impersonatorSecret },
  };
  if (input.provider) spec.provider = input.provider;
  if (input.zones?.length) spec.zones = input.zones;
  if (input.region) spec.region = input.region;
  if (input.insecureSkipTLSVerification) spec.insecureSkipTLSVerification = true;
  if (input.proxyURL) spec.proxyURL = input.proxyURL;
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: input.name }, spec };
}

/** Why the Cluster cannot be registered (RegisterOption.Validate): its name or ID is taken. */
export function registrationConflict(existing: KubeObject[], name: string, id: string): string | undefined {
  const byName = existing.find((c) => c.metadata.name === name);
  if (byName) return `a Cluster named ${name} is already registered`;
  const byId = existing.find((c) => c.spec?.id === id);
  if (byId) return `this cluster (kube-system UID ${id}) is already registered as ${byId.metadata.name}`;
  return undefined;
}
