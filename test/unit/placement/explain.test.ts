import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computePlacementLenses, formatExplanation, readClusterFiles } from '../../../core/placement';
import { deployment, karmadaCluster, propagationPolicy } from './fixtures';

test('the explanation lists placed clusters, excluded ones with reasons, and notes', () => {
  const clusters = [karmadaCluster('member1'), karmadaCluster('member2', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })];
  const [lens] = computePlacementLenses([{ uri: 'u', index: 0, value: propagationPolicy({}) }, { uri: 'u', index: 1, value: deployment(3) }], clusters);
  const text = formatExplanation(lens.explanation);
  assert.match(text, /^# Placement by PropagationPolicy default\/web$/m);
  assert.match(text, /^Resource: Deployment default\/web$/m);
  assert.match(text, /^\| member1 \| 3 \| Duplicated: every selected cluster runs all 3 replicas \|$/m);
  assert.match(text, /^- \*\*member2\*\*: untolerated taint dedicated=gpu:NoSchedule$/m);
});

test('a failed placement explains the error instead of a table', () => {
  const [lens] = computePlacementLenses([{ uri: 'u', index: 0, value: propagationPolicy({ clusterAffinity: { clusterNames: ['x'] } }) }, { uri: 'u', index: 1, value: deployment(3) }], [karmadaCluster('member1')]);
  const text = formatExplanation(lens.explanation);
  assert.match(text, /\*\*No placement:\*\* no cluster fits/);
  assert.doesNotMatch(text, /\| Cluster \|/);
});

test('flotilla.clusters files: multi-document and Lists, with problems named per file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-clusters-'));
  writeFileSync(join(dir, 'a.yaml'), 'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: m1}\n---\nkind: List\nitems: [{apiVersion: cluster.karmada.io/v1alpha1, kind: Cluster, metadata: {name: m2}}]\n');
  writeFileSync(join(dir, 'b.yaml'), 'kind: [broken\n');
  const read = readClusterFiles([join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'missing.yaml')]);
  assert.equal(read.objects.length, 2);
  assert.equal(read.problems.length, 2);
  assert.match(read.problems[0], /b\.yaml: document 1/);
  assert.match(read.problems[1], /missing\.yaml: ENOENT/);
});
