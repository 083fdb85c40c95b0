/** Mutations breaking each rule of Karmada's OverridePolicy / ClusterOverridePolicy webhook. */
import { accepted, selectorInOtherNamespace, spec, variant, type AdmissionMutation, type Doc } from './mutation';

/** Replaces the policy's rules by one rule with `overriders` (and drops the deprecated top-level fields). */
function rule(doc: Doc, overriders: Doc, targetCluster: Doc = { clusterNames: ['member1'] }): void {
  const s = spec(doc);
  delete s.overriders;
  delete s.targetCluster;
  s.overrideRules = [{ targetCluster, overriders }];
}

const fieldOverrider = (item: Doc) => ({ fieldOverrider: [{ fieldPath: '/spec/replicas', ...item }] });
const patch = (extra: Doc = {}) => [{ subPath: '/a', operator: 'add', value: 1, ...extra }];
/** Keeps the policy's rules, or gives it one: OverridePolicy's mutating webhook drops `overrideRules: []`. */
const keepRules = (doc: Doc) => {
  const rules = spec(doc).overrideRules;
  if (!Array.isArray(rules) || !rules.length) spec(doc).overrideRules = [{ targetCluster: { clusterNames: ['member1'] }, overriders: {} }];
};
const targetClusterBeside = (rules: unknown[]) => (doc: Doc) => {
  delete spec(doc).overriders;
  spec(doc).targetCluster = { clusterNames: ['member1'] };
  spec(doc).overrideRules = rules;
};

export function overrideMutations(seed: Doc): AdmissionMutation[] {
  const out: AdmissionMutation[] = [
    variant(seed, 'karmada-override-target-cluster-conflict', 'targetCluster beside overrideRules', (d) => {
      delete spec(d).overriders;
      spec(d).targetCluster = { clusterNames: ['member1'] };
      keepRules(d);
    }),
    variant(seed, 'karmada-override-overriders-conflict', 'plaintext overriders beside overrideRules', (d) => {
      delete spec(d).targetCluster;
      spec(d).overriders = { plaintext: [{ path: '/metadata/labels/team', operator: 'add', value: 'shop' }] };
      keepRules(d);
    }),
    accepted(seed, 'karmada-override-overriders-conflict', 'a fieldOverrider beside overrideRules (it does not count)', (d) => {
      delete spec(d).targetCluster;
      spec(d).overriders = fieldOverrider({ json: patch() });
      keepRules(d);
    }),
    variant(seed, 'karmada-override-annotations', 'annotation key "bad key!"', (d) => rule(d, { annotationsOverrider: [{ operator: 'add', value: { 'bad key!': '1' } }] })),
    variant(seed, 'karmada-override-labels', 'label value "shop floor"', (d) => rule(d, { labelsOverrider: [{ operator: 'add', value: { team: 'shop floor' } }] })),
    accepted(seed, 'karmada-override-labels', 'label value "shop-floor"', (d) => rule(d, { labelsOverrider: [{ operator: 'add', value: { team: 'shop-floor' } }] })),
    variant(seed, 'karmada-override-image-path', 'image path without a leading slash', (d) =>
      rule(d, { imageOverrider: [{ predicate: { path: 'spec/template/spec/containers/0/image' }, component: 'Tag', operator: 'replace', value: 'v2' }] })),
    variant(seed, 'karmada-field-overrider-format', 'both json and yaml', (d) => rule(d, fieldOverrider({ json: patch(), yaml: patch() }))),
    variant(seed, 'karmada-field-overrider-format', 'neither json nor yaml', (d) => rule(d, fieldOverrider({}))),
    variant(seed, 'karmada-field-overrider-path', 'fieldPath without a leading slash', (d) => rule(d, { fieldOverrider: [{ fieldPath: 'spec/replicas', json: patch() }] })),
    variant(seed, 'karmada-field-overrider-path', 'subPath without a leading slash', (d) => rule(d, fieldOverrider({ yaml: patch({ subPath: 'a' }) }))),
    variant(seed, 'karmada-override-operator-value', 'remove with a value', (d) => rule(d, fieldOverrider({ json: patch({ operator: 'remove' }) }))),
    variant(seed, 'karmada-override-operator-value', 'replace without a value', (d) => {
      const [operation] = patch({ operator: 'replace' });
      delete (operation as Doc).value;
      rule(d, fieldOverrider({ json: [operation] }));
    }),
    accepted(seed, 'karmada-override-operator-value', 'remove without a value', (d) => {
      const [operation] = patch({ operator: 'remove' });
      delete (operation as Doc).value;
      rule(d, fieldOverrider({ json: [operation] }));
    }),
    variant(seed, 'karmada-field-selector-key', 'a rule targeting clusters by "name"', (d) =>
      rule(d, {}, { fieldSelector: { matchExpressions: [{ key: 'name', operator: 'In', values: ['member1'] }] } })),
    variant(seed, 'karmada-field-selector-operator', 'a rule targeting clusters with DoesNotExist', (d) =>
      rule(d, {}, { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] } })),
  ];
  if (seed.kind === 'OverridePolicy') {
    out.push(
      selectorInOtherNamespace(seed),
      accepted(seed, 'karmada-override-target-cluster-conflict', 'targetCluster beside overrideRules: [] (the mutating webhook drops the empty list)', targetClusterBeside([])),
      accepted(seed, 'null-value', 'overrideRules: null', (d) => {
        spec(d).overrideRules = null;
      }, "Karmada's mutating webhook patches the null away; without it (CRDs alone), server-side apply refuses it"),
    );
  } else {
    out.push(variant(seed, 'karmada-override-target-cluster-conflict', 'targetCluster beside overrideRules: [] (no mutating webhook drops it)', targetClusterBeside([])));
    out.push(variant(seed, 'null-value', 'overrideRules: null', (d) => {
      spec(d).overrideRules = null;
    }));
  }
  return out;
}
