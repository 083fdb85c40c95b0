// `npm start`: the README's first command. Installs what is missing (scripts/setup.sh, cached), builds
// and packages the extension, starts the lab (a host control plane and 3 members of real API servers),
// starts a VS Code workbench (code-server) on 127.0.0.1 with the .vsix installed, the lab's kubeconfig
// configured and a fresh copy of sandbox/ as the workspace, then prints the URL to open.
// Ctrl-C stops everything it started.
//
//   npm start [-- --members N] [-- --skip-setup]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from './lab-process.mjs';
import { CODE_SERVER_VERSION, installWorkbench, packageExtension, startWorkbench } from './workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const membersAt = args.indexOf('--members');
const members = membersAt >= 0 ? Number(args[membersAt + 1]) : 3;
const skipSetup = args.includes('--skip-setup');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const running = { lab: undefined, workbench: undefined, workspace: undefined, vsix: undefined };
let stopping;

function stopAll(code) {
  stopping ??= (async () => {
    console.log('\n== stopping the sandbox');
    await running.workbench?.stop().catch((err) => console.error(`workbench: ${err.message}`));
    await running.lab?.stop().catch((err) => console.error(`lab: ${err.message}`));
    if (running.workspace) rmSync(running.workspace, { recursive: true, force: true });
    console.log('== sandbox stopped');
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function step(title, fn) {
  const at = Date.now();
  console.log(`== ${title}`);
  const result = fn();
  const finish = (value) => {
    console.log(`== ${title}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
    return value;
  };
  return result instanceof Promise ? result.then(finish) : finish(result);
}

try {
  if (!skipSetup) {
    step('setup (scripts/setup.sh)', () => {
      const setup = spawnSync('bash', [join(root, 'scripts', 'setup.sh')], { stdio: 'inherit', cwd: root });
      if (setup.status !== 0) throw new Error(`scripts/setup.sh failed (exit ${setup.status ?? setup.signal})`);
    });
  }
  step(`workbench (code-server ${CODE_SERVER_VERSION})`, () => installWorkbench());
  // The lab's API servers start in their own processes while the extension is packaged.
  const labAt = Date.now();
  console.log(`== lab (host + ${members} members): starting`);
  const labStarting = startLab({ members }).then((lab) => (running.lab = lab));
  labStarting.catch(() => undefined);
  try {
    const { vsix: packaged, size } = step('build and package the extension', () => packageExtension({ log: () => undefined }));
    console.log(`   ${packaged} (${(size / 1024).toFixed(0)} KiB)`);
    running.vsix = packaged;
  } finally {
    await labStarting.catch(() => undefined);
  }
  await labStarting;
  console.log(`== lab (host + ${members} members): ready ${((Date.now() - labAt) / 1000).toFixed(1)} s after start`);
  const vsix = running.vsix;
  const kubeconfig = running.lab.kubeconfig ?? join(running.lab.dir, 'kubeconfig');
  console.log(`   kubeconfig: ${kubeconfig}`);

  running.workspace = mkdtempSync(join(tmpdir(), 'flotilla-sandbox-'));
  const workspace = join(running.workspace, 'sandbox');
  cpSync(join(root, 'sandbox'), workspace, { recursive: true });

  running.workbench = await step('workbench start', () =>
    startWorkbench({
      workspace,
      vsix,
      settings: { 'flotilla.kubeconfigs': [kubeconfig] },
      env: { KUBECONFIG: kubeconfig },
      logFile: join(running.workspace, 'code-server.log'),
    }),
  );
  console.log(`\nFlotilla sandbox ready: ${running.workbench.workspaceUrl}`);
  console.log(`(started in ${elapsed()}; kubectl --kubeconfig ${kubeconfig} --context member1 get deploy -A; Ctrl-C stops everything)`);
} catch (err) {
  console.error(`\nsandbox failed after ${elapsed()}: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll(1);
}
