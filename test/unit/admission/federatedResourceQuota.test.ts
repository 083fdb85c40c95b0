import { doc, ruleTest } from './support';

const FRQ = (name = 'team') => `apiVersion: policy.karmada.io/v1alpha1\nkind: FederatedResourceQuota\nmetadata:\n  name: ${name}\n  namespace: shop`;
const ASSIGNED = '  staticAssignments:\n    - clusterName: member1\n      hard: {cpu: "2", memory: 4Gi}';
const quota = (overall: string, assignments = ASSIGNED, name?: string) => doc(FRQ(name), `spec:\n  overall: {${overall}}\n${assignments}`);

ruleTest({
  name: 'a name longer than a label value',
  code: 'karmada-frq-name',
  invalid: quota('cpu: "4", memory: 8Gi', ASSIGNED, `«${'q'.repeat(64)}»`),
  valid: quota('cpu: "4", memory: 8Gi', ASSIGNED, 'q'.repeat(63)),
  says: 'metadata.name: Invalid value: "qqqq',
});

ruleTest({
  name: 'a standard resource that quotas do not track',
  code: 'karmada-frq-resource-name',
  invalid: quota('cpu: "4", memory: 8Gi, «storage»: 10Gi'),
  valid: quota('cpu: "4", memory: 8Gi, requests.storage: 10Gi, nvidia.com/gpu: "2"'),
  says: 'spec.overall[storage]: Invalid value: "storage": must be a standard resource for quota',
});

ruleTest({
  name: 'half a pod',
  code: 'karmada-frq-quantity',
  invalid: quota('cpu: "4", memory: 8Gi, pods: «"1.5"»'),
  valid: quota('cpu: "4", memory: 8Gi, pods: "2"'),
  says: 'spec.overall[pods]: Invalid value: "1.5": must be an integer',
});

ruleTest({
  name: 'a negative quantity',
  code: 'karmada-frq-quantity',
  invalid: quota('cpu: "4", memory: 8Gi', '  staticAssignments:\n    - clusterName: member1\n      hard: {cpu: «"-1"», memory: 4Gi}'),
  valid: quota('cpu: "4", memory: 8Gi', '  staticAssignments:\n    - clusterName: member1\n      hard: {cpu: "0", memory: 4Gi}'),
  says: 'must be greater than or equal to 0',
});

ruleTest({
  name: 'a cluster name with an underscore',
  code: 'karmada-frq-cluster-name',
  invalid: quota('cpu: "4", memory: 8Gi', '  staticAssignments:\n    - clusterName: «member_1»\n      hard: {cpu: "2"}'),
  valid: quota('cpu: "4", memory: 8Gi', '  staticAssignments:\n    - clusterName: member-1\n      hard: {cpu: "2"}'),
  says: 'spec.staticAssignments[0].clusterName: Invalid value: "member_1"',
});

ruleTest({
  name: 'more assigned than the overall limit',
  code: 'karmada-frq-overall-below-assignments',
  invalid: quota('cpu: «1500m», memory: 8Gi'),
  valid: quota('cpu: 2000m, memory: 8Gi'),
  says: 'spec.overall[cpu]: Invalid value: "1500m": overall is less than assignments',
});

ruleTest({
  name: 'an assignment outside the overall limits',
  code: 'karmada-frq-assignment-outside-overall',
  invalid: quota('cpu: "4", memory: 8Gi', '  staticAssignments:\n    - clusterName: member1\n      hard: {cpu: "2", «pods»: "10"}'),
  valid: quota('cpu: "4", memory: 8Gi, pods: "10"', '  staticAssignments:\n    - clusterName: member1\n      hard: {cpu: "2", pods: "10"}'),
  says: 'spec.staticAssignments[0].hard[pods]: Invalid value: "pods": assignment resourceName is not exist in overall',
});
