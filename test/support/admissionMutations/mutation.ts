/**
 * The shape of an admission mutation and the helpers every kind's generator uses. Generators are pure:
 * each variant is a deep copy of the input document with one edit.
 */
import type { AdmissionCode } from '../../../core/language/admission';

export type Doc = Record<string, unknown>;

export interface AdmissionMutation {
  /** The rule the document breaks (expect 'rejected'), or the rule it comes close to (expect 'accepted'). */
  rule: AdmissionCode | 'null-value';
  expect: 'rejected' | 'accepted';
  /** What was changed, for test output. */
  describe: string;
  document: Doc;
  /** Other rules the same edit necessarily breaks (the webhook reports them together). */
  alsoBreaks?: AdmissionCode[];
  /**
   * The request whose verdict `expect` states: a create, or for `null-value` a server-side apply (Flotilla
   * deploys with it; create and update drop a custom resource's explicit nulls on decoding, apply keeps them).
   */
  via: 'create' | 'apply';
  /** A condition of the verdict, for whoever runs it against a server. */
  note?: string;
}

export type Edit = (doc: Doc) => void;

export function variant(seed: Doc, rule: AdmissionMutation['rule'], describe: string, edit: Edit, extra: Partial<AdmissionMutation> = {}): AdmissionMutation {
  const document = structuredClone(seed);
  edit(document);
  return { rule, expect: 'rejected', describe, document, via: rule === 'null-value' ? 'apply' : 'create', ...extra };
}

export const accepted = (seed: Doc, rule: AdmissionMutation['rule'], describe: string, edit: Edit, note?: string): AdmissionMutation =>
  variant(seed, rule, describe, edit, { expect: 'accepted', ...(note ? { note } : {}) });

/** The object at `key` in `parent`, created when absent or not an object. */
export function obj(parent: Doc, key: string): Doc {
  const value = parent[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Doc;
  const created: Doc = {};
  parent[key] = created;
  return created;
}

export const spec = (doc: Doc): Doc => obj(doc, 'spec');

/** The list at `key` in `parent`, as objects (created when absent). */
export function list(parent: Doc, key: string): Doc[] {
  const value = parent[key];
  if (Array.isArray(value)) return value as Doc[];
  const created: Doc[] = [];
  parent[key] = created;
  return created;
}

/** A namespaced policy whose first resource selector names another namespace than the policy's. */
export const selectorInOtherNamespace = (seed: Doc): AdmissionMutation =>
  variant(seed, 'karmada-selector-namespace', 'a selector in another namespace', (d) => {
    const namespace = String(obj(d, 'metadata').namespace ?? 'default');
    obj(d, 'metadata').namespace = namespace;
    const selectors = list(spec(d), 'resourceSelectors');
    if (selectors[0]) selectors[0].namespace = `${namespace}-other`;
    else selectors.push({ apiVersion: 'v1', kind: 'ConfigMap', namespace: `${namespace}-other` });
  });
