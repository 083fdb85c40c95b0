import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FederationMember } from '../../../core/kube/discovery';
import { matchContext, memberHealth } from '../../../core/kube/discovery';
import { ClusterClients } from '../../../core/kube/clients';
import { parseManifests } from '../../../core/kube/manifests';
import { placementsFor } from '../../../core/kube/policies';
import { propagationPoliciesFor } from '../../../core/kube/propagation';
import { summarize, workloadLabel } from '../../../core/kube/workloads';
import type { KubeObject } from '../../../core/kube/watch';
import type { MergedKubeconfig } from '../../../core/kube/kubeconfig';

const obj = (o: Partial<KubeObject> & { metadata: KubeObject['metadata'] }): KubeObject => o as KubeObject;

test('workload summaries: ready/desired and health from conditions', () => {
  const ready = summarize('Deployment', obj({ metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3 }, status: { readyReplicas: 3 } }));
  assert.equal(workloadLabel(ready), 'web 3/3');
  assert.equal(ready.health, 'healthy');
  const degraded = summarize('Deployment', obj({ metadata: { name: 'l' }, spec: { replicas: 2 }, status: { readyReplicas: 1, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] } }));
  assert.equal(degraded.health, 'degraded');
  assert.match(degraded.detail, /Available=False \(MinimumReplicasUnavailable\)/);
  assert.equal(summarize('Deployment', obj({ metadata: { name: 'p' }, spec: { replicas: 2 }, status: { readyReplicas: 1 } })).health, 'progressing');
  assert.equal(workloadLabel(summarize('DaemonSet', obj({ metadata: { name: 'd' }, status: { desiredNumberScheduled: 4, numberReady: 4 } }))), 'd 4/4');
  assert.equal(workloadLabel(summarize('Job', obj({ metadata: { name: 'j' }, spec: { completions: 2 }, status: { succeeded: 1 } }))), 'j 1/2');
  assert.equal(workloadLabel(summarize('Service', obj({ metadata: { name: 's' }, spec: { type: 'NodePort' } }))), 's NodePort');
});

test('member health from the federation ready condition', () => {
  assert.equal(memberHealth(obj({ metadata: { name: 'm' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }), 'Ready').health, 'healthy');
  assert.equal(memberHealth(obj({ metadata: { name: 'm' }, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Offline' }] } }), 'Ready').detail, 'Ready=False (Offline)');
  assert.equal(memberHealth(obj({ metadata: { name: 'm' } }), 'Ready').health, 'unknown');
});

test('members match contexts by normalized server first, then by name', () => {
  const ctx = (name: string, server: string) => ({ name, cluster: name, user: name, file: 'f', server, usesExec: false });
  const config = { contexts: [ctx('a-viewer', 'https://127.0.0.1:1'), ctx('a', 'https://localhost:1/'), ctx('b', 'https://10.0.0.2:443'), ctx('c', 'https://c')], clusters: new Map(), users: new Map(), files: [], fileProblems: [] } as MergedKubeconfig;
  const clients = new ClusterClients(config);
  assert.equal(matchContext('a', 'https://127.0.0.1:1', clients), 'a');
  assert.equal(matchContext('member-b', 'https://10.0.0.2', clients), 'b');
  assert.equal(matchContext('c', 'https://elsewhere:6443', clients), 'c');
  assert.equal(matchContext('d', 'https://nowhere:6443', clients), undefined);
});

test('policy placements: bindings first, then clusterNames, then label selectors over members', () => {
  const members = [
    { name: 'm1', labels: { env: 'prod' } },
    { name: 'm2', labels: { env: 'dev' } },
  ] as unknown as FederationMember[];
  const pp = (name: string, placement: unknown) => ({ kind: 'PropagationPolicy', obj: obj({ metadata: { name, namespace: 'shop' }, spec: { placement } }) });
  const binding = obj({ metadata: { name: 'web-deployment', namespace: 'shop', labels: { 'propagationpolicy.karmada.io/name': 'bound' } }, spec: { clusters: [{ name: 'm2' }] } });
  const out = placementsFor('Karmada', [pp('bound', {}), pp('named', { clusterAffinity: { clusterNames: ['m1'] } }), pp('selected', { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } })], [binding], members);
  assert.deepEqual(out.map((p) => [p.name, p.clusters]), [['bound', ['m2']], ['named', ['m1']], ['selected', ['m1']]]);
  const ocm = placementsFor('OCM', [{ kind: 'Placement', obj: obj({ metadata: { name: 'p', namespace: 'ns' } }) }], [obj({ metadata: { name: 'p-1', namespace: 'ns', labels: { 'cluster.open-cluster-management.io/placement': 'p' } }, status: { decisions: [{ clusterName: 'm2' }, { clusterName: 'm1' }] } })]);
  assert.deepEqual(ocm[0].clusters, ['m1', 'm2']);
});

test('manifests: multi-document parsing with errors by document and line', () => {
  const { objects, errors } = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\nfoo: [\n---\nkind: X\n');
  assert.equal(objects.length, 1);
  assert.deepEqual(errors.map((e) => e.document), [3, 4]);
  assert.ok(errors[0].line === 6 || errors[0].line === 7, String(errors[0].line)); // the unclosed flow sequence, or where its end was expected
  assert.match(errors[1].message, /not a Kubernetes object/);
});

test('propagation policies per namespace plus one cluster-scoped', () => {
  const { objects } = parseManifests('apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w, namespace: n}\n');
  const out = propagationPoliciesFor(objects, ['b', 'a'], 'p');
  assert.deepEqual(out.map((p) => p.kind), ['PropagationPolicy', 'ClusterPropagationPolicy']);
  assert.deepEqual(out[0].spec, { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' }], placement: { clusterAffinity: { clusterNames: ['a', 'b'] } } });
});
