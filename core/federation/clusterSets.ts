import { asArray, field } from '../placement/objects';
import { overDocuments } from './environment';
import type { DocumentCheck, FederationFinding } from './types';
import { finding } from './util';

/** A Placement naming a ManagedClusterSet that has no ManagedClusterSetBinding in the Placement's namespace. */
export const unboundClusterSetsIn: DocumentCheck = ({ doc, id }, env) => {
  if (id.kind !== 'Placement' || !id.apiVersion.startsWith('cluster.open-cluster-management.io/')) return [];
  const namespace = id.namespace ?? 'default';
  const bound = env.facts.boundClusterSets(namespace);
  const findings: FederationFinding[] = [];
  asArray(field(doc.value, 'spec', 'clusterSets')).forEach((set, i) => {
    if (typeof set !== 'string' || bound.includes(set)) return;
    findings.push(finding(doc, ['spec', 'clusterSets', i], 'clusterset-not-bound',
      `ManagedClusterSet ${set} has no ManagedClusterSetBinding in namespace ${namespace}, so the Placement cannot select its clusters`));
  });
  return findings;
};

export const unboundClusterSets = overDocuments(unboundClusterSetsIn);
