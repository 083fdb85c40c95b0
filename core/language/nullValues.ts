/**
 * Where an explicit null is refused. A custom resource's field that is not `nullable` and has no default
 * fails the API server's schema check with a null (`must be of type array: "null"`) when the document is
 * server-side applied, which is how Flotilla deploys: apply keeps the null, while create and update drop it
 * on decoding. Built-in kinds decode null as the zero value. Karmada's mutating webhooks for the kinds
 * below decode the object into Go types and send back a patch before the schema check, which removes the
 * nulls of optional fields (those marshal with `omitempty`); required ones stay null and are reported as
 * missing.
 */
import type { Schema } from '../schema/model';

/** API groups of Kubernetes' built-in kinds (and, by the `.k8s.io` suffix, a few CRD groups, left out). */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'extensions']);

const ROUND_TRIPPED_BY_A_MUTATING_WEBHOOK = new Set([
  'policy.karmada.io/v1alpha1#PropagationPolicy',
  'policy.karmada.io/v1alpha1#ClusterPropagationPolicy',
  'policy.karmada.io/v1alpha1#OverridePolicy',
  'networking.karmada.io/v1alpha1#MultiClusterService',
  'autoscaling.karmada.io/v1alpha1#FederatedHPA',
  'work.karmada.io/v1alpha1#Work',
  'work.karmada.io/v1alpha2#ResourceBinding',
  'work.karmada.io/v1alpha2#ClusterResourceBinding',
]);

/** Whether a Karmada mutating webhook decodes and re-encodes documents of this kind before the schema check. */
export function roundTripped(apiVersion: string, kind: string): boolean {
  return ROUND_TRIPPED_BY_A_MUTATING_WEBHOOK.has(`${apiVersion}#${kind}`);
}

/**
 * What a missing required field becomes after the webhook's round trip, for the schema check: a struct
 * (an object schema with properties) is encoded as `{}` even when absent, so only its own required fields
 * that the same rule cannot fill stay missing (returned, as dotted paths below the field). A map, list or
 * scalar stays missing: undefined.
 */
export function missingAfterRoundTrip(schema: Schema | undefined, field: string): string[] | undefined {
  if (!schema || schema.type !== 'object' || !schema.properties) return undefined;
  const missing: string[] = [];
  for (const child of schema.required ?? []) {
    const below = missingAfterRoundTrip(schema.properties[child], child);
    if (below === undefined) missing.push(`${field}.${child}`);
    else missing.push(...below.map((path) => `${field}.${path}`));
  }
  return missing;
}

/** Whether optional fields of documents of this kind may not be null. */
export function nullsRejected(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (BUILT_IN_GROUPS.has(group) || group.endsWith('.k8s.io')) return false;
  return !roundTripped(apiVersion, kind);
}

/** The schema type a null fails against, or undefined when the schema takes a null (nullable, defaulted, untyped). */
export function typeRefusingNull(schema: Schema): string | undefined {
  if (schema.nullable || schema.default !== undefined || schema.intOrString || schema.alternatives) return undefined;
  return schema.type;
}
