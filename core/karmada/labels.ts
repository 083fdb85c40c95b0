/**
 * The labels and annotations Karmada v1.18 puts on bindings, Works and propagated objects
 * (pkg/apis/policy/v1alpha1 and pkg/apis/work/v1alpha2 well_known_constants.go). Names live in
 * annotations; labels carry permanent ids (older releases put names in labels too, so both are read).
 */
export const KARMADA_MANAGED_LABEL = 'karmada.io/managed';
export const PP_NAME = 'propagationpolicy.karmada.io/name';
export const PP_NAMESPACE = 'propagationpolicy.karmada.io/namespace';
export const CPP_NAME = 'clusterpropagationpolicy.karmada.io/name';
export const PP_PERMANENT_ID = 'propagationpolicy.karmada.io/permanent-id';
export const CPP_PERMANENT_ID = 'clusterpropagationpolicy.karmada.io/permanent-id';
export const RB_PERMANENT_ID = 'resourcebinding.karmada.io/permanent-id';
export const CRB_PERMANENT_ID = 'clusterresourcebinding.karmada.io/permanent-id';
export const RB_NAME = 'resourcebinding.karmada.io/name';
export const RB_NAMESPACE = 'resourcebinding.karmada.io/namespace';
export const CRB_NAME = 'clusterresourcebinding.karmada.io/name';
export const WORK_NAME = 'work.karmada.io/name';
export const WORK_NAMESPACE = 'work.karmada.io/namespace';

/** Karmada's execution namespace of a member: Works for it live there. */
export const EXECUTION_NAMESPACE_PREFIX = 'karmada-es-';

export const KARMADA_PATHS = {
  propagationPolicies: '/apis/policy.karmada.io/v1alpha1/propagationpolicies',
  clusterPropagationPolicies: '/apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies',
  resourceBindings: '/apis/work.karmada.io/v1alpha2/resourcebindings',
  clusterResourceBindings: '/apis/work.karmada.io/v1alpha2/clusterresourcebindings',
  works: '/apis/work.karmada.io/v1alpha1/works',
};

/** A label or annotation of the object (labels first). */
export function mark(obj: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } }, key: string): string | undefined {
  return obj.metadata.labels?.[key] ?? obj.metadata.annotations?.[key];
}
