import { identityOf } from '../placement/objects';
import { parseResourceSelectors, policyScope } from '../placement/resourceSelectors';
import { resourceIndex } from './resourceIndex';
import type { FederationCheck, FederationFinding } from './types';
import { describeObject, documentsOfKind, finding, OVERRIDE_KINDS, PROPAGATION_KINDS, whereLooked } from './util';

const SELECTING_KINDS = new Set([...PROPAGATION_KINDS, ...OVERRIDE_KINDS]);

/** resourceSelectors entries that select nothing in the workspace (nor in the cluster, when connected). */
export const unmatchedResourceSelectors: FederationCheck = (context) => {
  const resources = resourceIndex(context);
  const where = whereLooked(context);
  const findings: FederationFinding[] = [];
  for (const doc of documentsOfKind(context.documents, SELECTING_KINDS)) {
    const scope = policyScope(doc.value) ?? (identityOf(doc.value).kind === 'OverridePolicy' ? identityOf(doc.value).namespace ?? 'default' : undefined);
    for (const selector of parseResourceSelectors(doc.value)) {
      if (!selector.kind || resources.matching(selector, scope).length) continue;
      const what = `${selector.kind}${selector.name ? ` ${selector.name}` : ''}${selector.labelSelector ? ' with these labels' : ''}`;
      findings.push(finding(doc, ['spec', 'resourceSelectors', selector.index], 'selector-matches-nothing',
        `resourceSelectors[${selector.index}] (${selector.apiVersion} ${what}) matches nothing ${where}`, 'information'));
    }
  }
  return findings;
};

type MatchStrength = 3 | 2 | 1;

/** Karmada's implicit priority: a name match beats a labelSelector match beats a kind-only match. */
function strengthOf(selector: { name?: string; labelSelector?: unknown }): MatchStrength {
  return selector.name ? 3 : selector.labelSelector ? 2 : 1;
}

function priorityOf(policy: unknown): number {
  const raw = (policy as { spec?: { priority?: unknown } })?.spec?.priority;
  return typeof raw === 'number' ? raw : 0;
}

/** Two policies of the same kind, equal priority and equally specific selectors, claiming one resource. */
export const equalPriorityConflicts: FederationCheck = (context) => {
  const resources = resourceIndex(context);
  const policies = documentsOfKind(context.documents, PROPAGATION_KINDS).map((doc) => ({
    doc,
    priority: priorityOf(doc.value),
    id: identityOf(doc.value),
  }));
  // Per resource, the strongest match of each policy that claims it, in policy order.
  const claimsOf = new Map<unknown, Map<number, MatchStrength>>();
  policies.forEach((policy, order) => {
    const scope = policyScope(policy.doc.value);
    for (const selector of parseResourceSelectors(policy.doc.value)) {
      for (const { value } of resources.matching(selector, scope)) {
        const claims = claimsOf.get(value) ?? new Map<number, MatchStrength>();
        claims.set(order, Math.max(claims.get(order) ?? 0, strengthOf(selector)) as MatchStrength);
        claimsOf.set(value, claims);
      }
    }
  });
  const findings: FederationFinding[] = [];
  for (const { value: resource } of resources.all) {
    const byPolicy = claimsOf.get(resource);
    if (!byPolicy || byPolicy.size < 2) continue;
    const claims = [...byPolicy].sort(([a], [b]) => a - b).map(([order, strength]) => ({ ...policies[order], strength }));
    for (const a of claims) {
      const rivals = claims.filter((b) => b !== a && b.id.kind === a.id.kind && b.priority === a.priority && b.strength === a.strength);
      if (!rivals.length) continue;
      const winner = [a, ...rivals].map((c) => c.id.name).sort()[0];
      findings.push(finding(a.doc, a.doc.value && (a.doc.value as { spec?: { priority?: unknown } }).spec?.priority !== undefined ? ['spec', 'priority'] : ['metadata', 'name'], 'equal-priority-conflict',
        `${describeObject(resource)} is also claimed by ${rivals.map((r) => `${r.id.kind} ${r.id.name}`).join(', ')} at priority ${a.priority}; Karmada picks ${winner} (first by name)`));
    }
  }
  return findings;
};
