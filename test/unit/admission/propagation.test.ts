import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissionFound, doc, PROPAGATION_POLICY as PP, ruleTest, SELECTORS } from './support';

const placement = (lines: string) => doc(PP, `${SELECTORS}\n  placement:\n${lines}`);
const AGGREGATED = '    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}';

ruleTest({
  name: 'clusterAffinity and clusterAffinities together',
  code: 'karmada-affinity-exclusive',
  invalid: placement('    clusterAffinity: {clusterNames: [member1]}\n    «clusterAffinities»:\n      - {affinityName: primary, clusterNames: [member1]}'),
  valid: placement('    clusterAffinities:\n      - {affinityName: primary, clusterNames: [member1]}'),
  says: 'spec.placement: Invalid value: clusterAffinities cannot co-exist with clusterAffinity',
});

ruleTest({
  name: 'overflow affinities with duplicated replicas',
  code: 'karmada-overflow-scheduling',
  invalid: placement('    clusterAffinities:\n      - affinityName: primary\n        clusterNames: [member1]\n        «overflowAffinities»:\n          - {affinityName: burst, clusterNames: [member2]}'),
  valid: placement(`${AGGREGATED}\n    clusterAffinities:\n      - affinityName: primary\n        clusterNames: [member1]\n        overflowAffinities:\n          - {affinityName: burst, clusterNames: [member2]}`),
  says: 'overflowAffinities can only be used together with dynamic weight or aggregated scheduling',
});

ruleTest({
  name: 'a field selector on an unsupported key',
  code: 'karmada-field-selector-key',
  invalid: placement('    clusterAffinity:\n      fieldSelector:\n        matchExpressions:\n          - {key: «flavor», operator: In, values: [a]}'),
  valid: placement('    clusterAffinity:\n      fieldSelector:\n        matchExpressions:\n          - {key: region, operator: In, values: [a]}'),
  says: 'spec.placement.clusterAffinity.fieldSelector: Invalid value: unsupported key "flavor", must be provider, region, or zone',
});

ruleTest({
  name: 'a field selector with Exists',
  code: 'karmada-field-selector-operator',
  invalid: placement('    clusterAffinity:\n      fieldSelector:\n        matchExpressions:\n          - {key: region, operator: «Exists»}'),
  valid: placement('    clusterAffinity:\n      fieldSelector:\n        matchExpressions:\n          - {key: region, operator: NotIn, values: [eu]}'),
  says: 'unsupported operator "Exists", must be In or NotIn',
});

ruleTest({
  name: 'an affinity name that is not a label key',
  code: 'karmada-affinity-name',
  invalid: placement('    clusterAffinities:\n      - {affinityName: «bad name», clusterNames: [member1]}'),
  valid: placement('    clusterAffinities:\n      - {affinityName: bad-name, clusterNames: [member1]}'),
  says: "spec.placement.clusterAffinities[0]: Invalid value: \"bad name\": name part must consist of alphanumeric characters, '-', '_' or '.'",
});

ruleTest({
  name: 'two affinity terms with one name',
  code: 'karmada-affinity-name-unique',
  invalid: placement('    clusterAffinities:\n      - {affinityName: primary, clusterNames: [member1]}\n      - {affinityName: «primary», clusterNames: [member2]}'),
  valid: placement('    clusterAffinities:\n      - {affinityName: primary, clusterNames: [member1]}\n      - {affinityName: backup, clusterNames: [member2]}'),
  says: 'each affinity term in a policy must have a unique name',
});

ruleTest({
  name: 'overflow affinities on a term that selects nothing itself',
  code: 'karmada-overflow-needs-affinity',
  invalid: placement(`${AGGREGATED}\n    clusterAffinities:\n      - affinityName: primary\n        «overflowAffinities»:\n          - {affinityName: burst, clusterNames: [member2]}`),
  valid: placement(`${AGGREGATED}\n    clusterAffinities:\n      - affinityName: primary\n        clusterNames: [member1]\n        overflowAffinities:\n          - {affinityName: burst, clusterNames: [member2]}`),
  says: 'overflowAffinities can only be used together with the inline ClusterAffinity',
});

ruleTest({
  name: "an overflow affinity named like its term",
  code: 'karmada-overflow-name-unique',
  invalid: placement(`${AGGREGATED}\n    clusterAffinities:\n      - affinityName: primary\n        clusterNames: [member1]\n        overflowAffinities:\n          - {affinityName: «primary», clusterNames: [member2]}`),
  valid: placement(`${AGGREGATED}\n    clusterAffinities:\n      - affinityName: primary\n        clusterNames: [member1]\n        overflowAffinities:\n          - {affinityName: burst, clusterNames: [member2]}`),
  says: "overflow affinity name must be unique and must not duplicate the primary group's affinityName",
});

