/**
 * Cluster affinity rules of Karmada's webhook (pkg/util/validation/validation.go: ValidateClusterAffinity,
 * ValidatePolicyFieldSelector, ValidateClusterAffinities, ValidateOverflowAffinities), shared by
 * propagation policies (placement) and override policies (targetCluster).
 */
import { goPath, invalid, invalidEach, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isQualifiedName } from '../names';
import { asArray, asObj, isSet, listSet, str } from '../values';

const FIELD_SELECTOR_KEYS = ['provider', 'region', 'zone'];
const FIELD_SELECTOR_OPERATORS = ['In', 'NotIn'];

/** ValidateClusterAffinity: the first matchExpression of fieldSelector with an unsupported key or operator. */
export function clusterAffinityFindings(affinity: unknown, path: FieldPath): AdmissionFinding[] {
  const expressions = asArray(asObj(asObj(affinity)?.fieldSelector)?.matchExpressions);
  const selectorPath = [...path, 'fieldSelector'];
  for (let i = 0; i < expressions.length; i++) {
    const expression = asObj(expressions[i]);
    const key = str(expression?.key);
    if (!FIELD_SELECTOR_KEYS.includes(key)) {
      return [invalid('karmada-field-selector-key', [...selectorPath, 'matchExpressions', i, 'key'], undefined, `unsupported key ${JSON.stringify(key)}, must be provider, region, or zone`, goPath(selectorPath))];
    }
    const operator = str(expression?.operator);
    if (!FIELD_SELECTOR_OPERATORS.includes(operator)) {
      return [invalid('karmada-field-selector-operator', [...selectorPath, 'matchExpressions', i, 'operator'], undefined, `unsupported operator ${JSON.stringify(operator)}, must be In or NotIn`, goPath(selectorPath))];
    }
  }
  return [];
}

/** Whether a replicaScheduling (after the CRD's default and the mutating webhook's) allows overflow affinities. */
export function overflowSchedulingAllowed(replicaScheduling: unknown): boolean {
  const scheduling = asObj(replicaScheduling);
  if (!scheduling) return false;
  const type = str(scheduling.replicaSchedulingType) || 'Divided';
  if (type !== 'Divided') return false;
  const preference = str(scheduling.replicaDivisionPreference) || 'Weighted';
  if (preference === 'Aggregated') return true;
  return preference === 'Weighted' && str(asObj(scheduling.weightPreference)?.dynamicWeight) !== '';
}

/** ValidateClusterAffinities and ValidateOverflowAffinities over placement.clusterAffinities. */
export function clusterAffinitiesFindings(terms: unknown[], path: FieldPath, afterRoundTrip: boolean): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const names = new Set<string>();
  terms.forEach((raw, i) => {
    const term = asObj(raw) ?? {};
    const name = str(term.affinityName);
    out.push(...invalidEach('karmada-affinity-name', [...path, i, 'affinityName'], name, isQualifiedName(name), goPath([...path, i])));
    if (names.has(name)) out.push(invalid('karmada-affinity-name-unique', [...path, i, 'affinityName'], undefined, 'each affinity term in a policy must have a unique name', goPath(path)));
    else names.add(name);
    out.push(...clusterAffinityFindings(term, [...path, i]));
    out.push(...overflowAffinitiesFindings(term, [...path, i], afterRoundTrip));
  });
  return out;
}

function overflowAffinitiesFindings(term: Record<string, unknown>, path: FieldPath, afterRoundTrip: boolean): AdmissionFinding[] {
  if (!listSet(term.overflowAffinities, afterRoundTrip)) return [];
  const out: AdmissionFinding[] = [];
  const overflowPath = [...path, 'overflowAffinities'];
  if (emptyClusterAffinity(term)) {
    out.push(invalid('karmada-overflow-needs-affinity', overflowPath, undefined, 'overflowAffinities can only be used together with the inline ClusterAffinity'));
  }
  const names = new Set([str(term.affinityName)]);
  asArray(term.overflowAffinities).forEach((raw, j) => {
    const overflow = asObj(raw) ?? {};
    const name = str(overflow.affinityName);
    const namePath = [...overflowPath, j, 'affinityName'];
    out.push(...invalidEach('karmada-affinity-name', namePath, name, isQualifiedName(name)));
    if (names.has(name)) out.push(invalid('karmada-overflow-name-unique', namePath, name, "overflow affinity name must be unique and must not duplicate the primary group's affinityName"));
    else names.add(name);
    out.push(...clusterAffinityFindings(overflow, [...overflowPath, j]));
  });
  return out;
}

function emptyClusterAffinity(affinity: Record<string, unknown>): boolean {
  return !isSet(affinity.labelSelector) && !isSet(affinity.fieldSelector) && !asArray(affinity.clusterNames).length && !asArray(affinity.exclude).length;
}

