import { affinityMismatch, spreadValue, taintMismatch } from '../placement/karmada/filters';
import { parseKarmadaPlacement } from '../placement/karmada/policy';
import { asArray, field, identityOf } from '../placement/objects';
import { overDocuments } from './environment';
import type { DocumentCheck, FederationDocument, FederationFinding } from './types';
import { finding, PROPAGATION_KINDS } from './util';

/** Whether the document has spread constraints, whose check reads every member's labels, taints and topology. */
export function spreadsOverMembers(doc: FederationDocument): boolean {
  return PROPAGATION_KINDS.has(identityOf(doc.value).kind) && asArray(field(doc.value, 'spec', 'placement', 'spreadConstraints')).length > 0;
}

/** Spread constraints whose minGroups the current members (that pass the affinity and taints) cannot meet. */
export const unsatisfiableSpreadIn: DocumentCheck = ({ doc, id }, env) => {
  if (!env.members || !PROPAGATION_KINDS.has(id.kind)) return [];
  const members = env.members.filter((m) => m.kind === 'Cluster');
  if (!members.length) return [];
  const findings: FederationFinding[] = [];
  const placement = parseKarmadaPlacement(doc.value);
  const rawConstraints = asArray(field(doc.value, 'spec', 'placement', 'spreadConstraints'));
  const eligible = members.filter((m) => !m.deleting && !taintMismatch(placement.tolerations, m) && placement.affinities.some((a) => !affinityMismatch(a, m)));
  placement.spreadConstraints.forEach((constraint, i) => {
    const groups = new Set(eligible.map((m) => spreadValue(constraint, m)).filter((v) => v !== undefined));
    if (groups.size >= constraint.minGroups) return;
    const by = constraint.byLabel ? `label ${constraint.byLabel}` : constraint.byField;
    const path = field(rawConstraints[i], 'minGroups') !== undefined ? ['spec', 'placement', 'spreadConstraints', i, 'minGroups'] : ['spec', 'placement', 'spreadConstraints', i];
    findings.push(finding(doc, path, 'spread-unsatisfiable',
      `minGroups ${constraint.minGroups} by ${by}, but the eligible members span ${groups.size} (${[...groups].join(', ') || 'none'})`, 'error'));
  });
  return findings;
};

export const unsatisfiableSpread = overDocuments(unsatisfiableSpreadIn);