ruleTest({
  name: 'spreadByField and spreadByLabel in one constraint',
  code: 'karmada-spread-field-and-label',
  invalid: placement('    spreadConstraints:\n      - {spreadByField: cluster, spreadByLabel: «zone», minGroups: 1}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 1}'),
  says: 'spec.placement.spreadConstraints[0]: Invalid value: spreadByLabel should not co-exist with spreadByField',
});

ruleTest({
  name: 'negative minGroups',
  code: 'karmada-spread-negative-groups',
  invalid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: «-1»}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 0}'),
  says: 'minGroups lower than 0 is not allowed',
});

ruleTest({
  name: 'maxGroups below minGroups',
  code: 'karmada-spread-max-below-min',
  invalid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 3, maxGroups: «2»}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 3, maxGroups: 3}'),
  says: 'maxGroups lower than minGroups is not allowed',
});

ruleTest({
  name: 'negative maxGroups',
  code: 'karmada-spread-negative-groups',
  invalid: placement('    spreadConstraints:\n      - {spreadByField: cluster, maxGroups: «-2»}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: cluster, maxGroups: 2}'),
  says: 'maxGroups lower than 0 is not allowed',
});

ruleTest({
  name: 'two constraints on one field',
  code: 'karmada-spread-field-repeated',
  invalid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 1}\n      - {spreadByField: «cluster», minGroups: 2}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 1}\n      - {spreadByField: region, minGroups: 2}'),
  says: 'spec.placement.spreadConstraints: Invalid value: multiple cluster spread constraints are not allowed',
});

ruleTest({
  name: 'spreading by region without a cluster constraint',
  code: 'karmada-spread-cluster-required',
  invalid: placement('    «spreadConstraints»:\n      - {spreadByField: region, minGroups: 2}'),
  valid: placement('    spreadConstraints:\n      - {spreadByField: region, minGroups: 2}\n      - {minGroups: 2}'),
  says: 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled',
});

ruleTest({
  name: 'a workload affinity key that is not a label key',
  code: 'karmada-workload-affinity-key',
  invalid: placement('    workloadAffinity:\n      affinity: {groupByLabelKey: «app group»}'),
  valid: placement('    workloadAffinity:\n      affinity: {groupByLabelKey: app.group}'),
  says: 'spec.placement.workloadAffinity.affinity.groupByLabelKey: Invalid value: "app group"',
});

ruleTest({
  name: 'affinity and anti-affinity on one key',
  code: 'karmada-workload-affinity-same-key',
  invalid: placement('    workloadAffinity:\n      affinity: {groupByLabelKey: app.group}\n      antiAffinity: {groupByLabelKey: «app.group»}'),
  valid: placement('    workloadAffinity:\n      affinity: {groupByLabelKey: app.group}\n      antiAffinity: {groupByLabelKey: app.tier}'),
  says: 'affinity and antiAffinity must not use the same groupByLabelKey',
});

ruleTest({
  name: 'a Lt toleration',
  code: 'karmada-toleration-operator',
  invalid: placement('    clusterTolerations:\n      - {key: gpu, operator: «Lt», value: "4", effect: NoSchedule}'),
  valid: placement('    clusterTolerations:\n      - {key: gpu, operator: Equal, value: "4", effect: NoSchedule}'),
  says: 'spec.placement.clusterTolerations[0].operator: Unsupported value: "Lt": supported values: "", "Exists", "Equal"',
});

const FAILOVER = (application: string, deps = '  propagateDeps: true\n') => doc(PP, `${SELECTORS}\n${deps}  failover:\n${application}`);

ruleTest({
  name: 'application failover without propagateDeps',
  code: 'karmada-failover-propagate-deps',
  invalid: FAILOVER('    «application»:\n      decisionConditions: {tolerationSeconds: 60}', ''),
  valid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 60}'),
  says: 'spec.propagateDeps: Invalid value: false: application failover is set, propagateDeps must be true',
});

ruleTest({
  name: 'a negative toleration',
  code: 'karmada-failover-toleration-seconds',
  invalid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: «-1»}'),
  valid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 0}'),
  says: 'must be greater than or equal to 0',
});

ruleTest({
  name: 'a grace period with purgeMode Directly',
  code: 'karmada-failover-grace-period-purge-mode',
  invalid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 60}\n      purgeMode: Directly\n      gracePeriodSeconds: «60»'),
  valid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 60}\n      purgeMode: Gracefully\n      gracePeriodSeconds: 60'),
  says: 'Invalid value: 60: only takes effect when purgeMode is gracefully',
});

