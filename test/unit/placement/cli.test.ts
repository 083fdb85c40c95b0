import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { deployment, karmadaCluster, propagationPolicy, staticWeights } from './fixtures';

// Runs the built CLI (npm test builds before it runs tests).
const CLI = resolve(__dirname, '../../../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'flotilla-plan-'));

function write(name: string, docs: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  return file;
}

function plan(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'plan', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const clusters = write('clusters.yaml', [
  { apiVersion: 'v1', kind: 'List', items: [karmadaCluster('member1'), karmadaCluster('member2')] },
  karmadaCluster('member3', { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }),
]);
const resource = write('deploy.yaml', [deployment(12)]);

test('plan --format json prints clusters with replicas and excluded clusters with reasons', () => {
  const policy = write('pp.yaml', [propagationPolicy(staticWeights({ member1: 1, member2: 2, member3: 3 }))]);
  const { code, stdout } = plan('--policy', policy, '--resource', resource, '--clusters', clusters, '--format', 'json');
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.deepEqual(out.clusters.map((c: { name: string; replicas: number }) => [c.name, c.replicas]), [['member1', 4], ['member2', 8]]);
  assert.deepEqual(out.excluded, [{ name: 'member3', reason: 'untolerated taint maintenance:NoSchedule' }]);
  assert.equal(out.strategy, 'Divided, static weights');
});

test('plan prints a table by default', () => {
  const policy = write('dup.yaml', [propagationPolicy({})]);
  const { code, stdout } = plan('--policy', policy, '--resource', resource, '--clusters', clusters);
  assert.equal(code, 0);
  assert.match(stdout, /^Strategy: Duplicated$/m);
  assert.match(stdout, /^member1\s+12\s+Duplicated/m);
  assert.match(stdout, /member3\s+untolerated taint/);
});

test('no placement possible exits 1 with the reason, as {"error"} in JSON', () => {
  const policy = write('none.yaml', [propagationPolicy({ clusterAffinity: { clusterNames: ['member3'] } })]);
  const { code, stdout } = plan('--policy', policy, '--resource', resource, '--clusters', clusters, '--format', 'json');
  assert.equal(code, 1);
  assert.match(JSON.parse(stdout).error, /no cluster fits/);
});

test('bad input exits 2 with a clear message', () => {
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'kind: [unclosed\n');
  const malformed = plan('--policy', broken, '--resource', resource, '--clusters', clusters, '--format', 'json');
  assert.equal(malformed.code, 2);
  assert.match(JSON.parse(malformed.stdout).error, /broken\.yaml: document 1/);
  const missing = plan('--policy', join(dir, 'nope.yaml'), '--resource', resource, '--clusters', clusters);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.yaml/);
  const both = plan('--policy', broken, '--clusters', clusters, '--context', 'host');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /exactly one of --clusters and --context/);
});

test('--context against an unknown context names it', () => {
  const policy = write('dup2.yaml', [propagationPolicy({})]);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify({ apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] }));
  const { code, stdout } = plan('--policy', policy, '--resource', resource, '--context', 'ghost', '--kubeconfig', kubeconfig, '--format', 'json');
  assert.equal(code, 1);
  assert.match(JSON.parse(stdout).error, /context ghost: no context named "ghost"/);
});

test('--context against an unreachable server fails within the timeout and names the context', () => {
  const policy = write('dup3.yaml', [propagationPolicy({})]);
  const kubeconfig = join(dir, 'kubeconfig-dead');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'dead', cluster: { server: 'https://127.0.0.1:1' } }],
    users: [{ name: 'u', user: { token: 'secret-token-value' } }],
    contexts: [{ name: 'dead', context: { cluster: 'dead', user: 'u' } }],
  }));
  const { code, stdout } = plan('--policy', policy, '--resource', resource, '--context', 'dead', '--kubeconfig', kubeconfig, '--timeout', '2000', '--format', 'json');
  assert.equal(code, 1);
  const error = JSON.parse(stdout).error as string;
  assert.match(error, /^context dead: cannot list Karmada Clusters/);
  assert.doesNotMatch(stdout, /secret-token-value/);
});
