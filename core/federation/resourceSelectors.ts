import { selectorMatches } from '../placement/resourceSelectors';
import { overDocuments } from './environment';
import { compareEntries, type FactEntry, type WorkspaceFacts } from './facts';
import type { DocumentCheck, FederationFinding } from './types';
import { describeObject, finding, OVERRIDE_KINDS, PROPAGATION_KINDS } from './util';

/** resourceSelectors entries that select nothing in the workspace (nor in the cluster, when connected). */
export const unmatchedResourceSelectorsIn: DocumentCheck = (entry, env) => {
  const { doc, id, selectors } = entry;
  if (!selectors || !(PROPAGATION_KINDS.has(id.kind) || OVERRIDE_KINDS.has(id.kind))) return [];
  const scope = entry.scope;
  const findings: FederationFinding[] = [];
  for (const selector of selectors) {
    if (!selector.kind || env.facts.matching(selector, scope).length) continue;
    const what = `${selector.kind}${selector.name ? ` ${selector.name}` : ''}${selector.labelSelector ? ' with these labels' : ''}`;
    findings.push(finding(doc, ['spec', 'resourceSelectors', selector.index], 'selector-matches-nothing',
      `resourceSelectors[${selector.index}] (${selector.apiVersion} ${what}) matches nothing ${env.where}`, 'information'));
  }
  return findings;
};

export const unmatchedResourceSelectors = overDocuments(unmatchedResourceSelectorsIn);

type MatchStrength = 0 | 3 | 2 | 1;

/** Karmada's implicit priority: a name match beats a labelSelector match beats a kind-only match. */
function strengthOf(selector: { name?: string; labelSelector?: unknown }): MatchStrength {
  return selector.name ? 3 : selector.labelSelector ? 2 : 1;
}

function priorityOf(policy: unknown): number {
  const raw = (policy as { spec?: { priority?: unknown } })?.spec?.priority;
  return typeof raw === 'number' ? raw : 0;
}

/** How strongly a propagation policy claims a resource (0: not at all). */
export function claimStrength(policy: FactEntry, resource: FactEntry): MatchStrength {
  if (!PROPAGATION_KINDS.has(policy.id.kind)) return 0;
  const scope = policy.scope;
  let best: MatchStrength = 0;
  for (const selector of policy.selectors ?? []) {
    if (selectorMatches(selector, resource.id, scope)) best = Math.max(best, strengthOf(selector)) as MatchStrength;
  }
  return best;
}

/** The resources a propagation policy claims, in workspace order. */
export function claimedResources(policy: FactEntry, facts: WorkspaceFacts): FactEntry[] {
  if (!PROPAGATION_KINDS.has(policy.id.kind)) return [];
  const scope = policy.scope;
  return [...new Set((policy.selectors ?? []).flatMap((s) => facts.matching(s, scope)))].sort(compareEntries);
}

/** The propagation policies that claim a resource, in workspace order. */
export function claimants(resource: FactEntry, facts: WorkspaceFacts): FactEntry[] {
  return [...facts.policiesNaming(resource.id)].filter((p) => claimStrength(p, resource) > 0).sort(compareEntries);
}

/** Two policies of the same kind, equal priority and equally specific selectors, claiming one resource. */
export const equalPriorityConflictsIn: DocumentCheck = (policy, env) => {
  if (!PROPAGATION_KINDS.has(policy.id.kind)) return [];
  const findings: FederationFinding[] = [];
  const priority = priorityOf(policy.doc.value);
  for (const resource of claimedResources(policy, env.facts)) {
    const strength = claimStrength(policy, resource);
    const rivals = claimants(resource, env.facts).filter((b) => b !== policy && b.id.kind === policy.id.kind && priorityOf(b.doc.value) === priority && claimStrength(b, resource) === strength);
    if (!rivals.length) continue;
    const winner = [policy, ...rivals].map((c) => c.id.name).sort()[0];
    const path = (policy.doc.value as { spec?: { priority?: unknown } })?.spec?.priority !== undefined ? ['spec', 'priority'] : ['metadata', 'name'];
    findings.push(finding(policy.doc, path, 'equal-priority-conflict',
      `${describeObject(resource.doc.value)} is also claimed by ${rivals.map((r) => `${r.id.kind} ${r.id.name}`).join(', ')} at priority ${priority}; Karmada picks ${winner} (first by name)`));
  }
  return findings;
};

export const equalPriorityConflicts = overDocuments(equalPriorityConflictsIn);