ruleTest({
  name: 'a zero grace period',
  code: 'karmada-failover-grace-period',
  invalid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 60}\n      gracePeriodSeconds: «0»'),
  valid: FAILOVER('    application:\n      decisionConditions: {tolerationSeconds: 60}\n      gracePeriodSeconds: 1'),
  says: 'spec.failover.application.gracePeriodSeconds: Invalid value: 0: must be greater than 0',
});

ruleTest({
  name: 'a state preservation alias that is not a label name',
  code: 'karmada-state-preservation-label',
  invalid: FAILOVER('    cluster:\n      statePreservation:\n        rules:\n          - {aliasLabelName: «bad label», jsonPath: "{ .replicas }"}'),
  valid: FAILOVER('    cluster:\n      statePreservation:\n        rules:\n          - {aliasLabelName: example.com/replicas, jsonPath: "{ .replicas }"}'),
  says: 'spec.failover.cluster.statePreservation.rules[0].aliasLabelName: Invalid value: "bad label"',
});

ruleTest({
  name: "a selector in another namespace than the policy's",
  code: 'karmada-selector-namespace',
  invalid: doc(PP, `${SELECTORS}\n      namespace: «payments»`),
  valid: doc(PP, `${SELECTORS}\n      namespace: shop`),
  says: 'spec.resourceSelectors[0].namespace: Invalid value: "payments": namespace of resource selector must be the same as the namespace of the policy',
});

ruleTest({
  name: 'preemption with a selector that names nothing',
  code: 'karmada-preemption-selector-name',
  invalid: doc(PP, 'spec:\n  preemption: Always\n  resourceSelectors:\n    «- apiVersion: apps/v1»\n      kind: Deployment'),
  valid: doc(PP, 'spec:\n  preemption: Never\n  resourceSelectors:\n    - apiVersion: apps/v1\n      kind: Deployment'),
  says: 'name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption',
});

ruleTest({
  name: 'suspending dispatching and naming clusters',
  code: 'karmada-suspension-conflict',
  invalid: doc(PP, `${SELECTORS}\n  suspension:\n    dispatching: true\n    «dispatchingOnClusters»:\n      clusterNames: [member1]`),
  valid: doc(PP, `${SELECTORS}\n  suspension:\n    dispatching: false\n    dispatchingOnClusters:\n      clusterNames: [member1]`),
  says: 'spec.suspension.suspension: Invalid value: suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames',
});

const CLUSTER_POLICY = `apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata:\n  name: web`;

ruleTest({
  name: 'ClusterPropagationPolicy gets the placement rules',
  code: 'karmada-spread-max-below-min',
  invalid: doc(CLUSTER_POLICY, `${SELECTORS}\n  placement:\n    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 2, maxGroups: «1»}`),
  valid: doc(CLUSTER_POLICY, `${SELECTORS}\n  placement:\n    spreadConstraints:\n      - {spreadByField: cluster, minGroups: 2}`),
  says: 'maxGroups lower than minGroups is not allowed',
});

test('selector namespaces are checked only when the policy is namespaced and says its namespace', () => {
  const selecting = `${SELECTORS}\n      namespace: payments`;
  assert.deepEqual(admissionFound(doc(CLUSTER_POLICY, selecting)), []);
  assert.deepEqual(admissionFound(doc(PP.replace('\n  namespace: shop', ''), selecting)), []);
});

test('a ServiceImport selector turns propagateDeps on, as the mutating webhook does', () => {
  const text = doc(PP, 'spec:\n  resourceSelectors:\n    - {apiVersion: multicluster.x-k8s.io/v1alpha1, kind: ServiceImport, name: web}\n  failover:\n    application:\n      decisionConditions: {tolerationSeconds: 60}');
  assert.deepEqual(admissionFound(text), []);
});

test('empty clusterAffinities and overflowAffinities are no lists to the webhook: the mutating webhook drops them', () => {
  // pkg/webhook/(cluster)propagationpolicy/mutating.go re-encodes the policy; both fields are `omitempty`
  const empty = '    clusterAffinity: {clusterNames: [member1]}\n    clusterAffinities: []';
  assert.deepEqual(admissionFound(placement(empty)), []);
  assert.deepEqual(admissionFound(doc(CLUSTER_POLICY, `${SELECTORS}\n  placement:\n${empty}`)), []);
  const duplicated = "    replicaScheduling: {replicaSchedulingType: Duplicated}\n    clusterAffinities:\n      - {affinityName: primary, overflowAffinities: []}";
  assert.deepEqual(admissionFound(placement(duplicated)), []);
});

test('a placement in the wrong shape is left to the schema check', () => {
  const text = doc(PP, `${SELECTORS}\n  placement:\n    spreadConstraints: yes\n    clusterAffinities: {a: 1}\n    workloadAffinity: [1]`);
  assert.deepEqual(admissionFound(text), []);
});
