/**
 * A seeded GitOps repository as platform teams keep one: per app a base (Deployment, Service, ConfigMap,
 * ServiceExport, ServiceAccount), the federation's policies in their own file (Karmada PropagationPolicy and
 * OverridePolicy, or an OCM Placement), and one overlay per member it runs on (an OverridePolicy naming the
 * member, or a ManifestWork in the member's namespace, plus the member's ConfigMap). Per namespace a
 * ClusterPropagationPolicy selects its backends by label and ManagedClusterSetBindings bind the sets OCM
 * Placements use. A few deliberate mistakes (a misspelt member, a ServiceExport without Service, a
 * selector naming nothing) give the checks something to report.
 *
 * Files are returned as texts; `writeGitopsRepo` writes them under a directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GitopsOptions {
  /** Apps; each gives 5 files and 25 documents (4,000 apps: 20,000 files, 100,000 documents). */
  apps: number;
  members?: number;
  namespaces?: number;
  seed?: number;
}

export interface GitopsRepo {
  /** Path relative to the repository root -> text. */
  files: Map<string, string>;
  documents: number;
  members: string[];
  /** The file of member Cluster and ManagedCluster objects (for flotilla.clusters). */
  clustersFile: string;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OVERLAYS_PER_APP = 3;

export function generateGitopsRepo(options: GitopsOptions): GitopsRepo {
  const random = seededRandom(options.seed ?? 1);
  const memberCount = options.members ?? 20;
  const namespaceCount = options.namespaces ?? 40;
  const members = Array.from({ length: memberCount }, (_, i) => `member${i + 1}`);
  const files = new Map<string, string>();
  let documents = 0;
  const add = (file: string, docs: string[]) => {
    files.set(file, docs.join('---\n'));
    documents += docs.length;
  };
  const clustersFile = 'clusters/members.yaml';
  add(clustersFile, members.flatMap((m, i) => [karmadaCluster(m, i), managedCluster(m, i)]));
  for (let n = 0; n < namespaceCount; n++) {
    const ns = `team-${n}`;
    add(`platform/${ns}/policies.yaml`, [teamPolicy(ns), clusterSetBinding(ns, 'prod'), clusterSetBinding(ns, 'edge'), namespace(ns)]);
  }
  for (let i = 0; i < options.apps; i++) {
    const ns = `team-${i % namespaceCount}`;
    const app = `app-${i}`;
    const tier = random() < 0.5 ? 'backend' : 'frontend';
    const ocm = random() < 0.3;
    const dir = `apps/${ns}/${app}`;
    const exportsMissing = random() < 0.01;
    add(`${dir}/base.yaml`, [deployment(app, ns, tier, 1 + Math.floor(random() * 6)), exportsMissing ? configMap(`${app}-extra`, ns, 'x') : service(app, ns), configMap(`${app}-config`, ns, 'base'), serviceExport(app, ns), serviceAccount(app, ns)]);
    const onto = pick(members, OVERLAYS_PER_APP, random);
    if (ocm) add(`${dir}/placement.yaml`, [placement(app, ns, random() < 0.5 ? 'prod' : 'edge', onto.length), configMap(`${app}-ocm`, ns, 'ocm'), ...Array.from({ length: 3 }, (_, k) => configMap(`${app}-flags-${k}`, ns, 'flags'))]);
    else add(`${dir}/karmada.yaml`, [propagationPolicy(app, ns, onto, random), overridePolicy(app, ns, random), ...Array.from({ length: 3 }, (_, k) => configMap(`${app}-flags-${k}`, ns, 'flags'))]);
    for (const member of onto) {
      const docs = ocm
        ? [manifestWork(app, ns, member), configMap(`${app}-${member}`, ns, member)]
        : [memberOverride(app, ns, member, random), configMap(`${app}-${member}`, ns, member)];
      while (docs.length < 5) docs.push(configMap(`${app}-${member}-${docs.length}`, ns, member));
      add(`${dir}/overlays/${member}.yaml`, docs);
    }
  }
  return { files, documents, members, clustersFile };
}

export function writeGitopsRepo(repo: GitopsRepo, root: string): void {
  const dirs = new Set<string>();
  for (const [file, text] of repo.files) {
    const full = path.join(root, file);
    const dir = path.dirname(full);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(full, text);
  }
}

function pick<T>(from: T[], count: number, random: () => number): T[] {
  const copy = [...from];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

function karmadaCluster(name: string, i: number): string {
  return `apiVersion: cluster.karmada.io/v1alpha1
kind: Cluster
metadata:
  name: ${name}
  labels:
    region: region-${i % 4}
spec:
  apiEndpoint: https://${name}.example:6443
  region: region-${i % 4}
  zone: zone-${i % 8}
`;
}

function managedCluster(name: string, i: number): string {
  return `apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata:
  name: ${name}
  labels:
    cluster.open-cluster-management.io/clusterset: ${i % 2 ? 'edge' : 'prod'}
spec:
  hubAcceptsClient: true
`;
}

function namespace(ns: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
`;
}

function teamPolicy(ns: string): string {
  return `apiVersion: policy.karmada.io/v1alpha1
kind: ClusterPropagationPolicy
metadata:
  name: ${ns}-backends
spec:
  priority: 1
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      namespace: ${ns}
      labelSelector:
        matchLabels:
          tier: backend
  placement:
    clusterAffinity:
      labelSelector:
        matchLabels:
          region: region-${ns.length % 4}
`;
}

function clusterSetBinding(ns: string, set: string): string {
  return `apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata:
  name: ${set}
  namespace: ${ns}
spec:
  clusterSet: ${set}
`;
}

function deployment(app: string, ns: string, tier: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
    tier: ${tier}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
        tier: ${tier}
    spec:
      serviceAccountName: ${app}
      containers:
        - name: main
          image: registry.example/${app}:1.0.${replicas}
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${app}-config
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
`;
}

function service(app: string, ns: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: ${app}
  ports:
    - port: 80
      targetPort: 8080
`;
}

function configMap(name: string, ns: string, flavour: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
data:
  LOG_LEVEL: info
  FLAVOUR: ${flavour}
`;
}

function serviceExport(app: string, ns: string): string {
  return `apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata:
  name: ${app}
  namespace: ${ns}
`;
}

function serviceAccount(app: string, ns: string): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
`;
}

function propagationPolicy(app: string, ns: string, onto: string[], random: () => number): string {
  // One policy in 100 names a member that does not exist (a typo), one in 100 a Deployment that does not.
  const names = onto.map((m) => (random() < 0.01 ? m.replace('member', 'membr') : m));
  const target = random() < 0.01 ? `${app}-old` : app;
  const byLabel = random() < 0.25;
  const workload = byLabel
    ? `    - apiVersion: apps/v1
      kind: Deployment
      labelSelector:
        matchLabels:
          app: ${app}`
    : `    - apiVersion: apps/v1
      kind: Deployment
      name: ${target}`;
  return `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  resourceSelectors:
${workload}
    - apiVersion: v1
      kind: Service
      name: ${app}
    - apiVersion: v1
      kind: ConfigMap
      name: ${app}-config
  placement:
    clusterAffinity:
      clusterNames:
${names.map((n) => `        - ${n}`).join('\n')}
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
${onto.map((m, i) => `          - targetCluster:\n              clusterNames:\n                - ${m}\n            weight: ${i + 1}`).join('\n')}
`;
}

function overridePolicy(app: string, ns: string, random: () => number): string {
  const path = random() < 0.02 ? '/spec/template/spec/containers/0/imagee' : '/spec/template/spec/containers/0/image';
  return `apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata:
  name: ${app}-images
  namespace: ${ns}
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: ${app}
  overrideRules:
    - overriders:
        imageOverrider:
          - predicate:
              path: ${path}
            component: Registry
            operator: replace
            value: mirror.example
`;
}

function memberOverride(app: string, ns: string, member: string, random: () => number): string {
  return `apiVersion: policy.karmada.io/v1alpha1
kind: OverridePolicy
metadata:
  name: ${app}-${member}
  namespace: ${ns}
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: ${app}
  overrideRules:
    - targetCluster:
        clusterNames:
          - ${member}
      overriders:
        plaintext:
          - path: /spec/replicas
            operator: replace
            value: ${1 + Math.floor(random() * 4)}
        argsOverrider:
          - containerName: main
            operator: add
            value:
              - --cluster=${member}
`;
}

function placement(app: string, ns: string, set: string, count: number): string {
  return `apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  numberOfClusters: ${count}
  clusterSets:
    - ${set}
`;
}

function manifestWork(app: string, ns: string, member: string): string {
  return `apiVersion: work.open-cluster-management.io/v1
kind: ManifestWork
metadata:
  name: ${ns}-${app}
  namespace: ${member}
spec:
  workload:
    manifests:
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ${app}-config
          namespace: ${ns}
        data:
          CLUSTER: ${member}
`;
}
