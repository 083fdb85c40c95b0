/**
 * Removes what differs between clusters by nature (identity, bookkeeping, status) so that comparing the
 * same object from two members shows only drift.
 */
import type { KubeObject } from './watch';

const METADATA_NOISE = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp'];
const ANNOTATION_NOISE = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];
/** What Karmada writes on every object it propagates: which Work, binding and policy it came from. */
const KARMADA_BOOKKEEPING = /^(work|resourcebinding|clusterresourcebinding|propagationpolicy|clusterpropagationpolicy|resourcetemplate)\.karmada\.io\/|^karmada\.io\/managed$/;

function withoutKeys(map: Record<string, string> | undefined, noise: (key: string) => boolean): Record<string, string> | undefined {
  if (!map) return undefined;
  const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !noise(key)));
  return Object.keys(kept).length ? kept : undefined;
}

export function stripForCompare(obj: KubeObject, options: { keepStatus?: boolean } = {}): KubeObject {
  const copy = structuredClone(obj);
  for (const key of METADATA_NOISE) delete copy.metadata[key];
  const annotations = withoutKeys(copy.metadata.annotations, (key) => ANNOTATION_NOISE.includes(key) || KARMADA_BOOKKEEPING.test(key));
  const labels = withoutKeys(copy.metadata.labels, (key) => KARMADA_BOOKKEEPING.test(key));
  if (annotations) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  if (labels) copy.metadata.labels = labels;
  else delete copy.metadata.labels;
  if (!options.keepStatus) delete copy.status;
  return copy;
}
