import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { computePlacementLenses } from '../../../core/placement';
import { deployment, karmadaCluster, propagationPolicy, staticWeights } from './fixtures';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'flotilla-parity-'));
const write = (name: string, docs: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  return file;
};

const clusters = [
  karmadaCluster('member1', { labels: { env: 'prod' }, resourceSummary: { allocatable: { cpu: '4', pods: '110' }, allocated: { cpu: '1' } } }),
  karmadaCluster('member2', { labels: { env: 'prod' }, resourceSummary: { allocatable: { cpu: '8', pods: '110' }, allocated: { cpu: '1' } } }),
  karmadaCluster('member3', { labels: { env: 'dev' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
];

const cases: [string, Record<string, unknown>][] = [
  ['static weights', staticWeights({ member1: 1, member2: 1, member3: 1 })],
  ['dynamic weights', { replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { dynamicWeight: 'AvailableReplicas' } } }],
  ['duplicated by label', { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } }],
  ['impossible', { clusterAffinity: { clusterNames: ['member3'] } }],
];

for (const [name, placement] of cases) {
  test(`the CLI and the CodeLens give the same placement: ${name}`, () => {
    const policy = propagationPolicy(placement);
    const resource = deployment(10, { cpu: '500m' });
    const files = { policy: write(`${name}-pp.yaml`, [policy]), resource: write(`${name}-deploy.yaml`, [resource]), clusters: write(`${name}-clusters.yaml`, clusters) };
    const cli = spawnSync(process.execPath, [CLI, 'plan', '--policy', files.policy, '--resource', files.resource, '--clusters', files.clusters, '--format', 'json'], { encoding: 'utf8' });
    const fromCli = JSON.parse(cli.stdout);

    const lenses = computePlacementLenses([{ uri: 'file:///w/app.yaml', index: 0, value: policy }, { uri: 'file:///w/app.yaml', index: 1, value: resource }], clusters);
    assert.equal(lenses.length, 1);
    const outcome = lenses[0].explanation.outcome;
    if (outcome.error) {
      assert.equal(cli.status, 1);
      assert.equal(fromCli.error, outcome.error);
      assert.equal(lenses[0].title, `No placement: ${outcome.error}`);
      return;
    }
    assert.equal(cli.status, 0);
    assert.deepEqual(fromCli.clusters, outcome.clusters);
    assert.deepEqual(fromCli.excluded, outcome.excluded);
    assert.equal(lenses[0].title, `${outcome.clusters.map((c) => `${c.name}: ${c.replicas}`).join(' · ')} (${outcome.strategy})`);
  });
}

test('the static-weights lens reads as in the brief', () => {
  const policy = propagationPolicy(staticWeights({ member1: 1, member2: 1, member3: 1 }));
  const lenses = computePlacementLenses([{ uri: 'u', index: 0, value: policy }, { uri: 'u', index: 1, value: deployment(10) }], clusters.map((c) => ({ ...c, spec: { ...(c.spec as object), taints: [] } })));
  assert.equal(lenses[0].title, 'member1: 4 · member2: 3 · member3: 3 (Divided, static weights)');
});

test('a policy with no matching resource, or no known members, gets an explanatory lens or none', () => {
  const policy = propagationPolicy({});
  const lonely = computePlacementLenses([{ uri: 'u', index: 0, value: policy }], clusters);
  assert.equal(lonely[0].title, 'Placement: no matching resource in the workspace');
  assert.deepEqual(computePlacementLenses([{ uri: 'u', index: 0, value: policy }, { uri: 'u', index: 1, value: deployment(1) }], []), []);
});
