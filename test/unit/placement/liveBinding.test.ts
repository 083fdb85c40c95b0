// `flotilla plan --current`: the preview of an applied workload divides from its ResourceBinding, found
// by Karmada's binding name; the flag only makes sense with a live control plane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bindingName } from '../../../core/placement/liveBinding';

test('the binding of a resource is named "<name>-<kind>", lower-cased, as names.GenerateBindingName does', () => {
  assert.equal(bindingName('Deployment', 'Web'), 'web-deployment');
  assert.equal(bindingName('StatefulSet', 'db'), 'db-statefulset');
});

test('plan --current needs --context', () => {
  const cli = spawnSync(process.execPath, [resolve(__dirname, '../../../dist/cli.js'), 'plan', '--policy', 'p.yaml', '--resource', 'r.yaml', '--clusters', 'c.yaml', '--current'], { encoding: 'utf8' });
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /--current needs --context/);
});
