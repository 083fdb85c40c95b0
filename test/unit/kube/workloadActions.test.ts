/** The pure parts of acting on workloads: rollout judgement, exec exit status, patches, forward naming. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultContainer, exitFromStatus } from '../../../core/kube/exec';
import { describeForward, forwardKey } from '../../../core/kube/portForward';
import { rolloutState } from '../../../core/kube/rollout';
import type { KubeObject } from '../../../core/kube/watch';
import { RESTARTED_AT, restartPatch, scalePatch } from '../../../core/kube/workloadActions';

function deployment(spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): KubeObject {
  return { kind: 'Deployment', metadata: { name: 'web', generation }, spec, status };
}

test('a Deployment rollout is judged as kubectl rollout status does', () => {
  const cases: [KubeObject, boolean, string][] = [
    [deployment({ replicas: 3 }, { observedGeneration: 1 }), false, 'waiting for the Deployment spec update to be observed'],
    [deployment({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 1, replicas: 3 }), false, '1 of 3 new replicas have been updated'],
    [deployment({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 4 }), false, '1 old replicas are pending termination'],
    [deployment({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), false, '2 of 3 updated replicas are available'],
    [deployment({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), true, 'successfully rolled out (3 replicas)'],
    [deployment({ replicas: 0 }, { observedGeneration: 2 }), true, 'successfully rolled out (0 replicas)'],
  ];
  for (const [obj, done, message] of cases) assert.deepEqual([rolloutState(obj).done, rolloutState(obj).message], [done, message]);
  const stuck = rolloutState(deployment({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }));
  assert.deepEqual(stuck, { done: false, failed: true, replicas: 3, message: 'exceeded its progress deadline' });
});

test('StatefulSet and DaemonSet rollouts', () => {
  const sts = (status: Record<string, unknown>) => rolloutState({ kind: 'StatefulSet', metadata: { name: 'db', generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, ...status } });
  assert.equal(sts({ readyReplicas: 1, updatedReplicas: 2 }).message, '1 of 2 pods are ready');
  assert.equal(sts({ readyReplicas: 2, updatedReplicas: 1 }).message, '1 of 2 pods are updated');
  assert.equal(sts({ readyReplicas: 2, updatedReplicas: 2 }).done, true);
  const ds = (status: Record<string, unknown>) => rolloutState({ kind: 'DaemonSet', metadata: { name: 'agent', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, ...status } });
  assert.equal(ds({ updatedNumberScheduled: 2, numberAvailable: 3 }).message, '2 of 3 updated pods are scheduled');
  assert.equal(ds({ updatedNumberScheduled: 3, numberAvailable: 1 }).message, '1 of 3 updated pods are available');
  assert.deepEqual(ds({ updatedNumberScheduled: 3, numberAvailable: 3 }), { done: true, replicas: 3, message: 'daemon set rolled out (3 pods)' });
});


test('the exit status comes from the status channel: Success, the ExitCode cause, or the message', () => {
  assert.deepEqual(exitFromStatus({ status: 'Success' }), { code: 0, message: 'exited with status 0' });
  assert.deepEqual(
    exitFromStatus({ status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code', details: { causes: [{ reason: 'ExitCode', message: '42' }] } }),
    { code: 42, message: 'exited with status 42' },
  );
  // KWOK's local exec reports the code only in its message.
  assert.deepEqual(exitFromStatus({ status: 'Failure', reason: 'InternalError', message: 'error executing command in container: cmd wait: sh: exit status 3' }), { code: 3, message: 'exited with status 3' });
  assert.deepEqual(exitFromStatus({ status: 'Failure', reason: 'InternalError', message: 'container not running' }), { message: 'container not running' });
  assert.deepEqual(exitFromStatus(undefined), { message: 'the session ended without an exit status' });
});

test('the default container: the annotation when it names a container, else the first', () => {
  const pod = (annotation?: string): KubeObject => ({
    metadata: { name: 'p', annotations: annotation ? { 'kubectl.kubernetes.io/default-container': annotation } : {} },
    spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
  });
  assert.equal(defaultContainer(pod()), 'app');
  assert.equal(defaultContainer(pod('sidecar')), 'sidecar');
  assert.equal(defaultContainer(pod('gone')), 'app');
  assert.equal(defaultContainer({ metadata: { name: 'p' }, spec: { containers: [] } }), undefined);
});

test('scale and restart patches', () => {
  assert.deepEqual(scalePatch(4), { spec: { replicas: 4 } });
  assert.throws(() => scalePatch(-1), /whole number/);
  assert.throws(() => scalePatch(1.5), /whole number/);
  assert.deepEqual(restartPatch(new Date('2026-12-03T18:00:00.123Z')), { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: '2026-12-03T18:00:00Z' } } } } });
});

test('a forward is named by cluster, pod and port', () => {
  const target = { cluster: 'member2', namespace: 'shop', pod: 'web-1', port: 8080 };
  assert.equal(forwardKey(target), 'member2/shop/web-1:8080');
  assert.equal(describeForward({ target, localPort: 40123 }), '127.0.0.1:40123 → member2: shop/web-1:8080');
});
