/**
 * The order objects go to one cluster in: waves that run one after another, and the objects of a wave
 * at once. Namespaces come first and CRDs next, so objects living in them apply in the same run; what
 * pods need at admission (service accounts, quotas, limit ranges, priority classes, config) before the
 * workloads; Karmada and OCM policies last, after what they select. Waves keep the cluster's round trips
 * to a handful however many objects a deploy carries.
 */
import { atMostAtOnce } from './fanout';
import type { KubeObject } from './watch';

const WAVES: readonly (readonly string[])[] = [
  ['Namespace'],
  ['CustomResourceDefinition'],
  [
    'ServiceAccount', 'Secret', 'ConfigMap', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'StorageClass',
    'PersistentVolume', 'PersistentVolumeClaim', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
    'NetworkPolicy', 'PodDisruptionBudget',
  ],
];
const POLICY_KINDS = new Set([
  'PropagationPolicy', 'ClusterPropagationPolicy', 'OverridePolicy', 'ClusterOverridePolicy', 'Placement', 'ManifestWork',
]);
const WORKLOAD_WAVE = WAVES.length;
const POLICY_WAVE = WAVES.length + 1;

export function applyWave(obj: KubeObject): number {
  const kind = obj.kind ?? '';
  if (POLICY_KINDS.has(kind)) return POLICY_WAVE;
  const wave = WAVES.findIndex((kinds) => kinds.includes(kind));
  return wave < 0 ? WORKLOAD_WAVE : wave;
}

/** Stable: within a wave, objects keep the order they came in. */
export function orderForApply(objects: KubeObject[]): KubeObject[] {
  return applyWaves(objects).flat();
}

/**
 * The objects in waves for applying, or with `reverse` for deleting: workloads before what they need, and
 * the policies still last, so that the control plane removes what they placed while they exist.
 */
export function applyWaves(objects: KubeObject[], reverse = false): KubeObject[][] {
  const waves = new Map<number, KubeObject[]>();
  for (const obj of objects) {
    const wave = applyWave(obj);
    const key = reverse && wave !== POLICY_WAVE ? -wave : wave;
    waves.set(key, [...(waves.get(key) ?? []), obj]);
  }
  const ordered = [...waves].sort(([a], [b]) => a - b).map(([, wave]) => wave);
  return reverse ? ordered.map((wave) => wave.reverse()) : ordered;
}

/**
 * Runs `act` over the waves, at most `concurrency` objects at once within a wave, and returns the results
 * in the waves' order. A rejection stops the wave's remaining objects and the later waves.
 */
export async function inWaves<T>(waves: KubeObject[][], concurrency: number, act: (obj: KubeObject) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const wave of waves) out.push(...(await atMostAtOnce(wave, concurrency, act)));
  return out;
}
