/** Mutations breaking each rule of Karmada's PropagationPolicy / ClusterPropagationPolicy webhook. */
import { accepted, list, obj, selectorInOtherNamespace, spec, variant, type AdmissionMutation, type Doc } from './mutation';

const AGGREGATED = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };

const placement = (doc: Doc): Doc => obj(spec(doc), 'placement');

/** Replaces clusterAffinity by clusterAffinities (the two may not co-exist). */
function affinities(doc: Doc, terms: unknown[], replicaScheduling?: unknown): void {
  const p = placement(doc);
  delete p.clusterAffinity;
  p.clusterAffinities = terms;
  if (replicaScheduling) p.replicaScheduling = replicaScheduling;
}

function affinity(doc: Doc, value: unknown): void {
  const p = placement(doc);
  delete p.clusterAffinities;
  p.clusterAffinity = value;
}

const spread = (doc: Doc, constraints: unknown[]) => {
  placement(doc).spreadConstraints = constraints;
};

function failover(doc: Doc, application: Doc, propagateDeps = true): void {
  spec(doc).failover = { application: { decisionConditions: { tolerationSeconds: 60 }, ...application } };
  if (propagateDeps) spec(doc).propagateDeps = true;
  else delete spec(doc).propagateDeps;
}

const term = (name: string, extra: Doc = {}) => ({ affinityName: name, clusterNames: ['member1'], ...extra });
const overflow = (name: string) => ({ overflowAffinities: [{ affinityName: name, clusterNames: ['member2'] }] });
const selector = (key: string, operator: string) => ({ fieldSelector: { matchExpressions: [{ key, operator, values: ['eu'] }] } });

