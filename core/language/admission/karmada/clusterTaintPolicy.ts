/**
 * Karmada's validating webhook for ClusterTaintPolicy (pkg/webhook/clustertaintpolicy/validating.go:
 * validatePolicyTaints). NoExecute taints are refused unless the webhook runs with
 * --allow-no-execute-taint-policy, which is off by default.
 */
import { duplicate, forbidden, type AdmissionFinding } from '../fieldErrors';
import { asArray, asObj, str, type Obj } from '../values';

export function clusterTaintPolicyFindings(policy: Obj): AdmissionFinding[] {
  const taints = asArray(asObj(policy.spec)?.taints).map((t) => ({ key: str(asObj(t)?.key), effect: str(asObj(t)?.effect) }));
  return taints.flatMap((taint, i) => {
    const out: AdmissionFinding[] = [];
    const path = ['spec', 'taints', i];
    if (taint.effect === 'NoExecute') {
      out.push(forbidden('karmada-taint-policy-no-execute', [...path, 'effect'], 'Configuring taint with NoExecute effect is not allowed, this capability must be explicitly enabled by administrators through command-line flags'));
    }
    if (taints.slice(i + 1).some((other) => other.key === taint.key && other.effect === taint.effect)) {
      out.push(duplicate('karmada-taint-policy-duplicate', path, `Duplicate taint with the same key(${taint.key}) and effect(${taint.effect}) is not allowed`));
    }
    return out;
  });
}
