/**
 * FederatedHPA metrics as Karmada's webhook checks them (pkg/util/lifted/validatingfhpa.go:
 * validateMetricSpec and the per-source validators, lifted from Kubernetes' autoscaling validation).
 * External metrics are not supported by Karmada.
 */
import { forbidden, invalid, invalidEach, notSupported, required, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isDNS1123Label, isValidPathSegmentName } from '../names';
import { containerResourceNameProblems, quantitySign } from '../resourceNames';
import { asObj, isSet, optionalInt, str, type Obj } from '../values';

const SOURCE_TYPES = ['ContainerResource', 'Object', 'Pods', 'Resource'];
/** Metric source type -> the field that must hold it, in the order the webhook looks at them. */
const SOURCE_FIELDS: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource' };

export function metricFindings(metric: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const type = str(metric.type);
  if (!type) out.push(required('karmada-fhpa-metric-type', [...path, 'type'], 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(type)) out.push(notSupported('karmada-fhpa-metric-type', [...path, 'type'], type, SOURCE_TYPES));
  const present = Object.values(SOURCE_FIELDS).filter((f) => isSet(metric[f]));
  if (present.length) out.push(...sourceFindings(present[0], asObj(metric[present[0]]) ?? {}, [...path, present[0]]));
  const expected = SOURCE_FIELDS[type];
  if (expected && !isSet(metric[expected])) out.push(required('karmada-fhpa-metric-source', [...path, expected], 'must populate information for the given metric source'));
  if (present.length > 1) {
    for (const extra of present.filter((f) => f !== expected)) out.push(forbidden('karmada-fhpa-metric-source', [...path, extra], 'must populate the given metric source only'));
  }
  return out;
}

function sourceFindings(field: string, source: Obj, path: FieldPath): AdmissionFinding[] {
  const target = asObj(source.target) ?? {};
  const targetPath = [...path, 'target'];
  const out = metricTargetFindings(target, targetPath);
  if (field === 'object') {
    out.unshift(...objectReferenceFindings('karmada-fhpa-metric-name', asObj(source.describedObject) ?? {}, [...path, 'describedObject']), ...metricNameFindings(source, path));
    if (!isSet(target.value) && !isSet(target.averageValue)) out.push(required('karmada-fhpa-metric-target', [...targetPath, 'averageValue'], 'must set either a target value or averageValue'));
  } else if (field === 'pods') {
    out.unshift(...metricNameFindings(source, path));
    if (!isSet(target.averageValue)) out.push(required('karmada-fhpa-metric-target', [...targetPath, 'averageValue'], 'must specify a positive target averageValue'));
  } else {
    out.unshift(...resourceSourceNameFindings(field, source, path));
    if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
      out.push(required('karmada-fhpa-metric-target', [...targetPath, 'averageUtilization'], 'must set either a target raw value or a target utilization'));
    }
    if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
      out.push(forbidden('karmada-fhpa-metric-target', [...targetPath, 'averageValue'], 'may not set both a target raw value and a target utilization'));
    }
  }
  return out;
}

function resourceSourceNameFindings(field: string, source: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const name = str(source.name);
  if (!name) out.push(required('karmada-fhpa-metric-name', [...path, 'name'], 'must specify a resource name'));
  else if (field === 'containerResource') out.push(...invalidEach('karmada-fhpa-metric-name', [...path, 'name'], name, containerResourceNameProblems(name)));
  if (field !== 'containerResource') return out;
  const container = str(source.container);
  if (!container) out.push(required('karmada-fhpa-metric-name', [...path, 'container'], 'must specify a container'));
  else out.push(...invalidEach('karmada-fhpa-metric-name', [...path, 'container'], container, isDNS1123Label(container)));
  return out;
}

/** validateMetricIdentifier. */
function metricNameFindings(source: Obj, path: FieldPath): AdmissionFinding[] {
  const name = str(asObj(source.metric)?.name);
  const namePath = [...path, 'metric', 'name'];
  if (!name) return [required('karmada-fhpa-metric-name', namePath, 'must specify a metric name')];
  return invalidEach('karmada-fhpa-metric-name', namePath, name, isValidPathSegmentName(name));
}

/** ValidateCrossVersionObjectReference: kind and name are set and safe as path segments. */
export function objectReferenceFindings(code: 'karmada-fhpa-metric-name' | 'karmada-scale-target-ref', ref: Obj, path: FieldPath): AdmissionFinding[] {
  return ['kind', 'name'].flatMap((field) => {
    const value = str(ref[field]);
    if (!value) return [required(code, [...path, field])];
    return invalidEach(code, [...path, field], value, isValidPathSegmentName(value));
  });
}

function metricTargetFindings(target: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const type = str(target.type);
  if (!type) out.push(required('karmada-fhpa-metric-target', [...path, 'type'], 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) out.push(invalid('karmada-fhpa-metric-target', [...path, 'type'], type, 'must be either Utilization, Value, or AverageValue'));
  for (const field of ['value', 'averageValue']) {
    if (isSet(target[field]) && quantitySign(target[field]) !== 1) out.push(invalid('karmada-fhpa-metric-target', [...path, field], String(target[field]), 'must be positive'));
  }
  const utilization = optionalInt(target.averageUtilization);
  if (utilization !== undefined && utilization < 1) out.push(invalid('karmada-fhpa-metric-target', [...path, 'averageUtilization'], utilization, 'must be greater than 0'));
  return out;
}
