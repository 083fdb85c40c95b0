import { identityOf } from '../placement/objects';
import { parseResourceSelectors, policyScope, selectorMatches, type ResourceSelector } from '../placement/resourceSelectors';
import type { FederationCheck, FederationContext, FederationFinding } from './types';
import { describeObject, documentsOfKind, finding, OVERRIDE_KINDS, PROPAGATION_KINDS, whereLooked } from './util';

const SELECTING_KINDS = new Set([...PROPAGATION_KINDS, ...OVERRIDE_KINDS]);

/** The resources a policy could select: workspace documents plus live objects, never the policies themselves. */
export function candidateResources(context: FederationContext): unknown[] {
  const all = [...context.documents.map((d) => d.value), ...(context.liveObjects ?? [])];
  return all.filter((v) => {
    const id = identityOf(v);
    return id.kind && id.name && !SELECTING_KINDS.has(id.kind);
  });
}

export function matchedBy(selector: ResourceSelector, scope: string | undefined, resources: unknown[]): unknown[] {
  return resources.filter((r) => selectorMatches(selector, identityOf(r), scope));
}

/** resourceSelectors entries that select nothing in the workspace (nor in the cluster, when connected). */
export const unmatchedResourceSelectors: FederationCheck = (context) => {
  const resources = candidateResources(context);
  const where = whereLooked(context);
  const findings: FederationFinding[] = [];
  for (const doc of documentsOfKind(context.documents, SELECTING_KINDS)) {
    const scope = policyScope(doc.value) ?? (identityOf(doc.value).kind === 'OverridePolicy' ? identityOf(doc.value).namespace ?? 'default' : undefined);
    for (const selector of parseResourceSelectors(doc.value)) {
      if (!selector.kind || matchedBy(selector, scope, resources).length) continue;
      const what = `${selector.kind}${selector.name ? ` ${selector.name}` : ''}${selector.labelSelector ? ' with these labels' : ''}`;
      findings.push(finding(doc, ['spec', 'resourceSelectors', selector.index], 'selector-matches-nothing',
        `resourceSelectors[${selector.index}] (${selector.apiVersion} ${what}) matches nothing ${where}`, 'information'));
    }
  }
  return findings;
};

type MatchStrength = 3 | 2 | 1;

/** Karmada's implicit priority: a name match beats a labelSelector match beats a kind-only match. */
function strongestMatch(policy: unknown, resource: unknown): MatchStrength | 0 {
  const scope = policyScope(policy);
  let best: MatchStrength | 0 = 0;
  for (const selector of parseResourceSelectors(policy)) {
    if (!selectorMatches(selector, identityOf(resource), scope)) continue;
    const strength: MatchStrength = selector.name ? 3 : selector.labelSelector ? 2 : 1;
    if (strength > best) best = strength;
  }
  return best;
}

function priorityOf(policy: unknown): number {
  const raw = (policy as { spec?: { priority?: unknown } })?.spec?.priority;
  return typeof raw === 'number' ? raw : 0;
}

/** Two policies of the same kind, equal priority and equally specific selectors, claiming one resource. */
export const equalPriorityConflicts: FederationCheck = (context) => {
  const resources = candidateResources(context);
  const findings: FederationFinding[] = [];
  const policies = documentsOfKind(context.documents, PROPAGATION_KINDS);
  for (const resource of resources) {
    const claims = policies
      .map((doc) => ({ doc, strength: strongestMatch(doc.value, resource), priority: priorityOf(doc.value), id: identityOf(doc.value) }))
      .filter((c) => c.strength > 0);
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
