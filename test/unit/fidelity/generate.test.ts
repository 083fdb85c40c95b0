import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateRun } from '../../fidelity/generate';

const options = { seed: 20261203, karmadaCases: 300, ocmCases: 100, members: ['member1', 'member2', 'member3'] };

test('a seed gives the same run every time, another seed another run', () => {
  assert.deepEqual(generateRun(options), generateRun(options));
  assert.notDeepEqual(generateRun(options).karmada, generateRun({ ...options, seed: 7 }).karmada);
});

test('a run of the size the issue asks for covers label spreads, NoExecute taints and OCM decision groups', () => {
  const run = generateRun(options);
  const spreads = run.karmada.map((c) => (c.placement.spreadConstraints ?? []) as { spreadByLabel?: string; spreadByField?: string }[]);
  assert.ok(spreads.some((s) => s.length === 1 && s[0].spreadByLabel), 'a label constraint alone');
  assert.ok(spreads.some((s) => s.some((c) => c.spreadByLabel) && s.some((c) => c.spreadByField === 'cluster')), 'a label constraint beside a cluster one');
  assert.ok(run.fleets.some((f) => f.members.some((m) => m.karmadaTaints.some((t) => t.effect === 'NoExecute'))), 'a NoExecute taint');
  const grouped = run.ocm.filter((c) => c.spec.decisionStrategy);
  assert.ok(grouped.length >= 10, `${grouped.length} OCM cases with decision groups`);
  assert.ok(grouped.some((c) => JSON.stringify(c.spec).includes('groupClusterSelector')), 'named groups');
});
