import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contributedProperties, defaultSettings, readSettings } from '../../core/config';

test('package.json contributes exactly the settings declared in core/config.ts', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.configuration.properties, contributedProperties());
});

test('readSettings keeps well-typed values and falls back to defaults for the rest', () => {
  const given: Record<string, unknown> = {
    kubeconfigs: ['/a', '/b'],
    'cluster.timeoutMs': 'fast',
    'deploy.concurrency': 0,
    'validation.strict': false,
    'schemas.paths': [1, 2],
  };
  const settings = readSettings((key) => given[key]);
  assert.deepEqual(settings.kubeconfigs, ['/a', '/b']);
  assert.equal(settings['cluster.timeoutMs'], defaultSettings()['cluster.timeoutMs']);
  assert.equal(settings['deploy.concurrency'], defaultSettings()['deploy.concurrency']);
  assert.equal(settings['validation.strict'], false);
  assert.deepEqual(settings['schemas.paths'], []);
});
