/**
 * Removes what differs between clusters by nature (identity, bookkeeping, status) so that comparing the
 * same object from two members shows only drift.
 */
import type { KubeObject } from './watch';

const METADATA_NOISE = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp'];
const ANNOTATION_NOISE = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

export function stripForCompare(obj: KubeObject, options: { keepStatus?: boolean } = {}): KubeObject {
  const copy = structuredClone(obj);
  for (const key of METADATA_NOISE) delete copy.metadata[key];
  const annotations = copy.metadata.annotations;
  if (annotations) {
    for (const key of ANNOTATION_NOISE) delete annotations[key];
    if (!Object.keys(annotations).length) delete copy.metadata.annotations;
  }
  if (!options.keepStatus) delete copy.status;
  return copy;
}
