/**
 * The differential-test generator: seeded, pure and reproducible. A run is a list of fleets (what the
 * member clusters look like: labels, taints, topology, extra KWOK nodes, claims and add-on scores), each
 * with the Karmada and OCM cases scheduled against it.
 */
import { Random } from './random';

export const LABEL = 'fidelity.flotilla.dev';
export const TIER = `${LABEL}/tier`;
export const TEAM = `${LABEL}/team`;
export const DEDICATED = `${LABEL}/dedicated`;
/** A ClusterClaim's name is its object name: no slash. */
export const RACK = 'rack.fidelity.flotilla.dev';
/** The AddOnPlacementScore every fleet writes per ManagedCluster, and its score name. */
export const ADDON = { resourceName: 'fidelity', scoreName: 'score' };
/** Cluster sets the OCM cases may name; the first two are bound in the cases' namespace, the last is not. */
export const CLUSTER_SETS = { all: 'fid-all', gold: 'fid-gold', unbound: 'fid-unbound' };

export interface Taint { key: string; value?: string; effect: string }
export interface ExtraNode { cpu: string; memory: string; pods: string }

export interface MemberShape {
  name: string;
  /** fidelity.flotilla.dev/* labels, on the Karmada Cluster and the ManagedCluster. */
  labels: Record<string, string>;
  region: string;
  zone: string;
  provider: string;
  karmadaTaints: Taint[];
  ocmTaints: Taint[];
  /** ClusterClaims created on the member (reported by its agent in status.clusterClaims). */
  claims: Record<string, string>;
  /** KWOK nodes added to the member's own. */
  nodes: ExtraNode[];
  addonScore: number;
}

export interface Fleet { index: number; members: MemberShape[] }

export type KarmadaStrategy = 'Duplicated' | 'Divided static' | 'Divided dynamic' | 'Aggregated' | 'Divided equal';
export const KARMADA_STRATEGIES: KarmadaStrategy[] = ['Duplicated', 'Divided static', 'Divided dynamic', 'Aggregated', 'Divided equal'];

export interface KarmadaCase {
  id: string;
  fleet: number;
  strategy: KarmadaStrategy;
  policyKind: 'PropagationPolicy' | 'ClusterPropagationPolicy';
  placement: Record<string, unknown>;
  replicas: number;
  requests?: Record<string, string>;
  /** Replicas after the first schedule: the case then checks the rescheduled result. */
  scaleTo?: number;
  /** The first clusterAffinities term has overflowAffinities. */
  overflow?: boolean;
}

export interface OcmCase {
  id: string;
  fleet: number;
  /** The prioritizers in play, for the agreement table. */
  feature: string;
  spec: Record<string, unknown>;
}

export interface Run { seed: number; fleets: Fleet[]; karmada: KarmadaCase[]; ocm: OcmCase[] }

export interface GenerateOptions {
  seed: number;
  karmadaCases: number;
  ocmCases: number;
  members: string[];
  /** Karmada cases scheduled against one fleet before the next is applied. */
  casesPerFleet?: number;
}

const REGIONS = ['eu-west', 'us-east', 'ap-south'];
const PROVIDERS = ['aws', 'gcp', 'azure'];
const TIERS = ['gold', 'silver', 'bronze'];

function fleet(rnd: Random, index: number, names: string[]): Fleet {
  const members = names.map((name): MemberShape => {
    const region = rnd.pick(REGIONS);
    const labels: Record<string, string> = {};
    if (rnd.chance(0.85)) labels[TIER] = rnd.pick(TIERS);
    if (rnd.chance(0.6)) labels[TEAM] = rnd.pick(['a', 'b']);
    const karmadaTaints = rnd.chance(0.25) ? [{ key: DEDICATED, value: rnd.pick(['gpu', 'batch']), effect: rnd.pick(['NoSchedule', 'NoSchedule', 'NoExecute']) }] : [];
    const ocmTaints = rnd.chance(0.3) ? [{ key: DEDICATED, value: rnd.pick(['gpu', 'batch']), effect: rnd.pick(['NoSelect', 'PreferNoSelect', 'NoSelectIfNew']) }] : [];
    const nodes = Array.from({ length: rnd.pick([0, 0, 1, 1, 2, 3]) }, () => ({
      cpu: rnd.pick(['1', '2', '4', '8', '16']),
      memory: rnd.pick(['2Gi', '8Gi', '16Gi', '32Gi', '64Gi']),
      pods: rnd.pick(['8', '20', '110']),
    }));
    const claims: Record<string, string> = rnd.chance(0.7) ? { [RACK]: rnd.pick(['r1', 'r2', 'r3']) } : {};
    return { name, labels, region, zone: `${region}-1${rnd.pick(['a', 'b'])}`, provider: rnd.pick(PROVIDERS), karmadaTaints, ocmTaints, claims, nodes, addonScore: rnd.int(-100, 100) };
  });
  return { index, members };
}

