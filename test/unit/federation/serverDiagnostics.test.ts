import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache } from '../../../core/language/document';
import { federationDiagnostics, federationQuickFixes, FEDERATION_SOURCE } from '../../../server/features/federation';
import { karmadaCluster } from '../placement/fixtures';

const POLICY = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
  namespace: default
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: web
  placement:
    clusterAffinity:
      clusterNames:
        - member1
        - membr2
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: nginx
`;

test('federation findings land on the exact YAML node, across files, with a quick fix', () => {
  const cache = new DocumentCache();
  const documents = [...cache.parse('file:///w/policy.yaml', POLICY), ...cache.parse('file:///w/app.yaml', `---\n${DEPLOYMENT}`)];
  const clusters = [karmadaCluster('member1'), karmadaCluster('member2')];
  const byUri = federationDiagnostics({ documents, clusters });
  assert.deepEqual([...byUri.keys()], ['file:///w/policy.yaml'], 'the Deployment in another file satisfies the selector');
  const [diagnostic] = byUri.get('file:///w/policy.yaml')!;
  assert.equal(diagnostic.source, FEDERATION_SOURCE);
  assert.equal(diagnostic.code, 'unknown-cluster');
  assert.deepEqual(diagnostic.range, { start: { line: 14, character: 10 }, end: { line: 14, character: 16 } });
  const [fix] = federationQuickFixes('file:///w/policy.yaml', [diagnostic]);
  assert.equal(fix.title, 'Change to member2');
  assert.deepEqual(fix.edit?.changes?.['file:///w/policy.yaml'], [{ range: diagnostic.range, newText: 'member2' }]);
});

test('a selector matching nothing is reported on its list item, line of the dash', () => {
  const cache = new DocumentCache();
  const documents = cache.parse('file:///w/policy.yaml', POLICY);
  const diagnostics = federationDiagnostics({ documents }).get('file:///w/policy.yaml') ?? [];
  assert.deepEqual(diagnostics.map((d) => d.code), ['selector-matches-nothing']);
  assert.equal(diagnostics[0].range.start.line, 7);
  assert.equal(diagnostics[0].range.start.character, 4);
});

test('server messages say the open YAML files were searched, not the whole workspace', () => {
  const documents = new DocumentCache().parse('file:///w/policy.yaml', POLICY);
  const [diagnostic] = federationDiagnostics({ documents }).get('file:///w/policy.yaml') ?? [];
  assert.match(String(diagnostic.message), /matches nothing in the open YAML files$/);
});
