/**
 * Karmada's validating webhook for FederatedHPA (pkg/webhook/federatedhpa: ValidateFederatedHPA in
 * pkg/util/lifted/validatingfhpa.go), on the object as the mutating webhook leaves it
 * (pkg/util/lifted/federatedhpa.go: SetDefaultsFederatedHPA): minReplicas defaults to 1, no metrics to a
 * CPU utilization metric, and each behavior rule that is given gets the missing parts of the default rule.
 */
import { invalid, notSupported, required, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { asArray, asObj, int, isSet, optionalInt, str, type Obj } from '../values';
import { metricFindings, objectReferenceFindings } from './hpaMetrics';

const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

export function federatedHpaFindings(fhpa: Obj): AdmissionFinding[] {
  const spec = asObj(fhpa.spec) ?? {};
  const out: AdmissionFinding[] = [];
  const minReplicas = optionalInt(spec.minReplicas) ?? 1;
  const maxReplicas = int(spec.maxReplicas);
  if (minReplicas < 1) out.push(invalid('karmada-fhpa-min-replicas', ['spec', 'minReplicas'], minReplicas, 'must be greater than or equal to 1'));
  if (maxReplicas < 1) out.push(invalid('karmada-fhpa-max-replicas', ['spec', 'maxReplicas'], maxReplicas, 'must be greater than 0'));
  if (maxReplicas < minReplicas) out.push(invalid('karmada-fhpa-max-below-min', ['spec', 'maxReplicas'], maxReplicas, 'must be greater than or equal to `minReplicas`'));
  out.push(...objectReferenceFindings('karmada-scale-target-ref', asObj(spec.scaleTargetRef) ?? {}, ['spec', 'scaleTargetRef']));
  asArray(spec.metrics).forEach((metric, i) => out.push(...metricFindings(asObj(metric) ?? {}, ['spec', 'metrics', i])));
  const behavior = asObj(spec.behavior);
  if (behavior) {
    for (const direction of ['scaleUp', 'scaleDown']) out.push(...scalingRulesFindings(asObj(behavior[direction]), ['spec', 'behavior', direction]));
  }
  return out;
}

/** validateScalingRules on a rule merged over its default: what is absent is valid, `policies: []` is not. */
function scalingRulesFindings(rules: Obj | undefined, path: FieldPath): AdmissionFinding[] {
  if (!rules) return [];
  const out: AdmissionFinding[] = [];
  const window = optionalInt(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) out.push(invalid('karmada-fhpa-stabilization-window', [...path, 'stabilizationWindowSeconds'], window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    out.push(invalid('karmada-fhpa-stabilization-window', [...path, 'stabilizationWindowSeconds'], window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (isSet(rules.selectPolicy) && !SELECT_POLICIES.includes(str(rules.selectPolicy))) {
    out.push(notSupported('karmada-fhpa-select-policy', [...path, 'selectPolicy'], str(rules.selectPolicy), SELECT_POLICIES));
  }
  if (!isSet(rules.policies)) return out;
  const policies = asArray(rules.policies);
  if (!policies.length) out.push(required('karmada-fhpa-scaling-policies', [...path, 'policies'], 'must specify at least one Policy'));
  policies.forEach((raw, i) => out.push(...scalingPolicyFindings(asObj(raw) ?? {}, [...path, 'policies', i])));
  return out;
}

function scalingPolicyFindings(policy: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const type = str(policy.type);
  if (!POLICY_TYPES.includes(type)) out.push(notSupported('karmada-fhpa-scaling-policy', [...path, 'type'], type, POLICY_TYPES));
  const value = int(policy.value);
  if (value <= 0) out.push(invalid('karmada-fhpa-scaling-policy', [...path, 'value'], value, 'must be greater than zero'));
  const period = int(policy.periodSeconds);
  if (period <= 0) out.push(invalid('karmada-fhpa-scaling-policy', [...path, 'periodSeconds'], period, 'must be greater than zero'));
  if (period > MAX_PERIOD_SECONDS) out.push(invalid('karmada-fhpa-scaling-policy', [...path, 'periodSeconds'], period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  return out;
}
