// Karmada's status read purely: recorded ResourceBindings, Works and Clusters (in the shapes karmada
// v1.18's scheduler, execution and status controllers write) become member views and progress events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindingName, bindingProblem, eventsBetween, reasonOf, resultsOf, settled, viewOf, type BindingView } from '../../../core/karmada/bindings';
import type { KubeObject } from '../../../core/kube/watch';

const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };

function binding(status: Record<string, unknown>, spec: Record<string, unknown> = {}, generation = 2, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding',
    metadata: { name: 'web-deployment', namespace: 'shop', generation, creationTimestamp: '2026-12-03T17:00:00Z', ...extra },
    spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }, ...spec },
    status,
  };
}

const scheduledTrue = { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: '2026-12-03T17:00:01Z' };
const clusters = { clusters: [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 4 }] };

function work(member: string, applied?: { status: string; reason?: string; message?: string }): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work',
    metadata: { name: 'web-6d8f', namespace: `karmada-es-${member}`, annotations: { 'resourcebinding.karmada.io/name': 'web-deployment', 'resourcebinding.karmada.io/namespace': 'shop' } },
    status: applied ? { conditions: [{ type: 'Applied', ...applied }] } : {},
  };
}

const healthy = (cluster: string, ready: number, generation = 3) => ({ clusterName: cluster, applied: true, health: 'Healthy', status: { readyReplicas: ready, replicas: ready, resourceTemplateGeneration: generation } });

test('binding names are what karmada generates: name-kind, lowercased, colons made dots', () => {
  assert.equal(bindingName('Deployment', 'web'), 'web-deployment');
  assert.equal(bindingName('ClusterRole', 'system:Reader'), 'system.reader-clusterrole');
});

test('created, scheduled, Works applied, healthy: events in Karmada\'s order, then settled with results from the binding', () => {
  const steps: [KubeObject | undefined, KubeObject[]][] = [
    [undefined, []],
    [binding({}), []],
    [binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2 }, clusters), []],
    [binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2 }, clusters), [work('member1', { status: 'True', reason: 'AppliedSuccessful' })]],
    [binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2), { clusterName: 'member2', applied: true, health: 'Unknown' }] }, clusters), [work('member1', { status: 'True' }), work('member2', { status: 'True' })]],
    [binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2), healthy('member2', 4)] }, clusters), [work('member1', { status: 'True' }), work('member2', { status: 'True' })]],
  ];
  let prev: BindingView | undefined;
  const seen: string[] = [];
  for (const [b, works] of steps) {
    const next = viewOf(template, b, works, 3);
    for (const e of eventsBetween(prev, next)) seen.push(`${e.type}${'cluster' in e ? ` ${e.cluster}` : ''}`);
    assert.equal(settled(next), b === steps.at(-1)![0]);
    prev = next;
  }
  assert.deepEqual(seen, ['bound', 'scheduled', 'workApplied member1', 'healthy member1', 'workApplied member2', 'healthy member2']);
  const results = resultsOf(prev!);
  assert.deepEqual([...results], [
    ['member1', { ref: 'Deployment shop/web', ok: true, state: 'healthy, 2 replicas (2/2 ready)' }],
    ['member2', { ref: 'Deployment shop/web', ok: true, state: 'healthy, 4 replicas (4/4 ready)' }],
  ]);
});

test('a jump from nothing to healthy still reports bound, scheduled, applied, healthy in that order', () => {
  const b = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2)] }, { clusters: [{ name: 'member1', replicas: 2 }] });
  assert.deepEqual(eventsBetween(undefined, viewOf(template, b, [], 3)).map((e) => e.type), ['bound', 'scheduled', 'workApplied', 'healthy']);
});

test('health reflected from a previous template generation does not count', () => {
  const b = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2, 2)] }, { clusters: [{ name: 'member1', replicas: 2 }] });
  const view = viewOf(template, b, [], 3);
  assert.equal(view.members.get('member1')?.phase, 'applied');
  assert.equal(settled(view), false);
  assert.equal(viewOf(template, b, [], 2).members.get('member1')?.phase, 'healthy');
});

test('a scheduling result for an older binding generation is not taken as the answer', () => {
  const b = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 1 }, clusters, 2);
  const view = viewOf(template, b, [], 3);
  assert.equal(view.scheduled, undefined);
  assert.equal(bindingProblem(view), 'ResourceBinding web-deployment not scheduled yet');
});

