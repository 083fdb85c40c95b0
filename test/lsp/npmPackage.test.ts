// `npx flotilla lint` from the packed tarball, installed into a throwaway project the way a pipeline
// would: the package has no runtime dependencies (every dist file is a bundle), so it installs offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BAD = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placment: {}
`;

test('npx flotilla lint from the npm pack tarball: text and SARIF findings, exit 1', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-pack-'));
  try {
    const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
    assert.equal(packed.code, 0, packed.stderr);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const shipped = files.map((f) => f.path);
    assert.ok(shipped.includes('dist/cli.js') && shipped.includes('dist/schemas/bundled/index.json'), shipped.join(', '));
    assert.ok(!shipped.some((f) => f.startsWith('core/') || f.endsWith('.map')), 'sources and source maps stay out');

    const project = path.join(dir, 'pipeline');
    mkdirSync(path.join(project, 'manifests'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pipeline', version: '1.0.0', private: true }));
    writeFileSync(path.join(project, 'manifests', 'policy.yaml'), BAD);
    const installed = run('npm', ['install', '--no-audit', '--no-fund', path.join(dir, filename)], project);
    assert.equal(installed.code, 0, installed.stderr);
    assert.deepEqual(readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['flotilla'], 'no dependencies come along');

    const text = run('npx', ['flotilla', 'lint', 'manifests'], project);
    assert.equal(text.code, 1, text.stderr);
    assert.equal(text.stdout, 'manifests/policy.yaml:7:3: error Unknown field "spec.placment" [unknown-field]\n');

    const sarif = run('npx', ['flotilla', 'lint', '--format', 'sarif', 'manifests'], project);
    assert.equal(sarif.code, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    const [runLog] = log.runs;
    assert.deepEqual([runLog.tool.driver.name, runLog.tool.driver.version], ['flotilla', version]);
    assert.deepEqual(runLog.results, [{
      ruleId: 'unknown-field',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Unknown field "spec.placment"' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/policy.yaml' }, region: { startLine: 7, startColumn: 3 } } }],
    }]);
    assert.equal(runLog.tool.driver.rules[0].id, 'unknown-field');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
