/**
 * Karmada's validating webhook for CronFederatedHPA (pkg/webhook/cronfederatedhpa/validating.go:
 * validateCronFederatedHPASpec, validateCronFederatedHPARules, validateCronFederatedHPAScalingReplicas).
 */
import { duplicate, invalid, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isValidCron, timeZoneProblem } from '../cron';
import { asArray, asObj, isSet, optionalInt, str, type Obj } from '../values';
import { objectReferenceFindings } from './hpaMetrics';

const INT32_MAX = 2147483647;

export function cronFederatedHpaFindings(cron: Obj): AdmissionFinding[] {
  const spec = asObj(cron.spec) ?? {};
  const ref = asObj(spec.scaleTargetRef) ?? {};
  const refPath = ['spec', 'scaleTargetRef'];
  const targetKind = str(ref.kind);
  const scalesFederatedHpa = str(ref.apiVersion) === 'autoscaling.karmada.io/v1alpha1';
  if (scalesFederatedHpa && targetKind !== 'FederatedHPA') {
    return [invalid('karmada-cronfhpa-target-kind', [...refPath, 'kind'], targetKind, `invalid scaleTargetRef kind: ${targetKind}, only support FederatedHPA`)];
  }
  const out = objectReferenceFindings('karmada-scale-target-ref', ref, refPath);
  const names = new Set<string>();
  asArray(spec.rules).forEach((raw, i) => {
    const rule = asObj(raw) ?? {};
    const path = ['spec', 'rules', i];
    const name = str(rule.name);
    if (names.has(name)) out.push(duplicate('karmada-cronfhpa-rule-name', [...path, 'name'], name));
    names.add(name);
    const schedule = str(rule.schedule);
    if (!isValidCron(schedule)) out.push(invalid('karmada-cronfhpa-schedule', [...path, 'schedule'], schedule, 'invalid cron format'));
    if (isSet(rule.timeZone)) {
      const problem = timeZoneProblem(str(rule.timeZone));
      if (problem) out.push(invalid('karmada-cronfhpa-time-zone', [...path, 'timeZone'], str(rule.timeZone), problem));
    }
    out.push(...(scalesFederatedHpa ? federatedHpaBoundsFindings(rule, path) : targetReplicasFindings(rule, path, targetKind)));
  });
  return out;
}

function federatedHpaBoundsFindings(rule: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const min = optionalInt(rule.targetMinReplicas);
  const max = optionalInt(rule.targetMaxReplicas);
  if (min === undefined && max === undefined) {
    out.push(invalid('karmada-cronfhpa-min-max-missing', [...path, 'targetMaxReplicas'], '', 'targetMinReplicas and targetMaxReplicas cannot be nil at the same time if you want to scale FederatedHPA'));
  }
  if ((min ?? 1) <= 0) out.push(invalid('karmada-cronfhpa-min-max-positive', [...path, 'targetMinReplicas'], '', 'targetMinReplicas should be larger than 0'));
  if ((max ?? INT32_MAX) <= 0) out.push(invalid('karmada-cronfhpa-min-max-positive', [...path, 'targetMaxReplicas'], '', 'targetMaxReplicas should be larger than 0'));
  if ((min ?? 1) > (max ?? INT32_MAX)) out.push(invalid('karmada-cronfhpa-min-above-max', [...path, 'targetMinReplicas'], '', 'targetMaxReplicas should be larger than or equal to targetMinReplicas'));
  return out;
}

function targetReplicasFindings(rule: Obj, path: FieldPath, targetKind: string): AdmissionFinding[] {
  const replicas = optionalInt(rule.targetReplicas);
  if (replicas === undefined) return [invalid('karmada-cronfhpa-target-replicas', [...path, 'targetReplicas'], '', `targetReplicas cannot be nil if you want to scale ${targetKind}`)];
  if (replicas < 0) return [invalid('karmada-cronfhpa-target-replicas', [...path, 'targetReplicas'], '', 'targetReplicas should be larger than or equal to 0')];
  return [];
}
