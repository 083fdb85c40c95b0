/** Mutations breaking each rule of Karmada's FederatedHPA and CronFederatedHPA webhooks. */
import { accepted, list, obj, spec, variant, type AdmissionMutation, type Doc } from './mutation';

const CPU = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } };

function replicas(doc: Doc, min: number | undefined, max: number): void {
  const s = spec(doc);
  if (min === undefined) delete s.minReplicas;
  else s.minReplicas = min;
  s.maxReplicas = max;
}

const metrics = (doc: Doc, ...items: unknown[]) => {
  spec(doc).metrics = items;
};
const behavior = (doc: Doc, value: Doc) => {
  spec(doc).behavior = value;
};

export function federatedHpaMutations(seed: Doc): AdmissionMutation[] {
  return [
    variant(seed, 'karmada-fhpa-min-replicas', 'minReplicas 0', (d) => replicas(d, 0, 10)),
    variant(seed, 'karmada-fhpa-max-replicas', 'maxReplicas 0', (d) => replicas(d, undefined, 0), { alsoBreaks: ['karmada-fhpa-max-below-min'] }),
    variant(seed, 'karmada-fhpa-max-below-min', 'maxReplicas 3 < minReplicas 5', (d) => replicas(d, 5, 3)),
    accepted(seed, 'karmada-fhpa-max-below-min', 'maxReplicas 1 with minReplicas defaulted to 1', (d) => replicas(d, undefined, 1)),
    variant(seed, 'karmada-scale-target-ref', 'target name "web/1"', (d) => {
      obj(spec(d), 'scaleTargetRef').name = 'web/1';
    }),
    variant(seed, 'karmada-fhpa-metric-type', 'an External metric', (d) => metrics(d, { type: 'External', external: { metric: { name: 'qps' }, target: { type: 'Value', value: '10' } } })),
    variant(seed, 'karmada-fhpa-metric-source', 'a Resource metric without resource', (d) => metrics(d, { type: 'Resource' })),
    variant(seed, 'karmada-fhpa-metric-target', 'averageUtilization 0', (d) => metrics(d, { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } })),
    variant(seed, 'karmada-fhpa-metric-name', 'container "Web"', (d) =>
      metrics(d, { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'Web', target: { type: 'Utilization', averageUtilization: 60 } } })),
    accepted(seed, 'karmada-fhpa-metric-target', 'a CPU utilization metric', (d) => metrics(d, CPU)),
    variant(seed, 'karmada-fhpa-stabilization-window', 'stabilizationWindowSeconds 3601', (d) => behavior(d, { scaleDown: { stabilizationWindowSeconds: 3601 } })),
    variant(seed, 'karmada-fhpa-select-policy', 'selectPolicy Fastest', (d) => behavior(d, { scaleUp: { selectPolicy: 'Fastest' } })),
    variant(seed, 'karmada-fhpa-scaling-policies', 'policies: []', (d) => behavior(d, { scaleUp: { policies: [] } })),
    accepted(seed, 'karmada-fhpa-scaling-policies', 'a scaleUp rule without policies (the webhook fills in the defaults)', (d) => behavior(d, { scaleUp: { selectPolicy: 'Max' } })),
    accepted(seed, 'null-value', 'minReplicas: null (the mutating webhook drops it, then defaults it)', (d) => {
      spec(d).minReplicas = null;
    }),
    variant(seed, 'karmada-fhpa-scaling-policy', 'periodSeconds 1801', (d) => behavior(d, { scaleDown: { policies: [{ type: 'Percent', value: 10, periodSeconds: 1801 }] } })),
  ];
}

const FHPA_TARGET = { apiVersion: 'autoscaling.karmada.io/v1alpha1', kind: 'FederatedHPA', name: 'web' };
const WORKLOAD_TARGET = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

/**
 * Schedules as gronx judges them whatever the time: a value out of bounds in a minute or hour field is not
 * one of them (gronx skips the check while that field of the current time is 0), day-of-month 0 passes.
 */
