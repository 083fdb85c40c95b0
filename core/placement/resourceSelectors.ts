import { parseLabelSelector, selectorMismatch } from './labelSelector';
import { asArray, asString, field, identityOf, type ObjectIdentity } from './objects';

/** One entry of a Karmada policy's spec.resourceSelectors. */
export interface ResourceSelector {
  index: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  labelSelector?: ReturnType<typeof parseLabelSelector>;
}

export function parseResourceSelectors(policy: unknown): ResourceSelector[] {
  return asArray(field(policy, 'spec', 'resourceSelectors')).map((raw, index) => ({
    index,
    apiVersion: asString(field(raw, 'apiVersion')) ?? '',
    kind: asString(field(raw, 'kind')) ?? '',
    namespace: asString(field(raw, 'namespace')) || undefined,
    name: asString(field(raw, 'name')) || undefined,
    labelSelector: parseLabelSelector(field(raw, 'labelSelector')),
  }));
}

/**
 * Whether the selector picks the resource. A namespaced PropagationPolicy only sees its own namespace;
 * a name wins over a labelSelector, as in Karmada's ResourceMatches.
 */
export function selectorMatches(selector: ResourceSelector, resource: ObjectIdentity, policyNamespace?: string): boolean {
  if (selector.apiVersion !== resource.apiVersion || selector.kind !== resource.kind) return false;
  const namespace = policyNamespace ?? selector.namespace;
  if (namespace && (resource.namespace ?? 'default') !== namespace) return false;
  if (selector.name) return selector.name === resource.name;
  return selectorMismatch(selector.labelSelector, resource.labels) === undefined;
}

/** The policy's namespace when it is a namespaced PropagationPolicy (default "default"), else undefined. */
export function policyScope(policy: unknown): string | undefined {
  const id = identityOf(policy);
  return id.kind === 'PropagationPolicy' ? (id.namespace ?? 'default') : undefined;
}

export function policySelects(policy: unknown, resource: unknown): boolean {
  const id = identityOf(resource);
  const scope = policyScope(policy);
  return parseResourceSelectors(policy).some((s) => selectorMatches(s, id, scope));
}
