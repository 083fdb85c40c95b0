// The test command: set-up (scripts/setup.sh, idempotent; FLOTILLA_SKIP_SETUP=1 skips it), type-check and
// lint, build, start one lab of real API servers for the whole run, then run every test layer with node's
// test runner. `npm test -- --layer unit` (or lsp, integration,
// e2e; repeatable) narrows the run; layers that need the lab start it only when selected.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { startLab } from './lab-process.mjs';

const LAYERS = ['unit', 'lsp', 'integration', 'e2e'];
const NEEDS_LAB = new Set(['integration', 'e2e']);

const args = process.argv.slice(2);
const picked = args.flatMap((a, i) => (a === '--layer' ? [args[i + 1]] : []));
const layers = picked.length ? picked : LAYERS.filter((l) => l !== 'e2e' || process.env.FLOTILLA_SKIP_E2E !== '1');
const unknown = layers.filter((l) => !LAYERS.includes(l));
if (unknown.length) {
  console.error(`unknown layer(s): ${unknown.join(', ')}; choose from ${LAYERS.join(', ')}`);
  process.exit(2);
}

function step(title, command, commandArgs) {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`== ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`== ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function testFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

if (process.env.FLOTILLA_SKIP_SETUP !== '1') step('set-up', 'bash', ['scripts/setup.sh']);
if (!process.env.FLOTILLA_SKIP_STATIC) {
  step('type-check', 'npx', ['tsc', '-p', 'tsconfig.json']);
  step('lint', 'npx', ['eslint', '.']);
}
step('build', 'node', ['scripts/build.mjs']);

const files = layers.flatMap((l) => testFiles(join('test', l)));
let lab;
if (layers.some((l) => NEEDS_LAB.has(l)) && !process.env.FLOTILLA_LAB_DIR) {
  console.log('\n== starting the lab (host + 3 members)');
  lab = await startLab({ members: 3 });
  process.env.FLOTILLA_LAB_DIR = lab.dir;
  console.log(`== lab ready in ${lab.readySeconds.toFixed(1)} s: ${lab.dir}`);
}

console.log(`\n== ${files.length} test files in layers: ${layers.join(', ')}`);
const runner = spawn(
  process.execPath,
  [
    // A test that hangs fails after 10 minutes (long tests set their own timeout), and its file's
    // process exits even if a child it started (a language server, a lab process) is still alive.
    // Force-exit cuts a reporter's file short, so the counts are read from the spec summary on stdout.
    '--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', '--test-force-exit',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: ['inherit', 'pipe', 'inherit'], env: process.env },
);
let summary = '';
runner.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  summary = (summary + chunk.toString()).slice(-8192);
});
const stopAll = async () => {
  runner.kill('SIGTERM');
  await lab?.stop();
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
const code = await new Promise((resolve) => runner.on('close', (c, s) => resolve(c ?? (s ? 1 : 0))));
await lab?.stop();
const plain = stripVTControlCharacters(summary);
const count = (name) => Number(plain.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
console.log(`\ntests: ${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
// .ci/run runs several rounds (e.g. the e2e layer on a second VS Code) and adds them up from this file.
if (process.env.FLOTILLA_SUMMARY_FILE) {
  appendFileSync(process.env.FLOTILLA_SUMMARY_FILE, `${count('pass')} ${count('fail')} ${count('skipped')}\n`);
}
process.exit(code);
