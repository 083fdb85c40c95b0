// ManifestWorks read purely, in the shapes OCM v1.3's work agent writes (conditions with
// observedGeneration, per-manifest conditions, WellKnownStatus feedback).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../core/kube/watch';
import { decidedClusters } from '../../../core/ocm/deliver';
import { manifestWorkFor, workEvents, workResult, workView } from '../../../core/ocm/manifestWork';

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello', namespace: 'demo' } };
const config: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } };

function work(generation: number, conditions: Record<string, unknown>[], manifests: Record<string, unknown>[] = []): KubeObject {
  return { apiVersion: 'work.open-cluster-management.io/v1', kind: 'ManifestWork', metadata: { name: 'w', namespace: 'member1', generation }, status: { conditions, resourceStatus: { manifests } } };
}

test('a ManifestWork per cluster: namespace = cluster, WellKnownStatus feedback for workloads, default namespace filled', () => {
  const mw = manifestWorkFor([deployment, config], 'member2', 'w', new Map([['apps/v1/Deployment', 'deployments'], ['v1/ConfigMap', 'configmaps']]));
  assert.equal(mw.metadata.namespace, 'member2');
  assert.deepEqual(mw.spec?.manifestConfigs, [{ resourceIdentifier: { group: 'apps', resource: 'deployments', name: 'hello', namespace: 'demo' }, feedbackRules: [{ type: 'WellKnownStatus' }] }]);
  const manifests = (mw.spec?.workload as { manifests: KubeObject[] }).manifests;
  assert.equal(manifests[1].metadata.namespace, 'default');
});

test('Applied and Available for the current generation make a healthy cluster, with the feedback quoted', () => {
  const feedback = [{ resourceMeta: { kind: 'Deployment', name: 'hello', namespace: 'demo' }, statusFeedback: { values: [{ name: 'ReadyReplicas', fieldValue: { type: 'Integer', integer: 2 } }, { name: 'Replicas', fieldValue: { type: 'Integer', integer: 2 } }] } }];
  const ok = workView(work(2, [{ type: 'Applied', status: 'True', observedGeneration: 2 }, { type: 'Available', status: 'True', observedGeneration: 2 }], feedback));
  assert.equal(ok.phase, 'healthy');
  assert.equal(workResult('ManifestWork w', ok).state, 'Applied, Available (Deployment demo/hello: ReadyReplicas=2, Replicas=2)');
  assert.deepEqual(workEvents('ManifestWork w', 'member1', undefined, ok).map((e) => e.type), ['workApplied', 'healthy']);
  const stale = workView(work(3, [{ type: 'Applied', status: 'True', observedGeneration: 2 }, { type: 'Available', status: 'True', observedGeneration: 2 }]));
  assert.equal(stale.phase, 'created', 'conditions about generation 2 say nothing about generation 3');
});

test('Applied=False quotes the work agent, per manifest', () => {
  const failed = workView(work(1, [{ type: 'Applied', status: 'False', reason: 'AppliedManifestWorkFailed', message: 'Failed to apply manifest work', observedGeneration: 1 }], [
    { resourceMeta: { kind: 'Deployment', name: 'hello' }, conditions: [{ type: 'Applied', status: 'False', reason: 'AppliedManifestFailed', message: 'namespaces "demo" not found' }] },
  ]));
  assert.equal(failed.phase, 'failed');
  assert.equal(failed.reason, 'Applied=False (AppliedManifestWorkFailed: Failed to apply manifest work): Deployment hello: namespaces "demo" not found');
  assert.deepEqual(workEvents('ManifestWork w', 'member1', { exists: true, phase: 'created' }, failed), [{ type: 'failed', template: 'ManifestWork w', cluster: 'member1', reason: failed.reason }]);
  assert.equal(workResult('ManifestWork w', failed).ok, false);
});

test('a Placement\'s decided clusters come from all its PlacementDecisions, once each', () => {
  assert.deepEqual(decidedClusters([
    { metadata: { name: 'p-decision-1' }, status: { decisions: [{ clusterName: 'member2' }, { clusterName: 'member1' }] } },
    { metadata: { name: 'p-decision-2' }, status: { decisions: [{ clusterName: 'member1' }] } },
  ]), ['member1', 'member2']);
});
