// Placement speed: one plan over many clusters, and the CodeLens computation over a workspace.
// Targets: a 100-cluster plan under 5 ms (median); lenses for 20 policies over 400 documents under 50 ms.
import { performance } from 'node:perf_hooks';
import { computePlacementLenses, planPlacement } from '../../core/placement';
import { deployment, karmadaCluster, propagationPolicy } from '../unit/placement/fixtures';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => void): number {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const clusters = Array.from({ length: 100 }, (_, i) => karmadaCluster(`member${i}`, {
  labels: { env: i % 3 ? 'prod' : 'dev' }, region: `region${i % 5}`,
  resourceSummary: { allocatable: { cpu: String(8 + (i % 7)), pods: '110' }, allocated: { cpu: String(i % 4) } },
}));
const dynamic = propagationPolicy({
  clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
  spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 4 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 40 }],
  replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
});
const planMs = time(50, () => planPlacement({ policy: dynamic, resource: deployment(1000, { cpu: '100m' }), clusters }));

const documents = Array.from({ length: 400 }, (_, i) => ({
  uri: `file:///w/f${i % 40}.yaml`, index: Math.floor(i / 40),
  value: i % 20 === 0 ? { ...propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided' } }, `p${i}`), spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: `web${i + 1}` }], placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } } } } : deployment(10, { name: `web${i}` }),
}));
const lensMs = time(20, () => computePlacementLenses(documents, clusters));

console.log(`plan, 100 clusters, dynamic weights + spread, 1000 replicas: ${planMs.toFixed(2)} ms (target < 5)`);
console.log(`CodeLenses, 20 policies over 400 documents and 100 clusters: ${lensMs.toFixed(2)} ms (target < 50)`);
if (planMs >= 5 || lensMs >= 50) process.exit(1);
