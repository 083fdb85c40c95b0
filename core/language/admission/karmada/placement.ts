/**
 * Karmada's webhook on a propagation policy's placement (pkg/util/validation/validation.go:
 * ValidatePlacement, ValidateWorkloadAffinity, validateClusterTolerations).
 */
import { goPath, invalid, invalidEach, notSupported, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isQualifiedName } from '../names';
import { asArray, asObj, isSet, listSet, str } from '../values';
import { clusterAffinitiesFindings, clusterAffinityFindings, overflowSchedulingAllowed } from './clusterAffinity';
import { spreadConstraintFindings } from './spreadConstraints';

/** `afterRoundTrip`: a mutating webhook re-encoded the policy, dropping empty lists (see listSet). */
export function placementFindings(placement: unknown, path: FieldPath, afterRoundTrip: boolean): AdmissionFinding[] {
  const p = asObj(placement) ?? {};
  const out: AdmissionFinding[] = [];
  if (isSet(p.clusterAffinity) && listSet(p.clusterAffinities, afterRoundTrip)) {
    out.push(invalid('karmada-affinity-exclusive', [...path, 'clusterAffinities'], undefined, 'clusterAffinities cannot co-exist with clusterAffinity', goPath(path)));
  }
  const overflowAllowed = overflowSchedulingAllowed(p.replicaScheduling);
  asArray(p.clusterAffinities).forEach((term, i) => {
    if (listSet(asObj(term)?.overflowAffinities, afterRoundTrip) && !overflowAllowed) {
      out.push(invalid('karmada-overflow-scheduling', [...path, 'clusterAffinities', i, 'overflowAffinities'], undefined, 'overflowAffinities can only be used together with dynamic weight or aggregated scheduling'));
    }
  });
  if (isSet(p.clusterAffinity)) out.push(...clusterAffinityFindings(p.clusterAffinity, [...path, 'clusterAffinity']));
  out.push(...clusterAffinitiesFindings(asArray(p.clusterAffinities), [...path, 'clusterAffinities'], afterRoundTrip));
  out.push(...spreadConstraintFindings(asArray(p.spreadConstraints), [...path, 'spreadConstraints']));
  out.push(...workloadAffinityFindings(p.workloadAffinity, [...path, 'workloadAffinity']));
  out.push(...tolerationFindings(asArray(p.clusterTolerations), [...path, 'clusterTolerations']));
  return out;
}

function workloadAffinityFindings(raw: unknown, path: FieldPath): AdmissionFinding[] {
  const workloadAffinity = asObj(raw);
  if (!workloadAffinity) return [];
  const out: AdmissionFinding[] = [];
  const keys: string[] = [];
  for (const term of ['affinity', 'antiAffinity']) {
    const t = asObj(workloadAffinity[term]);
    if (!t) continue;
    const key = str(t.groupByLabelKey);
    keys.push(key);
    out.push(...invalidEach('karmada-workload-affinity-key', [...path, term, 'groupByLabelKey'], key, isQualifiedName(key)));
  }
  if (keys.length === 2 && keys[0] === keys[1]) {
    out.push(invalid('karmada-workload-affinity-same-key', [...path, 'antiAffinity', 'groupByLabelKey'], undefined, 'affinity and antiAffinity must not use the same groupByLabelKey', goPath(path)));
  }
  return out;
}

/** Lt and Gt (Kubernetes' TaintTolerationComparisonOperators) are refused for clusters. */
function tolerationFindings(tolerations: unknown[], path: FieldPath): AdmissionFinding[] {
  return tolerations.flatMap((raw, i) => {
    const operator = str(asObj(raw)?.operator);
    return operator === 'Lt' || operator === 'Gt' ? [notSupported('karmada-toleration-operator', [...path, i, 'operator'], operator, ['', 'Exists', 'Equal'])] : [];
  });
}
