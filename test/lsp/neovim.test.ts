// The language server is plain LSP: Neovim's built-in client (headless, test/lsp/neovim/init.lua) gets
// diagnostics, member-name completion and field documentation on hover, configured the way the README
// tells Neovim users to (settings.flotilla.clusters, no VS Code snapshot).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_PATH } from '../support/lspClient';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

const MANIFEST = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors:
    - {apiVersion: apps/v1, kind: Deployment, name: web}
  placement:
    clusterAffinity:
      clusterNames:
        - membr3
    replicaScheduling:
      replicaSchedulingType: divided
`;

interface NvimResult {
  diagnostics: { code: string; line: number; message: string }[];
  completion: string[];
  hover: string;
  error: string | null;
}

test('Neovim: diagnostics arrive, completion offers member names, hover shows the field documentation', { skip: !hasNvim && 'nvim is not installed (apt-get install neovim)', timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-nvim-'));
  try {
    const file = path.join(dir, 'policy.yaml');
    const clusters = path.join(dir, 'clusters.yaml');
    const out = path.join(dir, 'result.json');
    writeFileSync(file, MANIFEST);
    writeFileSync(clusters, ['member1', 'member2'].map((n) => `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\n`).join('---\n'));
    const env = {
      ...process.env,
      HOME: dir,
      XDG_STATE_HOME: dir,
      XDG_CACHE_HOME: dir,
      FLOTILLA_CODE_CACHE_DIR: 'off',
      FLOTILLA_NVIM_SERVER: SERVER_PATH,
      FLOTILLA_NVIM_ROOT: dir,
      FLOTILLA_NVIM_FILE: file,
      FLOTILLA_NVIM_CLUSTERS: clusters,
      FLOTILLA_NVIM_CODES: 'enum,unknown-cluster',
      FLOTILLA_NVIM_COMPLETE_LINE: '10',
      FLOTILLA_NVIM_COMPLETE_CHAR: '12',
      FLOTILLA_NVIM_HOVER_LINE: '12',
      FLOTILLA_NVIM_HOVER_CHAR: '8',
      FLOTILLA_NVIM_OUT: out,
    };
    const nvim = spawn('nvim', ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', path.join(__dirname, 'neovim', 'init.lua')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    nvim.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => nvim.on('exit', resolve));
    assert.equal(code, 0, stderr);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
    assert.equal(result.error, null, stderr);

    const byCode = Object.fromEntries(result.diagnostics.map((d) => [d.code, d]));
    assert.equal(byCode.enum.line, 12);
    assert.match(byCode['unknown-cluster'].message, /membr3 is not a member cluster \(members: member1, member2\)/);
    assert.equal(byCode['unknown-cluster'].line, 10);
    assert.deepEqual(result.completion, ['member1', 'member2']);
    assert.match(result.hover, /\*\*replicaSchedulingType\*\*: `string`/);
    assert.match(result.hover, /Duplicated gives every cluster the full count; Divided splits it\./);
    assert.match(result.hover, /Allowed values: `Duplicated`, `Divided`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
