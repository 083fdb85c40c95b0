/** Builders for the API objects the placement tests feed the engines. */
export interface ClusterOptions {
  labels?: Record<string, string>;
  provider?: string;
  region?: string;
  zone?: string;
  taints?: { key: string; value?: string; effect: string }[];
  apiEnablements?: { groupVersion: string; resources: { name: string; kind: string }[] }[];
  resourceSummary?: { allocatable?: Record<string, string>; allocated?: Record<string, string>; allocating?: Record<string, string> };
  deleting?: boolean;
}

export function karmadaCluster(name: string, options: ClusterOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, labels: options.labels ?? {}, ...(options.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { apiEndpoint: `https://${name}.example:6443`, provider: options.provider, region: options.region, zone: options.zone, taints: options.taints },
    status: { apiEnablements: options.apiEnablements, resourceSummary: options.resourceSummary },
  };
}

export function deployment(replicas: number, extra: { uid?: string; cpu?: string; name?: string; namespace?: string; labels?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: extra.name ?? 'web', namespace: extra.namespace ?? 'default', uid: extra.uid, labels: extra.labels ?? { app: 'web' } },
    spec: {
      replicas,
      template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: extra.cpu ? { requests: { cpu: extra.cpu } } : {} }] } },
    },
  };
}

export function propagationPolicy(placement: Record<string, unknown>, name = 'web'): Record<string, unknown> {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: 'default' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }], placement },
  };
}

export function staticWeights(weights: Record<string, number>): Record<string, unknown> {
  return {
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { staticWeightList: Object.entries(weights).map(([name, weight]) => ({ targetCluster: { clusterNames: [name] }, weight })) },
    },
  };
}

export function replicasByName(outcome: { clusters: { name: string; replicas?: number }[] }): Record<string, number | undefined> {
  return Object.fromEntries(outcome.clusters.map((c) => [c.name, c.replicas]));
}

/** An OCM ManagedCluster with labels, and optionally taints and ClusterClaims. */
export function managedCluster(name: string, labels: Record<string, string>, extra: { taints?: unknown[]; claims?: Record<string, string> } = {}) {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels },
    spec: { hubAcceptsClient: true, taints: extra.taints },
    status: { clusterClaims: Object.entries(extra.claims ?? {}).map(([n, value]) => ({ name: n, value })) },
  };
}
