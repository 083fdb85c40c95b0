/** `flotilla lint`: the language server's validation from the command line, for CI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UPSTREAM } from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const POLICY_CRD = path.join(UPSTREAM, 'crds/karmada/policy/policy.karmada.io_propagationpolicies.yaml');

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/cli.ts'), 'lint', ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-lint-'));
const bad = path.join(dir, 'bad.yaml');
writeFileSync(bad, 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: web\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n  placment: {}\n');
const good = path.join(dir, 'nested', 'good.yml');
mkdirSync(path.dirname(good));
writeFileSync(good, 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: web\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]\n');

test('JSON findings with file, 1-based line and column, severity, message and code; exit 1 on errors', () => {
  const r = run(['--schemas', POLICY_CRD, '--format', 'json', dir]);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(findings, [{ file: path.relative(ROOT, bad), line: 7, column: 3, severity: 'error', message: 'Unknown field "spec.placment"', code: 'unknown-field' }]);
});

test('text format, exit 0 when clean, exit 2 on bad usage, unreadable paths are errors', () => {
  const clean = run(['--schemas', POLICY_CRD, good]);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '');
  const text = run(['--schemas', POLICY_CRD, bad]);
  assert.equal(text.stdout.trim(), `${path.relative(ROOT, bad)}:7:3: error Unknown field "spec.placment" [unknown-field]`);
  assert.equal(run(['--format', 'xml', bad]).code, 2);
  assert.equal(run([]).code, 2);
  const missing = run([path.join(dir, 'nope.yaml')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /nope\.yaml:1:1: error no such file or folder/);
});
