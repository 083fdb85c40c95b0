import { doc, ruleTest } from './support';

const FHPA = `apiVersion: autoscaling.karmada.io/v1alpha1\nkind: FederatedHPA\nmetadata:\n  name: web\n  namespace: shop`;
const TARGET = '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}';
const spec = (lines: string, target = TARGET) => doc(FHPA, `spec:\n${target}\n${lines}`);
const bounds = '  minReplicas: 1\n  maxReplicas: 10';
const CPU = '    - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}';
const behavior = (lines: string) => spec(`${bounds}\n  behavior:\n${lines}`);

ruleTest({
  name: 'minReplicas 0 (Karmada does not scale to zero)',
  code: 'karmada-fhpa-min-replicas',
  invalid: spec('  minReplicas: «0»\n  maxReplicas: 10'),
  valid: spec('  minReplicas: 1\n  maxReplicas: 10'),
  says: 'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
});

ruleTest({
  name: 'maxReplicas 0',
  code: 'karmada-fhpa-max-replicas',
  invalid: spec('  maxReplicas: «0»'),
  valid: spec('  maxReplicas: 1'),
  says: 'spec.maxReplicas: Invalid value: 0: must be greater than 0',
});

ruleTest({
  name: 'maxReplicas below minReplicas',
  code: 'karmada-fhpa-max-below-min',
  invalid: spec('  minReplicas: 5\n  maxReplicas: «3»'),
  valid: spec('  minReplicas: 5\n  maxReplicas: 5'),
  says: 'must be greater than or equal to `minReplicas`',
});

ruleTest({
  name: 'a target name with a slash',
  code: 'karmada-scale-target-ref',
  invalid: spec(bounds, '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: «web/1»}'),
  valid: spec(bounds, '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web.1}'),
  says: "spec.scaleTargetRef.name: Invalid value: \"web/1\": may not contain '/'",
});

ruleTest({
  name: 'a target without a kind',
  code: 'karmada-scale-target-ref',
  invalid: spec(bounds, '  «scaleTargetRef»: {apiVersion: apps/v1, name: web}'),
  valid: spec(bounds, '  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}'),
  says: 'spec.scaleTargetRef.kind: Required value',
});

ruleTest({
  name: 'an External metric',
  code: 'karmada-fhpa-metric-type',
  invalid: spec(`${bounds}\n  metrics:\n    - type: «External»\n      external: {metric: {name: qps}, target: {type: Value, value: "10"}}`),
  valid: spec(`${bounds}\n  metrics:\n${CPU}`),
  says: 'spec.metrics[0].type: Unsupported value: "External": supported values: "ContainerResource", "Object", "Pods", "Resource"',
});

ruleTest({
  name: 'a Resource metric without its source',
  code: 'karmada-fhpa-metric-source',
  invalid: spec(`${bounds}\n  metrics:\n    «- type: Resource»`),
  valid: spec(`${bounds}\n  metrics:\n${CPU}`),
  says: 'spec.metrics[0].resource: Required value: must populate information for the given metric source',
});

ruleTest({
  name: 'a second source in one metric',
  code: 'karmada-fhpa-metric-source',
  invalid: spec(`${bounds}\n  metrics:\n${CPU}\n    - type: Resource\n      resource: {name: memory, target: {type: AverageValue, averageValue: 1Gi}}\n      «pods»: {metric: {name: qps}, target: {type: AverageValue, averageValue: "10"}}`),
  valid: spec(`${bounds}\n  metrics:\n${CPU}\n    - type: Pods\n      pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: "10"}}`),
  says: 'spec.metrics[1].pods: Forbidden: must populate the given metric source only',
});

ruleTest({
  name: 'a zero utilization target',
  code: 'karmada-fhpa-metric-target',
  invalid: spec(`${bounds}\n  metrics:\n    - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: «0»}}}`),
  valid: spec(`${bounds}\n  metrics:\n    - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 1}}}`),
  says: 'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
});

ruleTest({
  name: 'a Pods metric with a zero average',
  code: 'karmada-fhpa-metric-target',
  invalid: spec(`${bounds}\n  metrics:\n    - {type: Pods, pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: «"0"»}}}`),
  valid: spec(`${bounds}\n  metrics:\n    - {type: Pods, pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: 100m}}}`),
  says: 'Invalid value: "0": must be positive',
});

ruleTest({
  name: 'a container name in capitals',
  code: 'karmada-fhpa-metric-name',
  invalid: spec(`${bounds}\n  metrics:\n    - {type: ContainerResource, containerResource: {name: cpu, container: «Web», target: {type: Utilization, averageUtilization: 60}}}`),
  valid: spec(`${bounds}\n  metrics:\n    - {type: ContainerResource, containerResource: {name: cpu, container: web, target: {type: Utilization, averageUtilization: 60}}}`),
  says: 'spec.metrics[0].containerResource.container: Invalid value: "Web"',
});

ruleTest({
  name: 'a container resource that containers do not request',
  code: 'karmada-fhpa-metric-name',
  invalid: spec(`${bounds}\n  metrics:\n    - {type: ContainerResource, containerResource: {name: «pods», container: web, target: {type: Utilization, averageUtilization: 60}}}`),
  valid: spec(`${bounds}\n  metrics:\n    - {type: ContainerResource, containerResource: {name: memory, container: web, target: {type: Utilization, averageUtilization: 60}}}`),
  says: 'must be a standard resource for containers',
});

ruleTest({
  name: 'a stabilization window over an hour',
  code: 'karmada-fhpa-stabilization-window',
  invalid: behavior('    scaleDown: {stabilizationWindowSeconds: «3601»}'),
  valid: behavior('    scaleDown: {stabilizationWindowSeconds: 3600}'),
  says: 'must be less than or equal to 3600',
});

ruleTest({
  name: 'a select policy that does not exist',
  code: 'karmada-fhpa-select-policy',
  invalid: behavior('    scaleUp: {selectPolicy: «Fastest»}'),
  valid: behavior('    scaleUp: {selectPolicy: Disabled}'),
  says: 'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
});

ruleTest({
  name: 'an empty policy list (absent means the defaults)',
  code: 'karmada-fhpa-scaling-policies',
  invalid: behavior('    scaleUp: {«policies»: []}'),
  valid: behavior('    scaleUp: {selectPolicy: Max}'),
  says: 'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
});

ruleTest({
  name: 'a policy period over 30 minutes',
  code: 'karmada-fhpa-scaling-policy',
  invalid: behavior('    scaleDown:\n      policies: [{type: Percent, value: 10, periodSeconds: «1801»}]'),
  valid: behavior('    scaleDown:\n      policies: [{type: Percent, value: 10, periodSeconds: 1800}]'),
  says: 'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
});