test('Scheduled=False is quoted as Karmada wrote it; an old failure from before this deploy waits for a fresh one', () => {
  const message = '0/3 clusters are available: 1 cluster(s) had untolerated taint {dedicated: gpu}, 2 cluster(s) did not match the placement cluster affinity constraint.';
  const failed = { type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message, lastTransitionTime: '2026-12-03T17:00:05Z' };
  const b = binding({ conditions: [failed], schedulerObservedGeneration: 1 }, {}, 2);
  const view = viewOf(template, b, [], undefined, Date.parse('2026-12-03T17:00:03Z'));
  assert.deepEqual(eventsBetween(undefined, view), [
    { type: 'bound', template: 'Deployment shop/web', binding: 'web-deployment' },
    { type: 'unschedulable', template: 'Deployment shop/web', reason: 'NoClusterFit', message },
  ]);
  assert.ok(settled(view));
  assert.equal(bindingProblem(view), `Scheduled=False (NoClusterFit): ${message}`);
  const stale = viewOf(template, b, [], undefined, Date.parse('2026-12-03T17:10:00Z'));
  assert.equal(stale.scheduled, undefined);
  assert.equal(settled(stale), false);
});

// Recorded from a member going down during propagation (what karmada's execution controller writes when
// the member's apiserver refuses connections, then the cluster status controller marking it not Ready):
// covered here rather than by stopping a member of the shared lab.
test('a member down during propagation fails with the Work\'s Applied=False message, or with Karmada\'s not-Ready condition', () => {
  const refused = 'Failed to apply all manifests (0/1): Post "https://127.0.0.1:44005/apis/apps/v1/namespaces/shop/deployments": dial tcp 127.0.0.1:44005: connect: connection refused';
  const b = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2), { clusterName: 'member2', applied: false, appliedMessage: refused, health: 'Unknown' }] }, clusters);
  const before = viewOf(template, b, [work('member1', { status: 'True' }), work('member2')], 3);
  const after = viewOf(template, b, [work('member1', { status: 'True' }), work('member2', { status: 'False', reason: 'AppliedFailed', message: refused })], 3);
  assert.equal(before.members.get('member2')?.phase, 'failed', 'the binding\'s appliedMessage already says it');
  assert.equal(before.members.get('member2')?.reason, `not applied: ${refused}`);
  const events = eventsBetween(before, after);
  assert.deepEqual(events, [{ type: 'failed', template: 'Deployment shop/web', cluster: 'member2', reason: `Work karmada-es-member2/web-6d8f Applied=False (AppliedFailed: ${refused})` }]);
  assert.ok(settled(after));
  const results = resultsOf(after);
  assert.equal(results.get('member1')?.ok, true);
  assert.equal(results.get('member2')?.ok, false);
  assert.match(results.get('member2')!.state, /connection refused/);

  // Later the execution controller stops syncing ("cluster(member2) not ready") and writes no condition:
  // the Cluster's Ready=False is what says why.
  const pending = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2, aggregatedStatus: [healthy('member1', 2)] }, clusters);
  const notReady: KubeObject = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member2' }, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ClusterNotReachable', message: 'cluster is not reachable' }] } };
  const ready: KubeObject = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
  const down = viewOf(template, pending, [work('member1', { status: 'True' }), work('member2')], 3, undefined, [ready, notReady]);
  assert.equal(down.members.get('member1')?.phase, 'healthy');
  assert.equal(down.members.get('member2')?.phase, 'failed');
  assert.equal(down.members.get('member2')?.reason, 'Karmada reports the member Ready=False (ClusterNotReachable: cluster is not reachable); Work web-6d8f not applied yet');
});

test('an unfinished member reports what it still waits for and why following stopped', () => {
  const b = binding({ conditions: [scheduledTrue], schedulerObservedGeneration: 2 }, { clusters: [{ name: 'member1', replicas: 1 }] });
  const results = resultsOf(viewOf(template, b, [], 3), 'stopped following');
  assert.deepEqual(results.get('member1'), { ref: 'Deployment shop/web', ok: false, state: 'still scheduled, 1 replica: no Work yet (stopped following)' });
});

test('reasonOf quotes type, status, reason and message', () => {
  assert.equal(reasonOf({ type: 'Applied', status: 'False', reason: 'AppliedFailed', message: 'boom' }), 'Applied=False (AppliedFailed: boom)');
  assert.equal(reasonOf({ type: 'Available', status: 'Unknown' }), 'Available=Unknown');
  assert.equal(reasonOf(undefined), 'no condition yet');
});
