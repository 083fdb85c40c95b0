import { boundClusterSets } from '../placement/ocm/placement';
import { asArray, field, identityOf } from '../placement/objects';
import type { FederationCheck, FederationFinding } from './types';
import { documentsOfKind, finding } from './util';

/** A Placement naming a ManagedClusterSet that has no ManagedClusterSetBinding in the Placement's namespace. */
export const unboundClusterSets: FederationCheck = ({ documents, liveObjects }) => {
  const all = [...documents.map((d) => d.value), ...(liveObjects ?? [])];
  const findings: FederationFinding[] = [];
  for (const doc of documentsOfKind(documents, 'Placement')) {
    const id = identityOf(doc.value);
    if (!id.apiVersion.startsWith('cluster.open-cluster-management.io/')) continue;
    const namespace = id.namespace ?? 'default';
    const bound = boundClusterSets(all, namespace);
    asArray(field(doc.value, 'spec', 'clusterSets')).forEach((set, i) => {
      if (typeof set !== 'string' || bound.includes(set)) return;
      findings.push(finding(doc, ['spec', 'clusterSets', i], 'clusterset-not-bound',
        `ManagedClusterSet ${set} has no ManagedClusterSetBinding in namespace ${namespace}, so the Placement cannot select its clusters`));
    });
  }
  return findings;
};