export function propagationMutations(seed: Doc): AdmissionMutation[] {
  const out: AdmissionMutation[] = [
    variant(seed, 'karmada-affinity-exclusive', 'clusterAffinity and clusterAffinities', (d) => {
      placement(d).clusterAffinity = { clusterNames: ['member1'] };
      placement(d).clusterAffinities = [term('primary')];
    }),
    accepted(seed, 'karmada-affinity-exclusive', 'clusterAffinity beside clusterAffinities: [] (the mutating webhook drops the empty list)', (d) => {
      placement(d).clusterAffinity = { clusterNames: ['member1'] };
      placement(d).clusterAffinities = [];
    }),
    variant(seed, 'karmada-overflow-scheduling', 'overflow affinities with Duplicated replicas', (d) => affinities(d, [term('primary', overflow('burst'))], { replicaSchedulingType: 'Duplicated' })),
    accepted(seed, 'karmada-overflow-scheduling', 'overflowAffinities: [] with Duplicated replicas (dropped by the mutating webhook)', (d) =>
      affinities(d, [term('primary', { overflowAffinities: [] })], { replicaSchedulingType: 'Duplicated' })),
    accepted(seed, 'karmada-overflow-scheduling', 'overflow affinities with Aggregated replicas', (d) => affinities(d, [term('primary', overflow('burst'))], AGGREGATED)),
    variant(seed, 'karmada-field-selector-key', 'fieldSelector on key "flavor"', (d) => affinity(d, selector('flavor', 'In'))),
    variant(seed, 'karmada-field-selector-operator', 'fieldSelector with Exists', (d) => affinity(d, selector('region', 'Exists'))),
    accepted(seed, 'karmada-field-selector-key', 'fieldSelector region In', (d) => affinity(d, selector('region', 'In'))),
    variant(seed, 'karmada-affinity-name', 'affinityName "bad name"', (d) => affinities(d, [term('bad name')])),
    variant(seed, 'karmada-affinity-name-unique', 'two terms named "primary"', (d) => affinities(d, [term('primary'), term('primary')])),
    accepted(seed, 'karmada-affinity-name-unique', 'two terms with their own names', (d) => affinities(d, [term('primary'), term('backup')])),
    variant(seed, 'karmada-overflow-needs-affinity', 'overflow on a term without clusters', (d) => affinities(d, [{ affinityName: 'primary', ...overflow('burst') }], AGGREGATED)),
    variant(seed, 'karmada-overflow-name-unique', 'overflow named like its term', (d) => affinities(d, [term('primary', overflow('primary'))], AGGREGATED)),
    variant(seed, 'karmada-spread-field-and-label', 'spreadByField and spreadByLabel', (d) => spread(d, [{ spreadByField: 'cluster', spreadByLabel: 'zone', minGroups: 1 }])),
    variant(seed, 'karmada-spread-negative-groups', 'minGroups -1', (d) => spread(d, [{ spreadByField: 'cluster', minGroups: -1 }])),
    variant(seed, 'karmada-spread-max-below-min', 'maxGroups 2 < minGroups 3', (d) => spread(d, [{ spreadByField: 'cluster', minGroups: 3, maxGroups: 2 }])),
    accepted(seed, 'karmada-spread-max-below-min', 'maxGroups = minGroups', (d) => spread(d, [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }])),
    variant(seed, 'karmada-spread-field-repeated', 'two cluster constraints', (d) => spread(d, [{ spreadByField: 'cluster', minGroups: 1 }, { spreadByField: 'cluster', minGroups: 2 }])),
    variant(seed, 'karmada-spread-cluster-required', 'region without cluster', (d) => spread(d, [{ spreadByField: 'region', minGroups: 1 }])),
    accepted(seed, 'karmada-spread-cluster-required', 'region with a constraint the webhook defaults to cluster', (d) => spread(d, [{ spreadByField: 'region', minGroups: 1 }, { minGroups: 1 }])),
    variant(seed, 'karmada-workload-affinity-key', 'groupByLabelKey "app group"', (d) => {
      placement(d).workloadAffinity = { affinity: { groupByLabelKey: 'app group' } };
    }),
    variant(seed, 'karmada-workload-affinity-same-key', 'affinity and anti-affinity on one key', (d) => {
      placement(d).workloadAffinity = { affinity: { groupByLabelKey: 'app.group' }, antiAffinity: { groupByLabelKey: 'app.group' } };
    }),
    variant(seed, 'karmada-toleration-operator', 'a Gt toleration', (d) => {
      placement(d).clusterTolerations = [{ key: 'gpu', operator: 'Gt', value: '4', effect: 'NoSchedule' }];
    }),
    variant(seed, 'karmada-failover-toleration-seconds', 'tolerationSeconds -1', (d) => failover(d, { decisionConditions: { tolerationSeconds: -1 } })),
    variant(seed, 'karmada-failover-grace-period-purge-mode', 'gracePeriodSeconds with purgeMode Directly', (d) => failover(d, { purgeMode: 'Directly', gracePeriodSeconds: 60 })),
    variant(seed, 'karmada-failover-grace-period', 'gracePeriodSeconds 0', (d) => failover(d, { purgeMode: 'Gracefully', gracePeriodSeconds: 0 })),
    accepted(seed, 'karmada-failover-grace-period', 'purgeMode Gracefully without a grace period (the webhook sets 600)', (d) => failover(d, { purgeMode: 'Gracefully' })),
    variant(seed, 'karmada-state-preservation-label', 'aliasLabelName "bad label"', (d) => failover(d, { statePreservation: { rules: [{ aliasLabelName: 'bad label', jsonPath: '{ .replicas }' }] } })),
    variant(seed, 'karmada-preemption-selector-name', 'preemption Always, a selector without name', (d) => {
      spec(d).preemption = 'Always';
      delete list(spec(d), 'resourceSelectors')[0]?.name;
    }),
    variant(seed, 'karmada-suspension-conflict', 'dispatching suspended and clusters named', (d) => {
      spec(d).suspension = { dispatching: true, dispatchingOnClusters: { clusterNames: ['member1'] } };
    }),
  ];
  const selectors = (seed.spec as Doc | undefined)?.resourceSelectors;
  if (!(Array.isArray(selectors) && selectors.some((s: Doc) => s?.kind === 'ServiceImport'))) {
    out.push(variant(seed, 'karmada-failover-propagate-deps', 'application failover, propagateDeps off', (d) => failover(d, {}, false)));
  }
  if (!(seed.spec as Doc | undefined)?.failover) {
    out.push(accepted(seed, 'null-value', 'propagateDeps: null (the mutating webhook drops it)', (d) => {
      spec(d).propagateDeps = null;
    }));
  }
  if (seed.kind === 'PropagationPolicy') out.push(selectorInOtherNamespace(seed));
  return out;
}
