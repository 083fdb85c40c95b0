import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFederation, type FederationContext, type FederationDocument } from '../../../core/federation';
import { unknownClusterNames } from '../../../core/federation/clusterNames';
import { missingOverridePaths, resolvePointer } from '../../../core/federation/overrides';
import { equalPriorityConflicts, unmatchedResourceSelectors } from '../../../core/federation/resourceSelectors';
import { serviceExportsWithoutService } from '../../../core/federation/serviceExports';
import { unsatisfiableSpread } from '../../../core/federation/spread';
import { unboundClusterSets } from '../../../core/federation/clusterSets';
import { allZeroStaticWeights } from '../../../core/federation/weights';
import { deployment, karmadaCluster, propagationPolicy } from '../placement/fixtures';

const docs = (...values: unknown[]): FederationDocument[] => values.map((value, index) => ({ uri: 'file:///w/app.yaml', index, value }));
const members = [karmadaCluster('member1', { region: 'eu' }), karmadaCluster('member2', { region: 'eu' }), karmadaCluster('member3', { region: 'us', taints: [{ key: 'x', effect: 'NoSchedule' }] })];

test('a clusterNames or exclude entry that is not a member, with the closest member as the fix', () => {
  const policy = propagationPolicy({ clusterAffinity: { clusterNames: ['member1', 'membr2'], exclude: ['zzz'] } });
  const findings = unknownClusterNames({ documents: docs(policy), clusters: members });
  assert.equal(findings.length, 2);
  assert.deepEqual(findings[0].path, ['spec', 'placement', 'clusterAffinity', 'clusterNames', 1]);
  assert.deepEqual(findings[0].fix, { title: 'Change to member2', replacement: 'member2' });
  assert.match(findings[0].message, /membr2 is not a member cluster/);
  assert.deepEqual(findings[1].path, ['spec', 'placement', 'clusterAffinity', 'exclude', 0]);
  assert.deepEqual(unknownClusterNames({ documents: docs(policy) }), [], 'no member list, no finding');
});

test('cluster names inside clusterAffinities and staticWeightList are checked too', () => {
  const policy = propagationPolicy({
    clusterAffinities: [{ affinityName: 'a', clusterNames: ['member4'] }],
    replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member9'] }, weight: 1 }] } },
  });
  const paths = unknownClusterNames({ documents: docs(policy), clusters: members }).map((f) => f.path.join('.'));
  assert.deepEqual(paths, ['spec.placement.clusterAffinities.0.clusterNames.0', 'spec.placement.replicaScheduling.weightPreference.staticWeightList.0.targetCluster.clusterNames.0']);
});

test('resourceSelectors that match nothing in the workspace nor the cluster', () => {
  const policy = propagationPolicy({});
  const alone = unmatchedResourceSelectors({ documents: docs(policy) });
  assert.equal(alone.length, 1);
  assert.deepEqual(alone[0].path, ['spec', 'resourceSelectors', 0]);
  assert.match(alone[0].message, /matches nothing in the workspace/);
  assert.deepEqual(unmatchedResourceSelectors({ documents: docs(policy, deployment(3)) }), []);
  assert.deepEqual(unmatchedResourceSelectors({ documents: docs(policy), liveObjects: [deployment(3)] }), []);
  const otherNamespace = unmatchedResourceSelectors({ documents: docs(policy, deployment(3, { namespace: 'prod' })) });
  assert.equal(otherNamespace.length, 1, 'a namespaced policy only sees its namespace');
});