/** A clusterAffinity term over this fleet's vocabulary. */
function affinityTerm(rnd: Random, names: string[]): Record<string, unknown> {
  switch (rnd.int(0, 4)) {
    case 0: return { clusterNames: rnd.subset(names, 1, names.length) };
    case 1: return rnd.chance(0.5)
      ? { labelSelector: { matchLabels: { [TIER]: rnd.pick(TIERS) } } }
      : { labelSelector: { matchExpressions: [{ key: rnd.pick([TIER, TEAM]), operator: rnd.pick(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: rnd.subset([...TIERS, 'a', 'b'], 1, 3) }] } };
    case 2: {
      const key = rnd.pick(['region', 'provider', 'zone']);
      const values = key === 'region' ? rnd.subset(REGIONS, 1, 2) : key === 'provider' ? rnd.subset(PROVIDERS, 1, 2) : rnd.subset(REGIONS.flatMap((r) => [`${r}-1a`, `${r}-1b`]), 1, 3);
      return { fieldSelector: { matchExpressions: [{ key, operator: rnd.pick(['In', 'NotIn']), values }] } };
    }
    case 3: return { exclude: rnd.subset(names, 1, 1) };
    default: return { labelSelector: { matchLabels: { [TEAM]: rnd.pick(['a', 'b']) } }, exclude: rnd.subset(names, 1, 1) };
  }
}

function withoutExists(term: Record<string, unknown>): Record<string, unknown> {
  // Exists and DoesNotExist take no values: the API server rejects values there.
  const expr = (term.labelSelector as { matchExpressions?: { operator: string; values?: string[] }[] } | undefined)?.matchExpressions?.[0];
  if (expr && (expr.operator === 'Exists' || expr.operator === 'DoesNotExist')) delete expr.values;
  return term;
}

function spreadConstraints(rnd: Random, members: number): Record<string, unknown>[] | undefined {
  if (!rnd.chance(0.45)) return undefined;
  const min = rnd.int(1, 2);
  // Now and then no maxGroups: karmada-scheduler reads Go's zero value there.
  const cluster: Record<string, unknown> = { spreadByField: 'cluster', minGroups: min, ...(rnd.chance(0.1) ? {} : { maxGroups: rnd.int(min, members) }) };
  const by = rnd.pick(['cluster', 'cluster', 'region', 'zone', 'provider', 'label', 'label alone']);
  if (by === 'cluster') return [cluster];
  // The webhook accepts a label constraint beside a cluster one, or alone (karmada-scheduler then fails it).
  const byLabel = { spreadByLabel: TEAM, minGroups: rnd.int(1, 2) };
  if (by === 'label') return [byLabel, cluster];
  if (by === 'label alone') return [byLabel];
  const groupMin = 1;
  const other = { spreadByField: by, minGroups: groupMin, ...(rnd.chance(0.5) ? { maxGroups: rnd.int(groupMin, 2) } : {}) };
  // The webhook wants the cluster maxGroups at least the other constraint's minGroups.
  return [other, { ...cluster, maxGroups: Math.max((cluster.maxGroups as number | undefined) ?? members, groupMin) }];
}

function replicaScheduling(rnd: Random, strategy: KarmadaStrategy, names: string[]): Record<string, unknown> | undefined {
  switch (strategy) {
    case 'Duplicated': return rnd.chance(0.5) ? undefined : { replicaSchedulingType: 'Duplicated' };
    case 'Aggregated': return { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };
    case 'Divided dynamic': return { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } };
    case 'Divided equal': return rnd.chance(0.5) ? { replicaSchedulingType: 'Divided' } : { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' };
    case 'Divided static': {
      const rules = Array.from({ length: rnd.int(1, 3) }, () => ({
        targetCluster: rnd.chance(0.6) ? { clusterNames: rnd.subset(names, 1, 2) } : { labelSelector: { matchLabels: { [TIER]: rnd.pick(TIERS) } } },
        // The CRD requires weight >= 1.
        weight: rnd.int(1, 5),
      }));
      return { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: rules } };
    }
  }
}

