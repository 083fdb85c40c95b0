import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEvent, describeResult, memberResults } from '../../../core/karmada/events';

test('progress lines say what Karmada did, per template and member, in its words', () => {
  assert.equal(describeEvent({ type: 'scheduled', template: 'Deployment a/web', placements: [{ cluster: 'member1', replicas: 2 }, { cluster: 'member2', replicas: 4 }] }), 'Deployment a/web: scheduled to member1 (2), member2 (4)');
  assert.equal(describeEvent({ type: 'unschedulable', template: 'Deployment a/web', reason: 'NoClusterFit', message: '0/3 clusters are available: ...' }), 'Deployment a/web: not scheduled (NoClusterFit): 0/3 clusters are available: ...');
  assert.equal(describeEvent({ type: 'healthy', template: 'Deployment a/web', cluster: 'member1', detail: '2/2 ready' }), 'member1: Deployment a/web healthy (2/2 ready)');
  assert.equal(describeEvent({ type: 'done', results: [], problems: [{ template: 'Deployment a/web', message: 'Scheduled=False (NoClusterFit): x' }] }), '0/0 members done; Deployment a/web: Scheduled=False (NoClusterFit): x');
});

test('a member\'s result joins its templates; a failure names the control plane and the member', () => {
  const results = memberResults('host', new Map([
    ['member2', [{ ref: 'Deployment a/web', ok: false, state: 'Work karmada-es-member2/w Applied=False (AppliedFailed: boom)' }, { ref: 'Service a/web', ok: true, state: 'healthy' }]],
    ['member1', [{ ref: 'Deployment a/web', ok: true, state: 'healthy, 2 replicas' }, { ref: 'Service a/web', ok: true, state: 'healthy, 2 replicas' }]],
  ]));
  assert.deepEqual(results.map((r) => [r.cluster, r.ok, r.summary]), [
    ['member1', true, 'healthy, 2 replicas'],
    ['member2', false, 'Deployment a/web: Work karmada-es-member2/w Applied=False (AppliedFailed: boom)'],
  ]);
  assert.equal(describeResult(results[1]), 'member2 (through host): Deployment a/web: Work karmada-es-member2/w Applied=False (AppliedFailed: boom)');
});
