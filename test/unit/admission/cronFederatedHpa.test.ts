import { doc, ruleTest } from './support';

const CRON = `apiVersion: autoscaling.karmada.io/v1alpha1\nkind: CronFederatedHPA\nmetadata:\n  name: web\n  namespace: shop`;
const WORKLOAD = '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}';
const FHPA = '  scaleTargetRef: {apiVersion: autoscaling.karmada.io/v1alpha1, kind: FederatedHPA, name: web}';
const rules = (lines: string, target = WORKLOAD) => doc(CRON, `spec:\n${target}\n  rules:\n${lines}`);

ruleTest({
  name: 'a Karmada autoscaling target that is not a FederatedHPA',
  code: 'karmada-cronfhpa-target-kind',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 5}', '  scaleTargetRef: {apiVersion: autoscaling.karmada.io/v1alpha1, kind: «Deployment», name: web}'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetMinReplicas: 2}', FHPA),
  says: 'invalid scaleTargetRef kind: Deployment, only support FederatedHPA',
});

ruleTest({
  name: 'a target name that is ..',
  code: 'karmada-scale-target-ref',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 5}', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: «..»}'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 5}', '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ...}'),
  says: "may not be '..'",
});

ruleTest({
  name: 'two rules with one name',
  code: 'karmada-cronfhpa-rule-name',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 5}\n    - {name: «up», schedule: "0 20 * * *", targetReplicas: 1}'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 5}\n    - {name: down, schedule: "0 20 * * *", targetReplicas: 1}'),
  says: 'spec.rules[1].name: Duplicate value: "up"',
});

ruleTest({
  name: 'a schedule with four fields',
  code: 'karmada-cronfhpa-schedule',
  invalid: rules('    - {name: up, schedule: «"0 8 * *"», targetReplicas: 5}'),
  valid: rules('    - {name: up, schedule: "@daily", targetReplicas: 5}'),
  says: 'spec.rules[0].schedule: Invalid value: "0 8 * *": invalid cron format',
});

ruleTest({
  name: 'an hour out of range',
  code: 'karmada-cronfhpa-schedule',
  invalid: rules('    - {name: up, schedule: «"0 24 * * MON-FRI"», targetReplicas: 5}'),
  valid: rules('    - {name: up, schedule: "0 23 * * MON-FRI", targetReplicas: 5}'),
  says: 'invalid cron format',
});

ruleTest({
  name: 'a time zone that does not exist',
  code: 'karmada-cronfhpa-time-zone',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", timeZone: «Mars/Olympus», targetReplicas: 5}'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", timeZone: Asia/Shanghai, targetReplicas: 5}'),
  says: 'spec.rules[0].timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
});

ruleTest({
  name: 'a FederatedHPA rule without bounds',
  code: 'karmada-cronfhpa-min-max-missing',
  invalid: rules('    «- {name: up, schedule: "0 8 * * *", targetReplicas: 5}»', FHPA),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetMaxReplicas: 5}', FHPA),
  says: 'targetMinReplicas and targetMaxReplicas cannot be nil at the same time if you want to scale FederatedHPA',
});

ruleTest({
  name: 'a zero minimum for a FederatedHPA',
  code: 'karmada-cronfhpa-min-max-positive',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetMinReplicas: «0», targetMaxReplicas: 4}', FHPA),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetMinReplicas: 1, targetMaxReplicas: 4}', FHPA),
  says: 'spec.rules[0].targetMinReplicas: Invalid value: "": targetMinReplicas should be larger than 0',
});

ruleTest({
  name: 'a minimum above the maximum',
  code: 'karmada-cronfhpa-min-above-max',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetMinReplicas: «5», targetMaxReplicas: 3}', FHPA),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetMinReplicas: 3, targetMaxReplicas: 3}', FHPA),
  says: 'targetMaxReplicas should be larger than or equal to targetMinReplicas',
});

ruleTest({
  name: 'a workload rule without targetReplicas',
  code: 'karmada-cronfhpa-target-replicas',
  invalid: rules('    «- {name: up, schedule: "0 8 * * *", targetMinReplicas: 2}»'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 0}'),
  says: 'targetReplicas cannot be nil if you want to scale Deployment',
});

ruleTest({
  name: 'negative targetReplicas',
  code: 'karmada-cronfhpa-target-replicas',
  invalid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: «-1»}'),
  valid: rules('    - {name: up, schedule: "0 8 * * *", targetReplicas: 0}'),
  says: 'targetReplicas should be larger than or equal to 0',
});
