import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { kubeconfigPaths, loadKubeconfigs, normalizeServer } from '../../../core/kube/kubeconfig';

const dir = mkdtempSync(join(tmpdir(), 'flotilla-kc-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const first = file(
  'a.yaml',
  `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster: { server: "https://127.0.0.1:6443" }
- name: bad-ca
  cluster: { server: "https://127.0.0.1:6444", certificate-authority-data: "bm90IGEgY2VydA==" }
users:
- name: u1
  user: { token: "first-token-value" }
contexts:
- name: one
  context: { cluster: c1, user: u1 }
- name: badcert
  context: { cluster: bad-ca, user: u1 }
- name: nouser
  context: { cluster: c1, user: ghost }
`,
);
const second = file(
  'b.yaml',
  `current-context: two
clusters:
- name: c1
  cluster: { server: "https://10.0.0.1:6443" }
- name: c2
  cluster: { server: "https://localhost:7443/", certificate-authority: missing-ca.crt }
users:
- name: u1
  user: { token: "second-token-value" }
- name: u2
  user:
    exec: { command: kubelogin, apiVersion: client.authentication.k8s.io/v1beta1 }
contexts:
- name: one
  context: { cluster: c2, user: u2 }
- name: two
  context: { cluster: c1, user: u2 }
- name: three
  context: { cluster: c2, user: u1 }
`,
);
const broken = file('c.yaml', 'clusters: [ {name: x\n');

test('kubectl merge: first file wins per name and for current-context', () => {
  const merged = loadKubeconfigs([first, second]);
  assert.equal(merged.currentContext, 'one');
  assert.deepEqual(merged.contexts.map((c) => c.name), ['one', 'badcert', 'nouser', 'two', 'three']);
  const one = merged.contexts.find((c) => c.name === 'one')!;
  assert.equal(one.server, 'https://127.0.0.1:6443');
  assert.equal(merged.users.get('u1')!.fields.token, 'first-token-value');
  assert.equal(merged.contexts.find((c) => c.name === 'two')!.server, 'https://127.0.0.1:6443');
  assert.equal(merged.contexts.find((c) => c.name === 'two')!.usesExec, true);
});

test('broken entries carry a reason and the rest still load', () => {
  const missing = join(dir, 'nope.yaml');
  const merged = loadKubeconfigs([missing, broken, first, second]);
  assert.deepEqual(merged.fileProblems.map((p) => p.file), [missing, broken]);
  assert.match(merged.fileProblems[0].reason, /not found/);
  const byName = new Map(merged.contexts.map((c) => [c.name, c]));
  assert.equal(byName.get('one')!.problem, undefined);
  assert.match(byName.get('badcert')!.problem!, /bad certificate authority/);
  assert.match(byName.get('nouser')!.problem!, /unknown user "ghost"/);
  assert.match(byName.get('three')!.problem!, /certificate authority file not found: .*missing-ca.crt/);
});

test('KUBECONFIG path list, default path and extra files', () => {
  assert.deepEqual(kubeconfigPaths({ KUBECONFIG: `${first}:${second}:${first}`, HOME: '/h' }, ['~/x.yaml']), [first, second, '/h/x.yaml']);
  assert.deepEqual(kubeconfigPaths({ HOME: '/h' }), ['/h/.kube/config']);
});

test('server URLs normalize', () => {
  assert.equal(normalizeServer('https://LOCALHOST:7443/'), normalizeServer('https://127.0.0.1:7443'));
  assert.equal(normalizeServer('https://k.example.com'), 'https://k.example.com:443');
  assert.notEqual(normalizeServer('https://127.0.0.1:1'), normalizeServer('https://127.0.0.1:2'));
});