test('OverridePolicy paths, image predicate paths and container names missing in the target', () => {
  const override = {
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name: 'o', namespace: 'default' },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
      overrideRules: [{
        targetCluster: { clusterNames: ['member1'] },
        overriders: {
          plaintext: [
            { path: '/spec/replicas', operator: 'replace', value: 2 },
            { path: '/spec/template/spec/nodeSelector', operator: 'replace', value: {} },
            { path: '/spec/template/spec/nodeSelector', operator: 'add', value: {} },
          ],
          imageOverrider: [{ predicate: { path: '/spec/template/spec/containers/0/image' }, component: 'Registry', operator: 'replace', value: 'r' }, { predicate: { path: '/spec/template/spec/containers/3/image' }, component: 'Tag', operator: 'replace', value: 'v' }],
          argsOverrider: [{ containerName: 'web', operator: 'add', value: ['-v'] }],
          commandOverrider: [{ containerName: 'sidecar', operator: 'add', value: ['x'] }],
        },
      }],
    },
  };
  const findings = missingOverridePaths({ documents: docs(override, deployment(3)) });
  assert.deepEqual(findings.map((f) => f.path.join('.')), [
    'spec.overrideRules.0.overriders.plaintext.1.path',
    'spec.overrideRules.0.overriders.imageOverrider.1.predicate.path',
    'spec.overrideRules.0.overriders.commandOverrider.0.containerName',
  ]);
  assert.match(findings[0].message, /path \/spec\/template\/spec\/nodeSelector does not exist in Deployment default\/web/);
  assert.match(findings[2].message, /container sidecar/);
  assert.deepEqual(missingOverridePaths({ documents: docs(override) }), [], 'no target in sight, nothing to check');
  assert.deepEqual(resolvePointer({ a: { 'b/c': [1] } }, '/a/b~1c/0'), { found: true, value: 1 });
});

test('two policies of equal priority claiming the same resource', () => {
  const a = propagationPolicy({}, 'alpha');
  const b = propagationPolicy({}, 'beta');
  const findings = equalPriorityConflicts({ documents: docs(a, b, deployment(3)) });
  assert.equal(findings.length, 2);
  assert.match(findings[0].message, /Deployment default\/web is also claimed by PropagationPolicy beta at priority 0; Karmada picks alpha/);
  const higher = { ...b, spec: { ...(b.spec as object), priority: 5 } };
  assert.deepEqual(equalPriorityConflicts({ documents: docs(a, higher, deployment(3)) }), []);
  const byKindOnly = { ...b, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: {} } };
  assert.deepEqual(equalPriorityConflicts({ documents: docs(a, byKindOnly, deployment(3)) }), [], 'a name match outranks a kind match');
});

test('a ServiceExport with no Service of that name and namespace', () => {
  const exp = { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'web', namespace: 'shop' } };
  const svc = (ns: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { ports: [{ port: 80 }] } });
  const findings = serviceExportsWithoutService({ documents: docs(exp, svc('other')) });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].path, ['metadata', 'name']);
  assert.match(findings[0].message, /no Service shop\/web in the workspace/);
  assert.deepEqual(serviceExportsWithoutService({ documents: docs(exp, svc('shop')) }), []);
  assert.deepEqual(serviceExportsWithoutService({ documents: docs(exp), liveObjects: [svc('shop')] }), []);
});

test('static weights all zero', () => {
  const zero = propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 0 }] } } });
  const findings = allZeroStaticWeights({ documents: docs(zero) });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].path, ['spec', 'placement', 'replicaScheduling', 'weightPreference', 'staticWeightList']);
  const one = propagationPolicy({ replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 1 }] } } });
  assert.deepEqual(allZeroStaticWeights({ documents: docs(one) }), []);
});

test('spread constraints the current members cannot satisfy (tainted members do not count)', () => {
  const policy = propagationPolicy({ spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2 }] });
  const findings = unsatisfiableSpread({ documents: docs(policy), clusters: members });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].path, ['spec', 'placement', 'spreadConstraints', 0, 'minGroups']);
  assert.match(findings[0].message, /minGroups 2 by region, but the eligible members span 1 \(eu\)/);
  const tolerating = propagationPolicy({ clusterTolerations: [{ key: 'x', operator: 'Exists' }], spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2 }] });
  assert.deepEqual(unsatisfiableSpread({ documents: docs(tolerating), clusters: members }), []);
});

test('a Placement naming a ManagedClusterSet with no binding in its namespace', () => {
  const placement = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'p', namespace: 'apps' }, spec: { clusterSets: ['prod', 'dev'] } };
  const binding = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'prod', namespace: 'apps' }, spec: { clusterSet: 'prod' } };
  const findings = unboundClusterSets({ documents: docs(placement, binding) });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].path, ['spec', 'clusterSets', 1]);
  assert.match(findings[0].message, /ManagedClusterSet dev has no ManagedClusterSetBinding in namespace apps/);
});

test('checkFederation runs every check over one context', () => {
  const context: FederationContext = {
    documents: docs(propagationPolicy({ clusterAffinity: { clusterNames: ['nope'] } })),
    clusters: members,
  };
  const codes = checkFederation(context).map((f) => f.code).sort();
  assert.deepEqual(codes, ['selector-matches-nothing', 'unknown-cluster']);
});
