import { doc, ruleTest } from './support';

const CTP = `apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata:\n  name: not-ready`;
const taints = (lines: string) => doc(CTP, `spec:\n  targetClusters: {clusterNames: [member1]}\n  addOnConditions:\n    - {conditionType: Ready, operator: NotIn, statusValues: ["True"]}\n  taints:\n${lines}`);

ruleTest({
  name: 'a NoExecute taint (off unless the webhook is started with --allow-no-execute-taint-policy)',
  code: 'karmada-taint-policy-no-execute',
  invalid: taints('    - {key: cluster.karmada.io/not-ready, effect: «NoExecute»}'),
  valid: taints('    - {key: cluster.karmada.io/not-ready, effect: NoSchedule}'),
  says: 'spec.taints[0].effect: Forbidden: Configuring taint with NoExecute effect is not allowed',
});

ruleTest({
  name: 'one key and effect twice',
  code: 'karmada-taint-policy-duplicate',
  invalid: taints('    «- {key: cluster.karmada.io/not-ready, effect: NoSchedule}»\n    - {key: cluster.karmada.io/not-ready, value: "x", effect: NoSchedule}'),
  valid: taints('    - {key: cluster.karmada.io/not-ready, effect: NoSchedule}\n    - {key: cluster.karmada.io/not-ready, effect: PreferNoSchedule}'),
  says: 'spec.taints[0]: Duplicate value: "Duplicate taint with the same key(cluster.karmada.io/not-ready) and effect(NoSchedule) is not allowed"',
});
