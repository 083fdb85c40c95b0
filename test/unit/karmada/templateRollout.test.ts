/** A federated workload's rollout per member, from its ResourceBinding as Karmada v1.18 writes it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindingName } from '../../../core/karmada/bindings';
import { templateRollout } from '../../../core/karmada/templateRollout';
import type { KubeObject } from '../../../core/kube/watch';

function binding(clusters: { name: string; replicas?: number }[], aggregated: unknown[], generation = 3, schedulerObservedGeneration = 3): KubeObject {
  return {
    kind: 'ResourceBinding',
    metadata: { name: 'web-deployment', namespace: 'shop', generation },
    spec: { replicas: 4, clusters },
    status: { schedulerObservedGeneration, aggregatedStatus: aggregated },
  };
}

const reflected = (clusterName: string, status: Record<string, number>) => ({ clusterName, applied: true, health: 'Healthy', status: { generation: 2, observedGeneration: 2, ...status } });

test("the binding's name is Karmada's", () => {
  assert.equal(bindingName('Deployment', 'web'), 'web-deployment');
  assert.equal(bindingName('ClusterRole', 'system:viewer'), 'system.viewer-clusterrole');
});

test('done when every scheduled member has the template generation and its replicas rolled out', () => {
  const b = binding(
    [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 2 }],
    [
      reflected('member1', { resourceTemplateGeneration: 5, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 }),
      reflected('member2', { resourceTemplateGeneration: 5, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 }),
      // A member the binding no longer schedules to does not count.
      reflected('member3', { resourceTemplateGeneration: 4, replicas: 1 }),
    ],
  );
  const r = templateRollout(b, 'Deployment', 5);
  assert.equal(r.done, true);
  assert.equal(r.message, 'rolled out on member1 (2), member2 (2)');
  assert.deepEqual(r.members.map((m) => [m.cluster, m.replicas, m.state.done]), [['member1', 2, true], ['member2', 2, true]]);
});

test('pending: the scheduler, a member without the new template, one still rolling out, one not applied', () => {
  assert.equal(templateRollout(binding([{ name: 'member1', replicas: 2 }], [], 4, 3), 'Deployment', 5).message, 'waiting for karmada-scheduler to schedule the change');
  assert.equal(templateRollout(binding([], []), 'Deployment', 5).message, 'scheduled to no member');
  const b = binding(
    [{ name: 'member1', replicas: 2 }, { name: 'member2', replicas: 2 }, { name: 'member3', replicas: 1 }, { name: 'member4', replicas: 1 }],
    [
      reflected('member1', { resourceTemplateGeneration: 4, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }),
      reflected('member2', { resourceTemplateGeneration: 5, replicas: 2, updatedReplicas: 1, availableReplicas: 1 }),
      { clusterName: 'member3', applied: false, appliedMessage: 'conflict: the resource exists and is not managed by Karmada' },
    ],
  );
  const r = templateRollout(b, 'Deployment', 5);
  assert.equal(r.done, false);
  assert.deepEqual(r.members.map((m) => `${m.cluster}: ${m.state.message}`), [
    'member1: the member has not got template generation 5 yet',
    'member2: 1 of 2 new replicas have been updated',
    'member3: not applied: conflict: the resource exists and is not managed by Karmada',
    'member4: no status reflected from the member yet',
  ]);
  assert.match(r.message, /^member1: .*; member2: .*; member3: .*; member4: /);
});
