// Finds or builds every binary the lab runs, one build at a time (this is a 2-core machine), each cached:
// - test/lab/bin/flotilla-lab: the orchestrator with the upstream kube-apiserver, kube-controller-manager
//   and kube-scheduler of k8s.io/kubernetes v1.36.3, version-stamped (scripts/lab-process.mjs);
// - KWOK from the Go module proxy, with its stage files from the same module;
// - Karmada and OCM from the release archives in $FLOTILLA_SOURCES_DIR (default ../shared/sources), which
//   the module proxy refuses: unpacked once and built with -mod=vendor, keyed by the archive's hash.
// What is missing is said in one line each, and the lab starts without it.
import { spawn, spawnSync } from 'node:child_process';
import { clearInterval, setInterval } from 'node:timers';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KWOK = 'sigs.k8s.io/kwok@v0.8.0';
const MCS_API = 'sigs.k8s.io/mcs-api@v0.5.0';
const ARCHIVES = {
  karmada: { pattern: /^karmada-(\d+\.\d+\.\d+)\.tar\.gz$/, commands: ['aggregated-apiserver', 'webhook', 'controller-manager', 'scheduler'] },
  ocm: { pattern: /^ocm-(\d+\.\d+\.\d+)\.tar\.gz$/, commands: ['registration', 'placement', 'work'] },
};

export function sourcesDir() {
  return process.env.FLOTILLA_SOURCES_DIR ?? resolve(repoRoot, '../shared/sources');
}

export function labCacheDir() {
  return process.env.FLOTILLA_LAB_CACHE ?? join(homedir(), '.cache', 'flotilla', 'lab');
}

function elapsed(since) {
  const s = Math.round((Date.now() - since) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Runs a build command, printing a progress line every 30 s; rejects with the command's last output lines. */
export function runBuild(what, command, args, { cwd, env, log }) {
  const started = Date.now();
  log(`lab build: ${what}...`);
  return new Promise((resolveBuild, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const ticker = setInterval(() => log(`lab build: ${what} still building (${elapsed(started)})`), 30_000);
    child.once('error', (error) => {
      clearInterval(ticker);
      reject(new Error(`lab build: ${what}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearInterval(ticker);
      if (code === 0) {
        log(`lab build: ${what} done in ${elapsed(started)}`);
        resolveBuild();
      } else {
        const tail = output.trim().split('\n').slice(-8).join('\n');
        reject(new Error(`lab build: ${what} failed (${code ?? signal}):\n${tail}`));
      }
    });
  });
}

function goModuleDir(module) {
  const result = spawnSync('go', ['mod', 'download', '-json', module], { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) throw new Error(`go mod download ${module} failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`);
  return JSON.parse(result.stdout).Dir;
}

async function ensureKwok({ log }) {
  const dir = join(labCacheDir(), 'kwok-' + KWOK.split('@')[1]);
  const binary = join(dir, 'kwok');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    await runBuild(`KWOK ${KWOK}`, 'go', ['install', KWOK.replace('sigs.k8s.io/kwok', 'sigs.k8s.io/kwok/cmd/kwok')], { env: { GOBIN: dir }, log });
  }
  return { kwok: binary, kwokStages: join(goModuleDir(KWOK), 'kustomize', 'stage') };
}

function sha256(path) {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (d) => hash.update(d)).on('error', reject).on('end', () => resolveHash(hash.digest('hex')));
  });
}

/** Unpacks and builds one release archive; returns { src, bin } or undefined with the reason logged. */
async function ensureArchive(name, { log }) {
  const { pattern, commands } = ARCHIVES[name];
  const dir = sourcesDir();
  const archive = existsSync(dir) ? readdirSync(dir).find((f) => pattern.test(f)) : undefined;
  if (!archive) return { missing: `no ${name}-*.tar.gz in ${dir}` };
  const version = pattern.exec(archive)[1];
  const key = `${name}-${version}-${(await sha256(join(dir, archive))).slice(0, 12)}`;
  const home = join(labCacheDir(), key);
  const src = join(home, 'src', `${name}-${version}`);
  const bin = join(home, 'bin');
  if (!existsSync(join(home, 'src.done'))) {
    rmSync(join(home, 'src'), { recursive: true, force: true });
    mkdirSync(join(home, 'src'), { recursive: true });
    await runBuild(`unpacking ${archive}`, 'tar', ['-xzf', join(dir, archive), '-C', join(home, 'src')], { log });
    writeFileSync(join(home, 'src.done'), archive);
  }
  mkdirSync(bin, { recursive: true });
  for (const [i, command] of commands.entries()) {
    const target = join(bin, command);
    if (existsSync(target)) continue;
    const partial = `${target}.partial`;
    await runBuild(`${name} ${version} ${command} (${i + 1} of ${commands.length})`, 'go', ['build', '-mod=vendor', '-ldflags=-s -w', '-o', partial, `./cmd/${command}`], { cwd: src, log });
    renameSync(partial, target);
  }
  return { src, bin };
}

/**
 * Everything `flotilla-lab run` needs besides its own binary, as command-line flags, plus one line per
 * federation or data set the lab runs without.
 * @param {{ federations?: string[], upstream: string, log?: (line: string) => void }} options
 */
export async function ensureLabComponents({ federations = ['karmada', 'ocm', 'kubefed'], upstream, log = (line) => console.error(line) }) {
  const args = [];
  const without = [];
  const { kwok, kwokStages } = await ensureKwok({ log });
  args.push('--kwok', kwok, '--kwok-stages', kwokStages);
  if (!existsSync(join(upstream, 'crds', 'mcs-api'))) args.push('--mcs-crds', join(goModuleDir(MCS_API), 'config', 'crd'));
  for (const name of ['karmada', 'ocm']) {
    if (!federations.includes(name)) continue;
    const built = await ensureArchive(name, { log });
    if (built.missing) without.push(`${name === 'ocm' ? 'OCM' : 'Karmada'} control plane (${built.missing})`);
    else args.push(`--${name}-src`, built.src, `--${name}-bin`, built.bin);
  }
  if (federations.includes('kubefed') && !existsSync(join(upstream, 'crds', 'kubefed'))) without.push(`KubeFed CRDs (no ${join(upstream, 'crds', 'kubefed')})`);
  return { args, without };
}
