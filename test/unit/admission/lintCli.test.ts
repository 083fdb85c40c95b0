/** `flotilla lint` reports admission rules as the language server does, with their codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

test('flotilla lint: a policy the Karmada webhook would deny fails the run, with the rule code on the field', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'flotilla-admission-')), 'policy.yaml');
  const constraint = '      - {spreadByField: cluster, minGroups: 3, maxGroups: 2}';
  writeFileSync(file, `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata:\n  name: web\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]\n  placement:\n    spreadConstraints:\n${constraint}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/cli.ts'), 'lint', '--format', 'json', file], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as Array<Record<string, unknown>>).filter((f) => f.severity === 'error');
  assert.deepEqual(findings, [
    {
      file: path.relative(ROOT, file),
      line: 9,
      column: constraint.indexOf('2}') + 1,
      severity: 'error',
      message: 'spec.placement.spreadConstraints[0]: Invalid value: maxGroups lower than minGroups is not allowed',
      code: 'karmada-spread-max-below-min',
    },
  ]);
});
