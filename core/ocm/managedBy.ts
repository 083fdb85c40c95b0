/**
 * What OCM's work agent leaves on the objects a ManifestWork applies: an owner reference to the
 * AppliedManifestWork named `<hubHash>-<ManifestWork name>`, where hubHash is the hex SHA-256 of the
 * hub's server URL (pkg/work/helper/helpers.go).
 */
import { createHash } from 'node:crypto';
import type { ManagedBy } from '../kube/managedBy';
import type { KubeObject } from '../kube/watch';

const APPLIED_MANIFEST_WORK = /^([0-9a-f]{64})-(.+)$/;

export function ocmManagedBy(obj: KubeObject): ManagedBy | undefined {
  const owners = (obj.metadata.ownerReferences ?? []) as { apiVersion?: string; kind?: string; name?: string }[];
  const owner = owners.find((o) => o.kind === 'AppliedManifestWork' && o.apiVersion?.startsWith('work.open-cluster-management.io/'));
  const parsed = owner?.name && APPLIED_MANIFEST_WORK.exec(owner.name);
  if (!parsed) return undefined;
  return { federation: 'OCM', summary: `managed by OCM ManifestWork ${parsed[2]}`, manifestWork: { hubHash: parsed[1], name: parsed[2] } };
}

/** The hash OCM's agents give the hub they registered with, from its server URL as they were given it. */
export function hubHash(server: string): string {
  return createHash('sha256').update(server).digest('hex');
}
