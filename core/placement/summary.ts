import type { PlacementOutcome } from './result';

/** One line for a CodeLens: "member1: 4 · member2: 3 · member3: 3 (Divided, static weights)". */
export function formatSummary(outcome: PlacementOutcome): string {
  if (outcome.error) return `No placement: ${outcome.error}`;
  const parts = outcome.clusters.map((c) => (c.replicas === undefined ? c.name : `${c.name}: ${c.replicas}`));
  const groups = new Set(outcome.clusters.flatMap((c) => (c.decisionGroup ? [c.decisionGroup.index] : []))).size;
  return `${parts.join(' · ') || 'no clusters'} (${outcome.strategy}${groups ? `, ${groups} decision group${groups === 1 ? '' : 's'}` : ''})`;
}
