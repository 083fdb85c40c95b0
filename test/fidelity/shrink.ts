/**
 * Shrinks a disagreeing case to a minimal one: greedily takes the first smaller variant (one part of
 * the policy dropped, one list entry removed, replicas cut) for which the scheduler and the preview
 * still disagree, until no variant does or the budget of lab runs is spent. Variants keep what the
 * webhook requires (a cluster spread constraint beside any other field constraint, one affinity term).
 */
import type { KarmadaCase, OcmCase } from './generate';

type Obj = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

/** `base` with the list at `key` of `holder(copy)` missing its i-th entry, for each i (at least `keep` left). */
function withoutEach<T>(base: T, holder: (copy: T) => Obj | undefined, key: string, keep = 0): T[] {
  const list = holder(base)?.[key];
  if (!Array.isArray(list) || list.length <= keep) return [];
  return list.map((_, i) => {
    const copy = clone(base);
    (holder(copy)![key] as unknown[]).splice(i, 1);
    return copy;
  });
}

function without<T>(base: T, holder: (copy: T) => Obj | undefined, key: string): T[] {
  if (holder(base)?.[key] === undefined) return [];
  const copy = clone(base);
  delete holder(copy)![key];
  return [copy];
}

const placementOf = (c: KarmadaCase) => c.placement;

export function karmadaReductions(c: KarmadaCase): KarmadaCase[] {
  const spread = (c.placement.spreadConstraints ?? []) as { spreadByField?: string }[];
  // Dropping the cluster constraint alone would leave one the webhook rejects.
  const spreadVariants = spread.some((s) => s.spreadByField && s.spreadByField !== 'cluster') ? [] : withoutEach(c, placementOf, 'spreadConstraints');
  const weights = (copy: KarmadaCase) => (copy.placement.replicaScheduling as Obj | undefined)?.weightPreference as Obj | undefined;
  const affinities = (copy: KarmadaCase) => copy.placement;
  return [
    ...without(c, placementOf, 'spreadConstraints'),
    ...spreadVariants,
    ...without(c, placementOf, 'clusterTolerations'),
    ...withoutEach(c, placementOf, 'clusterTolerations', 1),
    ...without(c, placementOf, 'clusterAffinity'),
    ...withoutEach(c, affinities, 'clusterAffinities', 1),
    ...withoutEach(c, (copy) => ((copy.placement.clusterAffinities ?? []) as Obj[])[0], 'overflowAffinities', 1),
    ...withoutEach(c, weights, 'staticWeightList', 1),
    ...(c.scaleTo !== undefined ? [{ ...clone(c), scaleTo: undefined }] : []),
    ...(c.requests ? [{ ...clone(c), requests: undefined }] : []),
    ...(c.replicas > 1 ? [{ ...clone(c), replicas: 1 }, { ...clone(c), replicas: Math.floor(c.replicas / 2) }] : []),
    ...(c.policyKind === 'ClusterPropagationPolicy' ? [{ ...clone(c), policyKind: 'PropagationPolicy' as const }] : []),
  ].filter((v) => JSON.stringify(v) !== JSON.stringify(c));
}

const specOf = (c: OcmCase) => c.spec;

export function ocmReductions(c: OcmCase): OcmCase[] {
  const groupStrategy = (copy: OcmCase) => (copy.spec.decisionStrategy as Obj | undefined)?.groupStrategy as Obj | undefined;
  const prioritizers = (copy: OcmCase) => copy.spec.prioritizerPolicy as Obj | undefined;
  return [
    ...without(c, specOf, 'decisionStrategy'),
    ...withoutEach(c, groupStrategy, 'decisionGroups'),
    ...without(c, specOf, 'predicates'),
    ...withoutEach(c, specOf, 'predicates', 1),
    ...without(c, specOf, 'tolerations'),
    ...without(c, specOf, 'prioritizerPolicy'),
    ...withoutEach(c, prioritizers, 'configurations', 1),
    ...without(c, specOf, 'numberOfClusters'),
    ...without(c, specOf, 'clusterSets'),
  ];
}

/** The smallest variant of `start` found that still disagrees, and how many variants were tried. */
export async function shrink<T>(start: T, reductions: (value: T) => T[], stillDisagrees: (value: T) => Promise<boolean>, budget = 40): Promise<{ value: T; tries: number }> {
  let value = start;
  let tries = 0;
  for (let progressed = true; progressed && tries < budget;) {
    progressed = false;
    for (const smaller of reductions(value)) {
      if (tries >= budget) break;
      tries++;
      if (await stillDisagrees(smaller)) {
        value = smaller;
        progressed = true;
        break;
      }
    }
  }
  return { value, tries };
}
