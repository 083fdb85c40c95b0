import { upstreamTest as test } from '../../support/upstream';
import assert from 'node:assert/strict';
import { lineOf, service } from './fixtures';

const URI = 'file:///work/app.yaml';

function diagnose(text: string, strict = true) {
  return (service({ strict }).diagnostics(URI, text) ?? []).map((d) => ({ line: d.range.start.line, character: d.range.start.character, endCharacter: d.range.end.character, code: d.code, severity: d.severity, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: Always
          ports:
            - containerPort: 80
              protocol: TCP
`;

const POLICY = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: web
  placement:
    clusterAffinity:
      clusterNames: [member1, member2]
    replicaScheduling:
      replicaSchedulingType: Divided
`;

test('valid multi-document file: each document is checked against its own kind, no findings', () => {
  assert.deepEqual(diagnose(`${DEPLOYMENT}---\n${POLICY}`), []);
});

test('each document of a multi-document file gets its own schema: a Deployment field in a policy is unknown', () => {
  const text = `${DEPLOYMENT}---\n${POLICY.replace('  placement:', '  replicas: 3\n  placement:')}`;
  const found = diagnose(text);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].code, 'unknown-field');
  assert.equal(found[0].line, lineOf(text, 'replicas: 3'));
  assert.equal(found[0].character, 2);
  assert.equal(found[0].endCharacter, 'replicas'.length + 2);
});

test('wrong type on the exact value range', () => {
  const text = DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: three\n  selector');
  const [d] = diagnose(text);
  assert.equal(d.code, 'wrong-type');
  assert.equal(d.line, lineOf(text, 'replicas: three'));
  assert.equal(d.character, '  replicas: '.length);
  assert.equal(d.endCharacter, '  replicas: three'.length);
  assert.match(d.message, /Expected integer, got string "three" at spec.replicas/);
});

test('enum violation names the allowed values', () => {
  const text = POLICY.replace('Divided', 'divided');
  const [d] = diagnose(text);
  assert.equal(d.code, 'enum');
  assert.equal(d.line, lineOf(text, 'divided'));
  assert.match(d.message, /"Duplicated", "Divided"/);
});

test('missing required field is reported on the key of the object that lacks it', () => {
  const text = DEPLOYMENT.replace('        - name: web\n          image: nginx', '        - image: nginx');
  const found = diagnose(text);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].code, 'missing-required');
  assert.equal(found[0].line, lineOf(text, '- image: nginx'));
  assert.match(found[0].message, /"name" at spec.template.spec.containers.0/);
});

test('unknown fields are errors only when strict', () => {
  const text = POLICY.replace('  placement:', '  placemnt: {}\n  placement:');
  assert.equal(diagnose(text, true)[0].code, 'unknown-field');
  assert.deepEqual(diagnose(text, false), []);
});

test('YAML syntax errors and duplicate keys', () => {
  const syntax = diagnose('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "unterminated\n');
  assert.equal(syntax[0].code, 'yaml-syntax');
  const text = `${POLICY}---\n${POLICY.replace('metadata:\n  name: web', 'metadata:\n  name: web\n  name: web2')}`;
  const dup = diagnose(text);
  assert.equal(dup.length, 1, JSON.stringify(dup));
  assert.equal(dup[0].code, 'duplicate-key');
  assert.equal(dup[0].line, lineOf(text, 'name: web2'));
});

