/**
 * Karmada's validating webhook for OverridePolicy and ClusterOverridePolicy (pkg/webhook/overridepolicy,
 * pkg/webhook/clusteroverridepolicy: ValidateOverrideSpec and ValidateOverrideRules in
 * pkg/util/validation/validation.go). Only `overrideRules` are checked in depth; the deprecated top-level
 * `overriders` only for co-existing with them.
 */
import { goPath, invalid, required, tooLong, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isLabelValue, isQualifiedName, jsonPointerProblem } from '../names';
import { roundTripped } from '../../nullValues';
import { asArray, asObj, isSet, listSet, mapEntries, str, type Obj } from '../values';
import { clusterAffinityFindings } from './clusterAffinity';
import { selectorNamespaceFindings } from './resourceSelectors';

const SPEC = ['spec'];
/** Overriders that count for "overrideRules and overriders can't co-exist" (fieldOverrider does not). */
const COUNTED_OVERRIDERS = ['plaintext', 'imageOverrider', 'commandOverrider', 'argsOverrider', 'labelsOverrider', 'annotationsOverrider'];
const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

export function overridePolicyFindings(policy: Obj): AdmissionFinding[] {
  const spec = asObj(policy.spec) ?? {};
  const namespace = policy.kind === 'OverridePolicy' ? str(asObj(policy.metadata)?.namespace) : '';
  // OverridePolicy's mutating webhook drops `overrideRules: []`; ClusterOverridePolicy has none, so there it counts
  const rulesSet = listSet(spec.overrideRules, roundTripped(String(policy.apiVersion), String(policy.kind)));
  const out: AdmissionFinding[] = [];
  if (isSet(spec.targetCluster)) out.push(...clusterAffinityFindings(spec.targetCluster, [...SPEC, 'targetCluster']));
  if (isSet(spec.targetCluster) && rulesSet) {
    out.push({ ...invalid('karmada-override-target-cluster-conflict', [...SPEC, 'targetCluster'], undefined, "overrideRules and targetCluster can't co-exist"), onKey: true });
  }
  const overriders = asObj(spec.overriders);
  if (overriders && COUNTED_OVERRIDERS.some((k) => asArray(overriders[k]).length) && rulesSet) {
    out.push({ ...invalid('karmada-override-overriders-conflict', [...SPEC, 'overriders'], undefined, "overrideRules and overriders can't co-exist"), onKey: true });
  }
  asArray(spec.overrideRules).forEach((rule, i) => out.push(...overrideRuleFindings(asObj(rule) ?? {}, [...SPEC, 'overrideRules', i])));
  out.push(...selectorNamespaceFindings(asArray(spec.resourceSelectors), namespace));
  return out;
}

function overrideRuleFindings(rule: Obj, path: FieldPath): AdmissionFinding[] {
  const overriders = asObj(rule.overriders) ?? {};
  const at = (kind: string, j: number): FieldPath => [...path, 'overriders', kind, j];
  const out: AdmissionFinding[] = [];
  asArray(overriders.annotationsOverrider).forEach((o, j) => out.push(...annotationFindings(asObj(o)?.value, [...at('annotationsOverrider', j), 'value'])));
  asArray(overriders.labelsOverrider).forEach((o, j) => out.push(...labelFindings(asObj(o)?.value, [...at('labelsOverrider', j), 'value'])));
  asArray(overriders.imageOverrider).forEach((o, j) => {
    const predicate = asObj(asObj(o)?.predicate);
    if (predicate) out.push(...pointerFindings('karmada-override-image-path', str(predicate.path), [...at('imageOverrider', j), 'predicate', 'path']));
  });
  asArray(overriders.fieldOverrider).forEach((o, j) => out.push(...fieldOverriderFindings(asObj(o) ?? {}, at('fieldOverrider', j))));
  if (isSet(rule.targetCluster)) out.push(...clusterAffinityFindings(rule.targetCluster, [...path, 'targetCluster']));
  return out;
}

/** ValidateAnnotations: keys are qualified names whatever their case; keys and values total at most 256 KiB. */
function annotationFindings(value: unknown, path: FieldPath): AdmissionFinding[] {
  const entries = mapEntries(value);
  const out: AdmissionFinding[] = entries.flatMap(([key]) => isQualifiedName(key.toLowerCase()).map((m) => ({ ...invalid('karmada-override-annotations', [...path, key], key, m, goPath(path)), onKey: true })));
  const size = entries.reduce((sum, [key, v]) => sum + Buffer.byteLength(key) + Buffer.byteLength(typeof v === 'string' ? v : String(v ?? '')), 0);
  if (size > ANNOTATIONS_SIZE_LIMIT) out.push(tooLong('karmada-override-annotations', path, ANNOTATIONS_SIZE_LIMIT));
  return out;
}

/** ValidateLabels: keys are qualified names, values label values. */
function labelFindings(value: unknown, path: FieldPath): AdmissionFinding[] {
  return mapEntries(value).flatMap(([key, v]) => {
    const text = typeof v === 'string' ? v : String(v ?? '');
    return [
      ...isQualifiedName(key).map((m) => ({ ...invalid('karmada-override-labels', [...path, key], key, m, goPath(path)), onKey: true })),
      ...isLabelValue(text).map((m) => invalid('karmada-override-labels', [...path, key], text, m, goPath(path))),
    ];
  });
}

function fieldOverriderFindings(overrider: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const yaml = asArray(overrider.yaml);
  const json = asArray(overrider.json);
  if (yaml.length && json.length) out.push(invalid('karmada-field-overrider-format', path, undefined, 'FieldOverrider has both YAML and JSON set. Only one is allowed'));
  if (!yaml.length && !json.length) out.push(required('karmada-field-overrider-format', path, 'FieldOverrider must have either JSON or YAML set'));
  out.push(...pointerFindings('karmada-field-overrider-path', str(overrider.fieldPath), [...path, 'fieldPath']));
  for (const [format, patches] of [['json', json], ['yaml', yaml]] as const) {
    patches.forEach((raw, k) => {
      const patch = asObj(raw) ?? {};
      out.push(...pointerFindings('karmada-field-overrider-path', str(patch.subPath), [...path, format, k, 'subPath']));
      out.push(...operatorValueFindings(str(patch.operator), patch.value, [...path, format, k, 'value']));
    });
  }
  return out;
}

/** validateOverrideOperator: add and replace need a value, remove takes none (null counts as none). */
function operatorValueFindings(operator: string, value: unknown, path: FieldPath): AdmissionFinding[] {
  if ((operator === 'add' || operator === 'replace') && !isSet(value)) return [invalid('karmada-override-operator-value', path, undefined, 'value is required for add or replace operation')];
  if (operator === 'remove' && isSet(value)) return [invalid('karmada-override-operator-value', path, undefined, 'value is not allowed for remove operation')];
  return [];
}

function pointerFindings(code: 'karmada-override-image-path' | 'karmada-field-overrider-path', pointer: string, path: FieldPath): AdmissionFinding[] {
  const problem = jsonPointerProblem(pointer);
  return problem ? [invalid(code, path, pointer, problem)] : [];
}
