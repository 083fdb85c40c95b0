// Starts the lab (test/lab: a host and N member kube-apiservers on loopback) as a child process.
// The Go binary is built on first use and rebuilt whenever a source under test/lab is newer than it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureLabComponents } from './lab-build.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const labModule = join(repoRoot, 'test', 'lab');
export const labBinary = join(labModule, 'bin', 'flotilla-lab');
const READY = /^flotilla-lab ready: (.+)\/kubeconfig \(host \+ (\d+) members\) in ([\d.]+)s; (.*)$/;

/** A failure the user can act on; `message` is one line, `exitCode` what the CLI should exit with. */
export class LabError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function upstreamDir() {
  return process.env.FLOTILLA_UPSTREAM_DIR ?? resolve(repoRoot, '../shared/upstream');
}

// The servers report the version they are built from, as a release build of Kubernetes does.
const VERSION_LDFLAGS = ['gitVersion=v1.36.3', 'gitMajor=1', 'gitMinor=36', 'gitTreeState=clean', 'buildDate=2026-11-01T00:00:00Z']
  .map((v) => `-X k8s.io/component-base/version.${v}`)
  .concat('-s', '-w')
  .join(' ');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'bin') newest = Math.max(newest, newestSourceMtime(path));
    } else if (/\.(go|yaml)$|^go\.(mod|sum)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function goVersion() {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Builds test/lab/bin/flotilla-lab when it is missing or stale (FLOTILLA_LAB_REBUILD=1 forces it). */
export function ensureLabBinary({ log = (line) => console.error(line) } = {}) {
  const builtAt = existsSync(labBinary) ? statSync(labBinary).mtimeMs : 0;
  if (builtAt && builtAt >= newestSourceMtime(labModule) && process.env.FLOTILLA_LAB_REBUILD !== '1') {
    return labBinary;
  }
  const version = goVersion();
  if (!version) throw new LabError('the lab needs Go 1.26+ to build test/lab (https://go.dev/dl/), but `go` is not on PATH');
  const [major, minor] = version.replace(/^go/, '').split('.').map(Number);
  if (major < 1 || (major === 1 && minor < 26)) {
    throw new LabError(`the lab needs Go 1.26+ to build test/lab, found ${version}`);
  }
  log('lab build: flotilla-lab (kube-apiserver, kube-controller-manager, kube-scheduler; the first build takes ~8 min)...');
  const started = Date.now();
  // Build beside the target and rename, so concurrent test processes never run a half-written binary.
  const partial = `${labBinary}.${process.pid}.partial`;
  const result = spawnSync('go', ['build', `-ldflags=${VERSION_LDFLAGS}`, '-o', partial, '.'], { cwd: labModule, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    rmSync(partial, { force: true });
    throw new LabError(`building the lab failed (go build exited ${result.status ?? result.signal}); see the output above`);
  }
  renameSync(partial, labBinary);
  log(`lab build: flotilla-lab done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return labBinary;
}

function federationsOf(args) {
  const at = args.indexOf('--federation');
  if (args.includes('--no-crds')) return [];
  return at >= 0 ? args[at + 1].split(',') : ['karmada', 'ocm', 'kubefed'];
}

/**
 * Starts the lab and resolves once every cluster is ready, its federations joined and its workloads running.
 * Without `out` the lab uses a temporary directory that it removes when it stops.
 * @param {{ members?: number, out?: string, upstream?: string, args?: string[], log?: (line: string) => void }} [options]
 */
export async function startLab({ members = 3, out, upstream = upstreamDir(), args = [], log = (line) => console.error(line) } = {}) {
  const binary = ensureLabBinary({ log });
  const components = await ensureLabComponents({ federations: federationsOf(args), upstream, log }).catch((error) => {
    throw new LabError(error.message);
  });
  if (components.without.length) log(`lab: running without ${components.without.join('; ')}`);
  const child = spawn(
    binary,
    ['run', '--members', String(members), '--upstream', upstream, ...(out ? ['--out', resolve(out)] : []), ...components.args, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  let lastError = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.trim()) lastError = line.trim();
    // Loading members takes minutes: its progress lines are passed on.
    if (line.startsWith('flotilla-lab: load:')) log(line);
  });
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const readyLine = await new Promise((resolveReady, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (READY.test(line)) resolveReady(line);
    });
    child.once('error', (error) => reject(new LabError(`could not start ${binary}: ${error.message}`)));
    void exited.then(({ code, signal }) => {
      process.off('exit', killOnExit);
      reject(new LabError(lastError || `the lab exited (${code ?? signal}) before it was ready`, code || 1));
    });
  });

  const [, dir, , seconds, federations] = READY.exec(readyLine);
  let stopping;
  return {
    dir,
    kubeconfig: join(dir, 'kubeconfig'),
    info: JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')),
    readySeconds: Number(seconds),
    federations,
    without: components.without,
    readyLine,
    process: child,
    exited,
    /** Stops every apiserver and etcd and waits until the lab process has exited. */
    stop() {
      stopping ??= (async () => {
        child.ref();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        process.off('exit', killOnExit);
      })();
      return stopping;
    },
  };
}