function karmadaCase(rnd: Random, id: string, fleetIndex: number, strategy: KarmadaStrategy, names: string[]): KarmadaCase {
  const placement: Record<string, unknown> = {};
  const affinity = rnd.int(0, 9);
  const dynamic = strategy === 'Divided dynamic' || strategy === 'Aggregated';
  // Overflow tiers (dynamic weights and Aggregated only): further groups the first term may spill into.
  const overflow = dynamic && rnd.chance(0.3);
  if (affinity >= 7 || overflow) {
    placement.clusterAffinities = Array.from({ length: rnd.int(overflow ? 1 : 2, 3) }, (_, i) => ({
      affinityName: `term${i}`, ...withoutExists(affinityTerm(rnd, names)),
      ...(overflow && i === 0 ? { overflowAffinities: Array.from({ length: rnd.int(1, 2) }, (__, j) => ({ affinityName: `burst${j}`, ...withoutExists(affinityTerm(rnd, names)) })) } : {}),
    }));
  } else if (affinity >= 2) {
    placement.clusterAffinity = withoutExists(affinityTerm(rnd, names));
  }
  const tolerations: Record<string, unknown>[] = [];
  // No effect tolerates NoSchedule and NoExecute alike.
  if (rnd.chance(0.4)) tolerations.push(rnd.chance(0.5) ? { key: DEDICATED, operator: 'Exists', ...(rnd.chance(0.5) ? { effect: 'NoSchedule' } : {}) } : { key: DEDICATED, operator: 'Equal', value: 'gpu', effect: rnd.pick(['NoSchedule', 'NoExecute']) });
  if (rnd.chance(0.3)) tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' });
  if (tolerations.length) placement.clusterTolerations = tolerations;
  if (strategy !== 'Divided static' && strategy !== 'Divided equal') {
    const spread = spreadConstraints(rnd, names.length);
    if (spread) placement.spreadConstraints = spread;
  }
  const scheduling = replicaScheduling(rnd, strategy, names);
  if (scheduling) placement.replicaScheduling = scheduling;
  const replicas = rnd.int(1, 12);
  const requests = rnd.chance(0.35) ? undefined : {
    cpu: rnd.pick(['100m', '250m', '500m', '1', '2']),
    ...(rnd.chance(0.5) ? { memory: rnd.pick(['128Mi', '512Mi', '1Gi', '4Gi']) } : {}),
  };
  const scaleTo = rnd.chance(0.2) ? Math.max(1, replicas + rnd.pick([-4, -2, -1, 1, 2, 5])) : undefined;
  return {
    id, fleet: fleetIndex, strategy, ...(overflow ? { overflow } : {}),
    policyKind: rnd.chance(0.3) ? 'ClusterPropagationPolicy' : 'PropagationPolicy',
    placement, replicas, ...(requests ? { requests } : {}), ...(scaleTo !== undefined && scaleTo !== replicas ? { scaleTo } : {}),
  };
}

const PRIORITIZERS = ['Steady', 'Balance', 'ResourceAllocatableCPU', 'ResourceAllocatableMemory', 'addon'];

