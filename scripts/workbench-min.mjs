// The oldest VS Code that engines.vscode allows (^1.96): code-server 4.96.4 (VS Code 1.96.4) on the
// machine's Node 20. Its postinstall cannot run here (a git dependency and a GitHub download), so this
// does by hand what it does (see ../shared/notes/real-workbench.md, "Route B").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nestedNpmEnv } from './workbench.mjs';

export const MIN_CODE_SERVER_VERSION = '4.96.4';
const PROXY_AGENT_TARBALL = 'https://registry.npmjs.org/@vscode/proxy-agent/-/proxy-agent-0.27.0.tgz';
const NATIVE_MODULES = ['@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'native-watchdog', 'node-pty', 'kerberos'];

function run(cwd, command, args) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: nestedNpmEnv() });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed (exit ${result.status ?? result.signal})`);
}

function link(target, path) {
  rmSync(path, { recursive: true, force: true });
  symlinkSync(target, path);
}

/** Installs code-server 4.96.4 under `prefix`; returns its package directory. */
export function installMinCodeServer(prefix, { log = console.log } = {}) {
  mkdirSync(prefix, { recursive: true });
  if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  log(`== workbench (min): code-server@${MIN_CODE_SERVER_VERSION} without its postinstall`);
  run(prefix, 'npm', ['install', '--prefix', prefix, '--no-save', '--ignore-scripts', ...quiet, `code-server@${MIN_CODE_SERVER_VERSION}`]);
  const codeServer = join(prefix, 'node_modules', 'code-server');
  // argon2 is hoisted into the prefix's node_modules.
  run(prefix, 'npm', ['rebuild', 'argon2', ...quiet]);

  const vscode = join(codeServer, 'lib', 'vscode');
  const shrinkwrapPath = join(vscode, 'npm-shrinkwrap.json');
  const shrinkwrap = JSON.parse(readFileSync(shrinkwrapPath, 'utf8'));
  const proxyAgent = shrinkwrap.packages?.['node_modules/@vscode/proxy-agent'];
  // The registry's 0.27.0 tarball has the same sha512 as the GitHub commit the shrinkwrap names.
  if (proxyAgent && !String(proxyAgent.resolved).startsWith('https://registry.npmjs.org/')) {
    proxyAgent.resolved = PROXY_AGENT_TARBALL;
    writeFileSync(shrinkwrapPath, JSON.stringify(shrinkwrap, null, 2));
  }
  log('== workbench (min): VS Code dependencies');
  run(vscode, 'npm', ['install', '--omit=dev', '--ignore-scripts', ...quiet]);
  run(vscode, 'npm', ['rebuild', ...NATIVE_MODULES, ...quiet]);
  // @vscode/ripgrep's postinstall downloads rg from GitHub: use Debian's.
  mkdirSync(join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin'), { recursive: true });
  link('/usr/bin/rg', join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  link('node_modules', join(vscode, 'node_modules.asar'));
  link('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
  log('== workbench (min): built-in extensions');
  run(join(vscode, 'extensions'), 'npm', ['install', '--omit=dev', ...quiet]);
  return codeServer;
}
