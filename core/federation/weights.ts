import { asArray, asNumber, field } from '../placement/objects';
import { overDocuments } from './environment';
import type { DocumentCheck } from './types';
import { finding, PROPAGATION_KINDS } from './util';

const LIST = ['spec', 'placement', 'replicaScheduling', 'weightPreference', 'staticWeightList'];

/** staticWeightList whose weights are all 0: Karmada then falls back to weight 1 for every cluster. */
export const allZeroStaticWeightsIn: DocumentCheck = ({ doc, id }) => {
  if (!PROPAGATION_KINDS.has(id.kind)) return [];
  const rules = asArray(field(doc.value, ...LIST));
  if (!rules.length || rules.some((rule) => (asNumber(field(rule, 'weight')) ?? 0) > 0)) return [];
  return [finding(doc, LIST, 'static-weights-all-zero', 'every static weight is 0: Karmada ignores the list and divides replicas equally')];
};

export const allZeroStaticWeights = overDocuments(allZeroStaticWeightsIn);