function ocmCase(rnd: Random, id: string, fleetIndex: number): OcmCase {
  const spec: Record<string, unknown> = {};
  const sets = rnd.int(0, 5);
  if (sets >= 2) spec.clusterSets = sets === 5 ? [CLUSTER_SETS.unbound, CLUSTER_SETS.all] : rnd.subset([CLUSTER_SETS.all, CLUSTER_SETS.gold], 1, 2);
  if (rnd.chance(0.6)) spec.numberOfClusters = rnd.int(1, 4);
  if (rnd.chance(0.5)) {
    spec.predicates = Array.from({ length: rnd.int(1, 2) }, () => ({
      requiredClusterSelector: rnd.chance(0.5)
        ? { labelSelector: { matchExpressions: [{ key: TIER, operator: rnd.pick(['In', 'NotIn']), values: rnd.subset(TIERS, 1, 2) }] } }
        : { claimSelector: { matchExpressions: [{ key: RACK, operator: rnd.pick(['In', 'NotIn']), values: rnd.subset(['r1', 'r2', 'r3'], 1, 2) }] } },
    }));
  }
  if (rnd.chance(0.4)) spec.tolerations = [rnd.chance(0.5) ? { key: DEDICATED, operator: 'Exists' } : { key: DEDICATED, operator: 'Equal', value: 'gpu' }];
  let feature = 'default prioritizers';
  if (rnd.chance(0.7)) {
    const chosen = rnd.subset(PRIORITIZERS, 1, 3);
    const mode = rnd.pick(['Additive', 'Exact']);
    spec.prioritizerPolicy = {
      mode,
      configurations: chosen.map((name) => ({
        scoreCoordinate: name === 'addon' ? { type: 'AddOn', addOn: ADDON } : { type: 'BuiltIn', builtIn: name },
        // Never a negative Steady weight: it scores the Placement's own decisions (plugins/steady), so each
        // reschedule flips the answer, and what is read depends on how many passes ran, not on the inputs.
        weight: name === 'Steady' ? rnd.pick([1, 2, 3]) : rnd.pick([1, 1, 2, 3, -1]),
      })),
    };
    feature = `${mode}: ${chosen.join('+')}`;
    feature = chosen.length > 1 ? `${mode}: combined` : feature;
  }
  if (rnd.chance(0.3)) {
    // Decision groups: named groups by label or claim first, the rest cut by clustersPerDecisionGroup.
    const named = Array.from({ length: rnd.int(0, 2) }, (_, i) => ({
      groupName: `g${i}`,
      groupClusterSelector: rnd.chance(0.5)
        ? { labelSelector: { matchLabels: { [TIER]: rnd.pick(TIERS) } } }
        : { claimSelector: { matchExpressions: [{ key: RACK, operator: 'In', values: rnd.subset(['r1', 'r2', 'r3'], 1, 2) }] } },
    }));
    spec.decisionStrategy = { groupStrategy: { clustersPerDecisionGroup: rnd.pick([1, 2, '34%', '50%', '100%']), ...(named.length ? { decisionGroups: named } : {}) } };
    feature = `${feature} + decision groups`;
  }
  return { id, fleet: fleetIndex, feature, spec };
}

export function generateRun(options: GenerateOptions): Run {
  const root = new Random(options.seed);
  const perFleet = options.casesPerFleet ?? 25;
  const fleetCount = Math.max(1, Math.ceil(options.karmadaCases / perFleet), Math.ceil(options.ocmCases / Math.max(1, Math.ceil(perFleet / 3))));
  const fleetRnd = root.fork('fleets');
  const fleets = Array.from({ length: fleetCount }, (_, i) => fleet(fleetRnd, i, options.members));
  const karmadaRnd = root.fork('karmada');
  const karmada = Array.from({ length: options.karmadaCases }, (_, i) =>
    karmadaCase(karmadaRnd, `k${options.seed}-${i}`, Math.floor((i * fleetCount) / Math.max(1, options.karmadaCases)), KARMADA_STRATEGIES[i % KARMADA_STRATEGIES.length], options.members));
  const ocmRnd = root.fork('ocm');
  const ocm = Array.from({ length: options.ocmCases }, (_, i) => ocmCase(ocmRnd, `o${options.seed}-${i}`, Math.floor((i * fleetCount) / Math.max(1, options.ocmCases))));
  return { seed: options.seed, fleets, karmada, ocm };
}
