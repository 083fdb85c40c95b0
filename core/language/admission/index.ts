/**
 * What admission enforces beyond a kind's schema: Karmada's validating webhooks for the kinds Flotilla
 * lints, and Kubernetes' built-in validation where it refuses what a schema allows (a Job's restartPolicy).
 * One check per apiVersion and kind, on the document as plain values; findings are placed on the offending
 * node of the document's YAML tree.
 */
import type { RelativeDiagnostic } from '../diagnostics';
import { spanAtPath } from '../spanAtPath';
import { toValue, type YNode } from '../yaml/ast';
import type { AdmissionFinding } from './fieldErrors';
import { clusterTaintPolicyFindings } from './karmada/clusterTaintPolicy';
import { cronFederatedHpaFindings } from './karmada/cronFederatedHpa';
import { federatedHpaFindings } from './karmada/federatedHpa';
import { federatedResourceQuotaFindings } from './karmada/federatedResourceQuota';
import { multiClusterIngressFindings } from './karmada/multiClusterIngress';
import { multiClusterServiceFindings } from './karmada/multiClusterService';
import { overridePolicyFindings } from './karmada/override';
import { propagationPolicyFindings } from './karmada/propagation';
import { cronJobFindings, jobFindings } from './kube/jobRestartPolicy';
import { asObj, type Obj } from './values';

export type { AdmissionFinding } from './fieldErrors';
export { ADMISSION_RULES, type AdmissionCode } from './rules';

type AdmissionCheck = (object: Obj) => AdmissionFinding[];

const CHECKS: Record<string, AdmissionCheck> = {
  'policy.karmada.io/v1alpha1#PropagationPolicy': propagationPolicyFindings,
  'policy.karmada.io/v1alpha1#ClusterPropagationPolicy': propagationPolicyFindings,
  'policy.karmada.io/v1alpha1#OverridePolicy': overridePolicyFindings,
  'policy.karmada.io/v1alpha1#ClusterOverridePolicy': overridePolicyFindings,
  'policy.karmada.io/v1alpha1#FederatedResourceQuota': federatedResourceQuotaFindings,
  'policy.karmada.io/v1alpha1#ClusterTaintPolicy': clusterTaintPolicyFindings,
  'networking.karmada.io/v1alpha1#MultiClusterService': multiClusterServiceFindings,
  'networking.karmada.io/v1alpha1#MultiClusterIngress': multiClusterIngressFindings,
  'autoscaling.karmada.io/v1alpha1#FederatedHPA': federatedHpaFindings,
  'autoscaling.karmada.io/v1alpha1#CronFederatedHPA': cronFederatedHpaFindings,
  'batch/v1#Job': jobFindings,
  'batch/v1#CronJob': cronJobFindings,
};

export function hasAdmissionChecks(apiVersion: string, kind: string): boolean {
  return `${apiVersion}#${kind}` in CHECKS;
}

/** The admission findings for a document given as plain values (e.g. parsed YAML). */
export function admissionFindings(object: unknown): AdmissionFinding[] {
  const o = asObj(object);
  const check = o && CHECKS[`${String(o.apiVersion)}#${String(o.kind)}`];
  return check ? check(o) : [];
}

/** The same as diagnostics on a document's tree, each on the deepest node of its path that exists. */
export function admissionDiagnostics(root: YNode, text: string, apiVersion: string, kind: string): RelativeDiagnostic[] {
  if (!hasAdmissionChecks(apiVersion, kind)) return [];
  return admissionFindings(toValue(root)).map((f) => ({
    ...spanAtPath(root, text, f.path, f.onKey),
    severity: f.severity,
    code: f.code,
    message: f.message,
    path: f.path,
  }));
}
