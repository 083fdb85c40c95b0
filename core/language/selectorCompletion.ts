/**
 * Values of fields that name another resource: a Karmada resource selector, a FederatedHPA's
 * scaleTargetRef, a WorkloadRebalancer's workloads (apiVersion, kind, then names of the resources of
 * that kind in the workspace), and a ServiceExport's name (the Services it can export).
 */
import type { SchemaLookup } from './schemaCursor';

/** A resource the workspace holds; ParsedDocument fits. */
export interface ResourceRef {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

const SELECTOR_LISTS: Record<string, Set<string>> = {
  resourceSelectors: new Set(['policy.karmada.io', 'networking.karmada.io']),
  scaleTargetRef: new Set(['autoscaling.karmada.io']),
  workloads: new Set(['apps.karmada.io']),
};

export interface SelectorQuery {
  apiVersion?: string;
  kind?: string;
  /** The document's own apiVersion and kind. */
  docApiVersion?: string;
  docKind?: string;
  /** Field keys from the document root, list indexes left out. */
  keys: string[];
}

export type SelectorField = 'apiVersion' | 'kind' | 'name';

/** Which part of a resource reference `keys` ends at, if any. */
export function selectorField(q: SelectorQuery): SelectorField | undefined {
  const last = q.keys[q.keys.length - 1] as SelectorField;
  if (q.docApiVersion?.startsWith('multicluster.x-k8s.io/') && q.docKind === 'ServiceExport') return q.keys.join('.') === 'metadata.name' ? 'name' : undefined;
  if (last !== 'apiVersion' && last !== 'kind' && last !== 'name') return undefined;
  const group = q.docApiVersion?.split('/')[0] ?? '';
  const parent = q.keys[q.keys.length - 2];
  return parent && SELECTOR_LISTS[parent]?.has(group) ? last : undefined;
}

/** Candidate values for `field`, given the reference's other fields (`q.apiVersion`, `q.kind`). */
export function selectorValues(field: SelectorField, q: SelectorQuery, lookup: SchemaLookup, resources: readonly ResourceRef[]): string[] {
  const isServiceExport = q.docKind === 'ServiceExport';
  const apiVersion = isServiceExport ? 'v1' : q.apiVersion;
  const kind = isServiceExport ? 'Service' : q.kind;
  const out = new Set<string>();
  if (field === 'name') {
    for (const r of resources) if (r.name && r.kind === kind && (!apiVersion || r.apiVersion === apiVersion)) out.add(r.name);
    return [...out].sort();
  }
  const known = [...resources, ...lookup.entries()];
  const other = field === 'apiVersion' ? (r: ResourceRef) => r.kind === kind : (r: ResourceRef) => r.apiVersion === apiVersion;
  const matching = known.filter(other);
  // The other field unset, or naming nothing known: every value.
  for (const r of matching.length ? matching : known) {
    const value = field === 'apiVersion' ? r.apiVersion : r.kind;
    if (value) out.add(value);
  }
  return [...out].sort();
}