const SCHEDULES: Record<string, AdmissionMutation['expect']> = {
  '0 8 * *': 'rejected',
  '*/0 * * * *': 'rejected',
  '0 0 32 * *': 'rejected',
  '0 0 * 13 *': 'rejected',
  '0 0 * * 8': 'rejected',
  '5-1 * * * *': 'rejected',
  '0 8 * * MON-': 'rejected',
  '0 0 W * *': 'rejected',
  '@every 1h': 'rejected',
  '@daily': 'accepted',
  '0 0 L * *': 'accepted',
  '0 0 * * 5#2': 'accepted',
  '0 9-17/2 * * 7-1': 'accepted',
  '0 0 1 1 * 2030': 'accepted',
  '0 0 0 * *': 'accepted',
};

/** Zone names as Go's time.LoadLocation reads them: exact file names of the zone database. */
const TIME_ZONES: Record<string, AdmissionMutation['expect']> = {
  'Mars/Olympus': 'rejected',
  utc: 'rejected',
  'asia/shanghai': 'rejected',
  '+05:00': 'rejected',
  'Europe/../UTC': 'rejected',
  'Asia/Shanghai': 'accepted',
  'Etc/GMT+5': 'accepted',
  'US/Pacific': 'accepted',
  EST5EDT: 'accepted',
};

/** Sets the target and the rules, named flotilla-rule-0, -1... and built from `rules`. */
function cron(doc: Doc, target: Doc, ...rules: Doc[]): void {
  spec(doc).scaleTargetRef = target;
  spec(doc).rules = rules.map((fields, i) => ({ name: `flotilla-rule-${i}`, schedule: '0 8 * * *', ...fields }));
}

export function cronFederatedHpaMutations(seed: Doc): AdmissionMutation[] {
  return [
    variant(seed, 'karmada-cronfhpa-target-kind', 'an autoscaling.karmada.io Deployment', (d) => cron(d, { ...FHPA_TARGET, kind: 'Deployment' }, { targetMinReplicas: 2 })),
    variant(seed, 'karmada-scale-target-ref', 'target name ".."', (d) => cron(d, { ...WORKLOAD_TARGET, name: '..' }, { targetReplicas: 2 })),
    variant(seed, 'karmada-cronfhpa-rule-name', 'two rules with one name', (d) => {
      cron(d, WORKLOAD_TARGET, { targetReplicas: 2 }, { targetReplicas: 1 });
      list(spec(d), 'rules')[1].name = 'flotilla-rule-0';
    }),
    ...Object.entries(SCHEDULES).map(([schedule, expect]) =>
      variant(seed, 'karmada-cronfhpa-schedule', `schedule "${schedule}"`, (d) => cron(d, WORKLOAD_TARGET, { targetReplicas: 2, schedule }), { expect })),
    ...Object.entries(TIME_ZONES).map(([timeZone, expect]) =>
      variant(seed, 'karmada-cronfhpa-time-zone', `time zone "${timeZone}"`, (d) => cron(d, WORKLOAD_TARGET, { targetReplicas: 2, timeZone }), { expect })),
    variant(seed, 'karmada-cronfhpa-min-max-missing', 'a FederatedHPA rule without bounds', (d) => cron(d, FHPA_TARGET, { targetReplicas: 2 })),
    variant(seed, 'karmada-cronfhpa-min-max-positive', 'targetMinReplicas 0', (d) => cron(d, FHPA_TARGET, { targetMinReplicas: 0, targetMaxReplicas: 4 })),
    variant(seed, 'karmada-cronfhpa-min-above-max', 'targetMinReplicas 5 > targetMaxReplicas 3', (d) => cron(d, FHPA_TARGET, { targetMinReplicas: 5, targetMaxReplicas: 3 })),
    variant(seed, 'karmada-cronfhpa-target-replicas', 'a workload rule without targetReplicas', (d) => cron(d, WORKLOAD_TARGET, { targetMinReplicas: 2 })),
    accepted(seed, 'karmada-cronfhpa-target-replicas', 'targetReplicas 0 (scaling to zero)', (d) => cron(d, WORKLOAD_TARGET, { targetReplicas: 0 })),
    variant(seed, 'null-value', 'timeZone: null', (d) => cron(d, WORKLOAD_TARGET, { targetReplicas: 2, timeZone: null })),
  ];
}
