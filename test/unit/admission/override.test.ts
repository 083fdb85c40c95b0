import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissionFound, doc, ruleTest, SELECTORS } from './support';

const OP = `apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata:\n  name: web\n  namespace: shop`;
const COP = `apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterOverridePolicy\nmetadata:\n  name: web`;
/** An OverridePolicy with one override rule holding `overriders` (lines indented for the rule's body). */
const rule = (overriders: string, head = OP) => doc(head, `${SELECTORS}\n  overrideRules:\n    - targetCluster: {clusterNames: [member1]}\n      overriders:\n${overriders}`);
const fieldOverrider = (item: string) => rule(`        fieldOverrider:\n${item}`);

ruleTest({
  name: 'targetCluster beside overrideRules',
  code: 'karmada-override-target-cluster-conflict',
  invalid: doc(COP, `${SELECTORS}\n  «targetCluster»: {clusterNames: [member1]}\n  overrideRules: []`),
  valid: doc(OP, `${SELECTORS}\n  targetCluster: {clusterNames: [member1]}`),
  says: "spec.targetCluster: Invalid value: overrideRules and targetCluster can't co-exist",
});

ruleTest({
  name: 'plaintext overriders beside overrideRules',
  code: 'karmada-override-overriders-conflict',
  invalid: doc(COP, `${SELECTORS}\n  «overriders»:\n    plaintext: [{path: /metadata/labels/team, operator: add, value: shop}]\n  overrideRules: []`),
  valid: doc(OP, `${SELECTORS}\n  overriders:\n    fieldOverrider: [{fieldPath: /data/config, json: [{subPath: /a, operator: add, value: 1}]}]\n  overrideRules: []`),
  says: "spec.overriders: Invalid value: overrideRules and overriders can't co-exist",
});

test("an OverridePolicy's empty overrideRules co-exist with targetCluster and overriders: its mutating webhook drops the empty list", () => {
  // pkg/webhook/overridepolicy/mutating.go re-encodes the policy; `overrideRules,omitempty` leaves [] out (nil)
  const deprecated = `  targetCluster: {clusterNames: [member1]}\n  overriders:\n    plaintext: [{path: /metadata/labels/team, operator: add, value: shop}]`;
  assert.deepEqual(admissionFound(doc(OP, `${SELECTORS}\n${deprecated}\n  overrideRules: []`)), []);
  const withRule = `${SELECTORS}\n${deprecated}\n  overrideRules:\n    - targetCluster: {clusterNames: [member1]}\n      overriders: {}`;
  assert.deepEqual(admissionFound(doc(OP, withRule)).map((f) => f.code), ['karmada-override-target-cluster-conflict', 'karmada-override-overriders-conflict']);
});

ruleTest({
  name: 'an annotation key that is not a qualified name',
  code: 'karmada-override-annotations',
  invalid: rule('        annotationsOverrider:\n          - operator: add\n            value: {«bad key!»: "1"}'),
  valid: rule('        annotationsOverrider:\n          - operator: add\n            value: {Example.com/Key: "1"}'),
  says: 'spec.overrideRules[0].overriders.annotationsOverrider[0].value: Invalid value: "bad key!"',
});

ruleTest({
  name: 'a label value that is not a label value',
  code: 'karmada-override-labels',
  invalid: rule('        labelsOverrider:\n          - operator: add\n            value: {team: «shop floor»}'),
  valid: rule('        labelsOverrider:\n          - operator: add\n            value: {team: shop-floor}'),
  says: 'Invalid value: "shop floor": a valid label must be an empty string or consist of alphanumeric characters',
});

ruleTest({
  name: 'an image predicate path without a leading slash',
  code: 'karmada-override-image-path',
  invalid: rule('        imageOverrider:\n          - {predicate: {path: «spec/template/spec/containers/0/image»}, component: Tag, operator: replace, value: v2}'),
  valid: rule('        imageOverrider:\n          - {predicate: {path: /spec/template/spec/containers/0/image}, component: Tag, operator: replace, value: v2}'),
  says: 'JSON pointer must be empty or start with a "/',
});

