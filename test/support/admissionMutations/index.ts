/**
 * Admission mutations: from a valid document, documents that each break one admission rule Flotilla
 * reports (core/language/admission/rules.ts, and `null-value`), plus near misses the server accepts.
 * Pure: a document object in, mutated copies out, each with the rule and the expected verdict, so that the
 * unit tests (Flotilla's diagnostics) and a lab running Karmada's webhook (the server's verdict) can
 * judge the same documents. Edits keep the documents valid against the CRD schemas.
 */
import { clusterTaintPolicyMutations, federatedResourceQuotaMutations, jobMutations, multiClusterServiceMutations } from './otherKinds';
import { cronFederatedHpaMutations, federatedHpaMutations } from './autoscaling';
import { multiClusterIngressMutations } from './multiClusterIngress';
import type { AdmissionMutation, Doc } from './mutation';
import { overrideMutations } from './override';
import { propagationMutations } from './propagation';

export type { AdmissionMutation, Doc } from './mutation';

const GENERATORS: Record<string, (seed: Doc) => AdmissionMutation[]> = {
  'policy.karmada.io/v1alpha1#PropagationPolicy': propagationMutations,
  'policy.karmada.io/v1alpha1#ClusterPropagationPolicy': propagationMutations,
  'policy.karmada.io/v1alpha1#OverridePolicy': overrideMutations,
  'policy.karmada.io/v1alpha1#ClusterOverridePolicy': overrideMutations,
  'policy.karmada.io/v1alpha1#FederatedResourceQuota': federatedResourceQuotaMutations,
  'policy.karmada.io/v1alpha1#ClusterTaintPolicy': clusterTaintPolicyMutations,
  'networking.karmada.io/v1alpha1#MultiClusterService': multiClusterServiceMutations,
  'networking.karmada.io/v1alpha1#MultiClusterIngress': multiClusterIngressMutations,
  'autoscaling.karmada.io/v1alpha1#FederatedHPA': federatedHpaMutations,
  'autoscaling.karmada.io/v1alpha1#CronFederatedHPA': cronFederatedHpaMutations,
  'batch/v1#Job': jobMutations,
  'batch/v1#CronJob': jobMutations,
};

/** The mutations of one document; none for kinds without admission rules. */
export function admissionMutations(seed: unknown): AdmissionMutation[] {
  if (!seed || typeof seed !== 'object' || Array.isArray(seed)) return [];
  const doc = seed as Doc;
  const generate = GENERATORS[`${String(doc.apiVersion)}#${String(doc.kind)}`];
  return generate ? generate(doc) : [];
}

/**
 * A document as the generators start from it: the upstream Jobs leave restartPolicy out, which the API
 * server refuses, so a Job seeds once it is Never. Other documents are returned as they are.
 */
export function seedOf(value: Doc): Doc {
  if (value.kind !== 'Job') return value;
  const copy = structuredClone(value);
  const podSpec = ((copy.spec as Doc)?.template as Doc)?.spec as Doc | undefined;
  if (podSpec && !podSpec.restartPolicy) podSpec.restartPolicy = 'Never';
  return copy;
}

export function hasAdmissionMutations(seed: unknown): boolean {
  const doc = seed as Doc | null;
  return !!doc && `${String(doc.apiVersion)}#${String(doc.kind)}` in GENERATORS;
}
