/** Mutations for MultiClusterService, FederatedResourceQuota, ClusterTaintPolicy and Jobs. */
import { accepted, obj, spec, variant, type AdmissionMutation, type Doc } from './mutation';

export function multiClusterServiceMutations(seed: Doc): AdmissionMutation[] {
  const types = (d: Doc, value: string[]) => {
    spec(d).types = value;
  };
  const ports = (d: Doc, ...value: Doc[]) => {
    spec(d).ports = value;
  };
  return [
    variant(seed, 'karmada-mcs-name', 'name "1-web"', (d) => {
      obj(d, 'metadata').name = '1-web';
    }),
    variant(seed, 'karmada-mcs-port-name', 'port name "HTTP"', (d) => ports(d, { name: 'HTTP', port: 80 })),
    variant(seed, 'karmada-mcs-port-name', 'two ports named "http"', (d) => ports(d, { name: 'http', port: 80 }, { name: 'http', port: 8080 })),
    variant(seed, 'karmada-mcs-port-number', 'port 0', (d) => ports(d, { name: 'http', port: 0 })),
    variant(seed, 'karmada-mcs-type', 'type Ingress', (d) => types(d, ['Ingress'])),
    variant(seed, 'karmada-mcs-types-single', 'CrossCluster and LoadBalancer', (d) => types(d, ['CrossCluster', 'LoadBalancer'])),
    accepted(seed, 'karmada-mcs-types-single', 'CrossCluster twice', (d) => types(d, ['CrossCluster', 'CrossCluster'])),
    variant(seed, 'karmada-mcs-cluster-name', 'provider cluster "Member_1"', (d) => {
      spec(d).providerClusters = [{ name: 'Member_1' }];
    }),
  ];
}

export function federatedResourceQuotaMutations(seed: Doc): AdmissionMutation[] {
  const quota = (d: Doc, overall: Doc, assignments?: Doc[]) => {
    spec(d).overall = overall;
    if (assignments) spec(d).staticAssignments = assignments;
    else delete spec(d).staticAssignments;
  };
  const member1 = (hard: Doc) => [{ clusterName: 'member1', hard }];
  return [
    variant(seed, 'karmada-frq-name', 'a 64-character name', (d) => {
      obj(d, 'metadata').name = 'q'.repeat(64);
    }),
    variant(seed, 'karmada-frq-resource-name', 'overall storage', (d) => quota(d, { cpu: '4', storage: '10Gi' })),
    variant(seed, 'karmada-frq-quantity', 'half a pod', (d) => quota(d, { pods: '1.5' })),
    variant(seed, 'karmada-frq-cluster-name', 'cluster "member_1"', (d) => quota(d, { cpu: '4' }, [{ clusterName: 'member_1', hard: { cpu: '1' } }])),
    variant(seed, 'karmada-frq-overall-below-assignments', 'cpu 1 overall, 2 assigned', (d) => quota(d, { cpu: '1' }, member1({ cpu: '2' }))),
    accepted(seed, 'karmada-frq-overall-below-assignments', 'cpu 2 overall, 2000m assigned', (d) => quota(d, { cpu: '2' }, member1({ cpu: '2000m' }))),
    variant(seed, 'karmada-frq-assignment-outside-overall', 'pods assigned, not in overall', (d) => quota(d, { cpu: '4' }, member1({ cpu: '1', pods: '10' }))),
    variant(seed, 'null-value', 'staticAssignments: null', (d) => {
      spec(d).staticAssignments = null;
    }),
  ];
}

export function clusterTaintPolicyMutations(seed: Doc): AdmissionMutation[] {
  const taints = (d: Doc, ...value: Doc[]) => {
    spec(d).taints = value;
  };
  const notReady = (effect: string, extra: Doc = {}) => ({ key: 'cluster.karmada.io/not-ready', effect, ...extra });
  return [
    variant(seed, 'karmada-taint-policy-no-execute', 'a NoExecute taint', (d) => taints(d, notReady('NoExecute')), { note: 'unless the webhook runs with --allow-no-execute-taint-policy' }),
    variant(seed, 'karmada-taint-policy-duplicate', 'one key and effect twice', (d) => taints(d, notReady('NoSchedule'), notReady('NoSchedule', { value: 'x' }))),
    accepted(seed, 'karmada-taint-policy-duplicate', 'one key with two effects', (d) => taints(d, notReady('NoSchedule'), notReady('PreferNoSchedule'))),
  ];
}

export function jobMutations(seed: Doc): AdmissionMutation[] {
  const podSpec = (d: Doc) => (d.kind === 'CronJob' ? obj(obj(obj(obj(spec(d), 'jobTemplate'), 'spec'), 'template'), 'spec') : obj(obj(spec(d), 'template'), 'spec'));
  return [
    variant(seed, 'job-restart-policy', 'restartPolicy Always', (d) => {
      podSpec(d).restartPolicy = 'Always';
    }),
    variant(seed, 'job-restart-policy', 'no restartPolicy', (d) => {
      delete podSpec(d).restartPolicy;
    }),
    accepted(seed, 'job-restart-policy', 'restartPolicy Never', (d) => {
      podSpec(d).restartPolicy = 'Never';
    }),
    accepted(seed, 'null-value', 'backoffLimit: null (a built-in kind reads it as unset)', (d) => {
      const job = d.kind === 'CronJob' ? obj(obj(spec(d), 'jobTemplate'), 'spec') : spec(d);
      job.backoffLimit = null;
    }),
  ];
}