ruleTest({
  name: 'a field overrider with both JSON and YAML',
  code: 'karmada-field-overrider-format',
  invalid: fieldOverrider('          «- fieldPath: /data/config»\n            json: [{subPath: /a, operator: add, value: 1}]\n            yaml: [{subPath: /b, operator: add, value: 2}]'),
  valid: fieldOverrider('          - fieldPath: /data/config\n            json: [{subPath: /a, operator: add, value: 1}]'),
  says: 'FieldOverrider has both YAML and JSON set. Only one is allowed',
});

ruleTest({
  name: 'a field overrider with neither JSON nor YAML',
  code: 'karmada-field-overrider-format',
  invalid: fieldOverrider('          «- fieldPath: /data/config»'),
  valid: fieldOverrider('          - fieldPath: /data/config\n            yaml: [{subPath: /b, operator: add, value: 2}]'),
  says: 'spec.overrideRules[0].overriders.fieldOverrider[0]: Required value: FieldOverrider must have either JSON or YAML set',
});

ruleTest({
  name: 'a fieldPath without a leading slash',
  code: 'karmada-field-overrider-path',
  invalid: fieldOverrider('          - fieldPath: «data/config»\n            json: [{subPath: /a, operator: add, value: 1}]'),
  valid: fieldOverrider('          - fieldPath: ""\n            json: [{subPath: /a, operator: add, value: 1}]'),
  says: 'fieldOverrider[0].fieldPath: Invalid value: "data/config": JSON pointer must be empty or start with a "/',
});

ruleTest({
  name: 'a patch subPath without a leading slash',
  code: 'karmada-field-overrider-path',
  invalid: fieldOverrider('          - fieldPath: /data/config\n            yaml: [{subPath: «a/b», operator: add, value: 1}]'),
  valid: fieldOverrider('          - fieldPath: /data/config\n            yaml: [{subPath: /a/b, operator: add, value: 1}]'),
  says: 'fieldOverrider[0].yaml[0].subPath',
});

ruleTest({
  name: 'a value for remove',
  code: 'karmada-override-operator-value',
  invalid: fieldOverrider('          - fieldPath: /data/config\n            json: [{subPath: /a, operator: remove, value: «1»}]'),
  valid: fieldOverrider('          - fieldPath: /data/config\n            json: [{subPath: /a, operator: remove}]'),
  says: 'value is not allowed for remove operation',
});

ruleTest({
  name: 'no value for add',
  code: 'karmada-override-operator-value',
  invalid: fieldOverrider('          - fieldPath: /data/config\n            json: [«{subPath: /a, operator: add}»]'),
  valid: fieldOverrider('          - fieldPath: /data/config\n            json: [{subPath: /a, operator: add, value: ""}]'),
  says: 'fieldOverrider[0].json[0].value: Invalid value: value is required for add or replace operation',
});

ruleTest({
  name: 'a rule targeting clusters by an unsupported field',
  code: 'karmada-field-selector-key',
  invalid: doc(OP, `${SELECTORS}\n  overrideRules:\n    - targetCluster:\n        fieldSelector:\n          matchExpressions: [{key: «name», operator: In, values: [member1]}]\n      overriders: {}`),
  valid: doc(OP, `${SELECTORS}\n  overrideRules:\n    - targetCluster:\n        fieldSelector:\n          matchExpressions: [{key: zone, operator: In, values: [a]}]\n      overriders: {}`),
  says: 'spec.overrideRules[0].targetCluster.fieldSelector: Invalid value: unsupported key "name"',
});

ruleTest({
  name: 'an OverridePolicy selecting in another namespace',
  code: 'karmada-selector-namespace',
  invalid: doc(OP, `${SELECTORS}\n      namespace: «payments»`),
  valid: doc(COP, `${SELECTORS}\n      namespace: payments`),
  says: 'namespace of resource selector must be the same as the namespace of the policy',
});

ruleTest({
  name: 'ClusterOverridePolicy gets the same checks',
  code: 'karmada-override-labels',
  invalid: rule('        labelsOverrider:\n          - operator: add\n            value: {«-team»: shop}', COP),
  valid: rule('        labelsOverrider:\n          - operator: add\n            value: {team: shop}', COP),
  says: "name part must consist of alphanumeric characters",
});

test('the deprecated top-level overriders are not checked in depth, as the webhook does not', () => {
  const text = doc(OP, `${SELECTORS}\n  overriders:\n    labelsOverrider: [{operator: add, value: {team: shop floor}}]`);
  assert.deepEqual(admissionFound(text), []);
});
