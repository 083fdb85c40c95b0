import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { caret, service, SNAPSHOT } from './fixtures';

const URI = 'file:///work/app.yaml';

function complete(marked: string, snapshot = SNAPSHOT) {
  const { text, line, character } = caret(marked);
  return service({ snapshot }).completion(URI, text, { line, character }).items;
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

test('keys of the enclosing object, required first, present keys left out', () => {
  const items = complete(`apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  placement: {}
  |
`);
  const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.equal(sorted[0].label, 'resourceSelectors');
  assert.ok(labels(items).includes('priority'));
  assert.ok(!labels(items).includes('placement'), 'already present');
});

test('a required object key inserts its required subtree as a snippet', () => {
  const items = complete(`apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  res|
`);
  const item = items.find((i) => i.label === 'resourceSelectors');
  assert.ok(item);
  const edit = item.textEdit as { newText: string; range: { start: { character: number } } };
  assert.equal(edit.range.start.character, 2, 'replaces the typed prefix');
  assert.match(edit.newText, /^resourceSelectors:\n {2}- apiVersion: \$1\n {4}kind: \$2$/);
});

test('keys inside a list item, under an indentless sequence', () => {
  const items = complete(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        imagePull|
`);
  assert.ok(labels(items).includes('imagePullPolicy'));
  assert.ok(!labels(items).includes('name'));
});

test('enum values and booleans', () => {
  const enumItems = complete(`apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
spec:
  placement:
    replicaScheduling:
      replicaSchedulingType: |
`);
  assert.deepEqual(labels(enumItems).sort(), ['Divided', 'Duplicated']);
  const boolItems = complete(`apiVersion: apps/v1
kind: Deployment
spec:
  paused: |
`);
  assert.deepEqual(labels(boolItems), ['true', 'false']);
});

test('apiVersion and kind from every known kind', () => {
  const kinds = complete('apiVersion: policy.karmada.io/v1alpha1\nkind: |\n');
  assert.ok(labels(kinds).includes('PropagationPolicy'));
  assert.ok(!labels(kinds).includes('Deployment'), 'only kinds of that apiVersion');
  const versions = complete('apiVersion: |\nkind: Deployment\n');
  assert.deepEqual(labels(versions), ['apps/v1']);
  const starters = complete('|');
  assert.ok(labels(starters).some((l) => l.startsWith('ManifestWork ')));
});

/** The caret where a PropagationPolicy takes a member's name. */
const CLUSTER_NAMES_CARET = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
spec:
  placement:
    clusterAffinity:
      clusterNames:
        - |
`;

test('member cluster names where a field takes one, from the pushed snapshot', () => {
  const karmada = complete(`apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
spec:
  placement:
    clusterAffinity:
      clusterNames:
        - mem|
`);
  assert.deepEqual(labels(karmada), ['member1', 'member2']);
  const kubefed = complete(`apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
spec:
  placement:
    clusters:
      - name: |
`);
  assert.deepEqual(labels(kubefed), ['member1', 'member2']);
  const none = complete(CLUSTER_NAMES_CARET, { clusters: [], karmadaClusters: [] });
  assert.deepEqual(labels(none), []);
  const withStandaloneContext = complete(CLUSTER_NAMES_CARET, { ...SNAPSHOT, clusters: [...SNAPSHOT.clusters, { name: 'member1-viewer', labels: {}, taints: [], namespaces: [], federations: [] }] });
  assert.deepEqual(labels(withStandaloneContext), ['member1', 'member2'], 'contexts outside every federation are not offered as members');
});

test('ManagedClusterSet names where an OCM Placement or binding takes one', () => {
  const snapshot = { ...SNAPSHOT, clusterSets: ['default', 'prod'] };
  const placement = complete(`apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata:
  name: web
  namespace: shop
spec:
  clusterSets:
    - |
`, snapshot);
  assert.deepEqual(labels(placement), ['default', 'prod']);
  const binding = complete(`apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata:
  name: prod
  namespace: shop
spec:
  clusterSet: |
`, snapshot);
  assert.deepEqual(labels(binding), ['default', 'prod']);
  const elsewhere = complete(CLUSTER_NAMES_CARET, snapshot);
  assert.deepEqual(labels(elsewhere), ['member1', 'member2'], 'cluster sets only where a set is asked for');
});

test('namespaces from the snapshot', () => {
  const items = complete(`apiVersion: apps/v1
kind: Deployment
metadata:
  namespace: |
`);
  assert.deepEqual(labels(items), ['default', 'shop', 'payments']);
});