test('duplicate keys in flow maps, in maps of 12 keys or more, and in documents the yaml package reads', () => {
  const dupLines = (text: string) => diagnose(text).filter((d) => d.code === 'duplicate-key').map((d) => d.line);
  const flow = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, name: b}\n';
  assert.deepEqual(dupLines(flow), [2]);
  const many = Array.from({ length: 14 }, (_, i) => `  k${i}: v`).join('\n');
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n${many}\n  k3: again\n  k13: again\n`;
  assert.deepEqual(dupLines(big), [19, 20]);
  // An anchor hands the document over to the yaml package.
  const anchored = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n a\n  name: b\ndata: {x: *n}\n';
  assert.deepEqual(dupLines(anchored), [4]);
});

test('int-or-string accepts both and rejects other types', () => {
  const ok = DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}\n  selector');
  assert.deepEqual(diagnose(ok), []);
  const bad = ok.replace('maxUnavailable: 1', 'maxUnavailable: true');
  const [d] = diagnose(bad);
  assert.equal(d.code, 'wrong-type');
  assert.match(d.message, /integer \| string/);
});

test('null values are accepted (the API server treats them as absent) but do not satisfy required', () => {
  assert.deepEqual(diagnose(DEPLOYMENT.replace('metadata:\n  name: web', 'metadata:\n  name: web\n  labels: null')), []);
  const found = diagnose(POLICY.replace(/ {2}resourceSelectors:\n( {4}.*\n| {6}.*\n)+/, '  resourceSelectors:\n'));
  assert.deepEqual(found.map((d) => d.code), ['missing-required']);
});

/** A ManifestWork around `manifests` (list items indented by six spaces). */
const manifestWork = (manifests: string) => `apiVersion: work.open-cluster-management.io/v1
kind: ManifestWork
metadata:
  name: web
  namespace: member1
spec:
  workload:
    manifests:
${manifests}`;

test('an embedded ManifestWork manifest is checked against its own kind, as warnings', () => {
  const text = manifestWork(`      - apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: many
`);
  const found = diagnose(text);
  const wrong = found.find((d) => d.code === 'wrong-type');
  assert.ok(wrong, JSON.stringify(found));
  assert.equal(wrong.line, lineOf(text, 'replicas: many'));
  assert.equal(wrong.severity, 2);
});

test('manifests under the same ManifestWork field are each checked against their own kind', () => {
  const deployment = `      - apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector: {}
          template: {}
          paused: sometimes
`;
  const configMap = `      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web
        data: {mode: sometimes}
        immutable: sometimes
`;
  const text = `${manifestWork(deployment + configMap)}---\n${manifestWork(configMap + deployment)}`;
  const found = diagnose(text);
  const linesOf = (needle: string) => text.split('\n').flatMap((l, i) => (l.trim() === needle ? [i] : []));
  const expected = [...linesOf('paused: sometimes'), ...linesOf('immutable: sometimes')].sort((a, b) => a - b);
  assert.deepEqual(found.map((d) => [d.code, d.line]), expected.map((line) => ['wrong-type', line]), JSON.stringify(found));
});

test('a KubeFed Federated* template is checked against the kind it wraps', () => {
  const text = `apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata:
  name: web
spec:
  template:
    spec:
      replicas: 2
      paused: sometimes
  placement:
    clusters:
      - name: member1
`;
  const found = diagnose(text);
  assert.equal(found.length, 3, JSON.stringify(found));
  assert.ok(found.every((d) => d.severity === 2));
  assert.ok(found.some((d) => d.code === 'wrong-type' && d.line === lineOf(text, 'paused: sometimes')));
  assert.ok(found.some((d) => d.code === 'missing-required' && /selector/.test(d.message)));
});

test('documents without a known schema get one information, documents without apiVersion/kind an error', () => {
  const found = diagnose('apiVersion: example.com/v1\nkind: Widget\nspec: {}\n---\nmetadata:\n  name: x\n');
  assert.deepEqual(found.map((d) => [d.code, d.severity, d.line]), [['unknown-kind', 3, 1], ['missing-type-meta', 1, 4]]);
});

test('an edit revalidates only the touched document (untouched trees keep their cached results)', () => {
  const ls = service();
  const text = `${DEPLOYMENT}---\n${POLICY}---\n${DEPLOYMENT}`;
  ls.diagnostics(URI, text);
  const before = ls.parse(URI, text).map((d) => d.tree);
  const edited = text.replace('Divided', 'Duplicated');
  const after = ls.parse(URI, edited).map((d) => d.tree);
  assert.equal(after[0], before[0]);
  assert.notEqual(after[1], before[1]);
  assert.equal(after[2], before[2]);
  assert.deepEqual(ls.diagnostics(URI, edited), []);
});

test('cancellation stops diagnostics and reports null', () => {
  assert.equal(service().diagnostics(URI, DEPLOYMENT, { isCancellationRequested: true }), null);
});

test('a required field with a schema default is not missing: the API server defaults it first', () => {
  const found = diagnose(`apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: {name: steady, namespace: default}
spec:
  prioritizerPolicy:
    configurations:
      - scoreCoordinate:
          builtIn: Steady
      - weight: 2
`);
  assert.deepEqual(found.filter((d) => d.code === 'missing-required').map((d) => d.message), ['Missing required field "scoreCoordinate" at spec.prioritizerPolicy.configurations.1']);
});
