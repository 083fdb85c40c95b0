/**
 * "Create PropagationPolicy for this workload" and its OCM equivalent: the generated documents are valid
 * against the bundled schemas, and the schedulers' preview places the workload on exactly the picked members.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import { planPlacement } from '../../../core/placement';
import { appendedDocuments, placementDocuments, workloadOf } from '../../../core/templates/workloadPlacement';
import { WEB_DEPLOYMENT } from '../../support/manifests';
import { karmadaCluster } from '../placement/fixtures';
import { bundledService } from './bundledService';

const FILE = WEB_DEPLOYMENT.replace('namespace: shop', 'namespace: shop\n  uid: u-1');
const WEB = parse(FILE);

function managedCluster(name: string) {
  return { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels: { name, 'cluster.open-cluster-management.io/clusterset': 'default' } }, spec: { hubAcceptsClient: true } };
}

const OCM_SETUP = [
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'default' }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'default', namespace: 'shop' }, spec: { clusterSet: 'default' } },
];

async function schemaErrors(text: string): Promise<string[]> {
  const service = await bundledService();
  return (service.diagnostics('file:///work/web.yaml', text) ?? []).map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

test('only workloads with a name are placed', () => {
  assert.equal(workloadOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }), undefined);
  assert.equal(workloadOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {} }), undefined);
  assert.deepEqual(workloadOf(WEB) && { ...workloadOf(WEB), value: undefined }, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop', value: undefined });
});

test('the PropagationPolicy is valid and Karmada places the workload on the picked members only', async () => {
  const [policy] = placementDocuments('karmada', workloadOf(WEB)!, ['member1', 'member3']);
  const text = FILE + appendedDocuments(FILE, [policy]);
  assert.deepEqual(await schemaErrors(text), []);
  const parsed = parseAllDocuments(text).map((d) => d.toJS());
  assert.equal(parsed.length, 2);
  assert.deepEqual(parsed[1], policy);
  const clusters = ['member1', 'member2', 'member3'].map((n) => karmadaCluster(n));
  const outcome = planPlacement({ policy: parsed[1], resource: parsed[0], clusters });
  assert.deepEqual(outcome.clusters.map((c) => [c.name, c.replicas]), [['member1', 2], ['member3', 2]]);
});

test('the OCM Placement is valid, selects the picked clusters, and the ManifestWorkReplicaSet carries the workload without its server fields', async () => {
  const docs = placementDocuments('ocm', workloadOf(WEB)!, ['cluster2', 'cluster3']);
  const text = FILE + appendedDocuments(FILE, docs);
  assert.deepEqual(await schemaErrors(text), []);
  const [, placement, replicaSet] = parseAllDocuments(text).map((d) => d.toJS());
  assert.equal(placement.kind, 'Placement');
  const clusters = ['cluster1', 'cluster2', 'cluster3'].map(managedCluster);
  const outcome = planPlacement({ policy: placement, clusters, documents: OCM_SETUP });
  assert.deepEqual(outcome.clusters.map((c) => c.name), ['cluster2', 'cluster3'], outcome.error);
  assert.equal(replicaSet.spec.placementRefs[0].name, placement.metadata.name);
  const manifest = replicaSet.spec.manifestWorkTemplate.workload.manifests[0];
  assert.equal(manifest.metadata.uid, undefined);
  assert.deepEqual(manifest, { ...WEB, metadata: { name: 'web', namespace: 'shop' } });
});

test('appended documents start on a line of their own', () => {
  assert.match(appendedDocuments('a: 1', [{ b: 2 }]), /^\n---\nb: 2\n$/);
  assert.match(appendedDocuments('a: 1\n', [{ b: 2 }, { c: 3 }]), /^---\nb: 2\n---\nc: 3\n$/);
});
