/**
 * Which federation control plane put an object on a member, read from what the control plane leaves on
 * it (Karmada's labels and annotations, OCM's AppliedManifestWork owner).
 */
import { karmadaManagedBy } from '../karmada/managedBy';
import { ocmManagedBy } from '../ocm/managedBy';
import type { KubeObject } from './watch';

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface ManagedBy {
  federation: 'Karmada' | 'OCM';
  /** "managed by Karmada policy shop/web / binding shop/web-deployment" */
  summary: string;
  /** Karmada: the (Cluster)PropagationPolicy, (Cluster)ResourceBinding and Work behind the object. */
  policy?: ObjectRef;
  binding?: ObjectRef;
  work?: ObjectRef;
  /** OCM: the ManifestWork's name and the hash of the hub's server URL it came from. */
  manifestWork?: { name: string; hubHash: string };
}

export function managedBy(obj: KubeObject): ManagedBy | undefined {
  return karmadaManagedBy(obj) ?? ocmManagedBy(obj);
}

export function refText(ref: ObjectRef | undefined): string {
  return ref ? (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name) : '';
}
