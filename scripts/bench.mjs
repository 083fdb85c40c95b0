// `npm run bench`: builds, then runs every test/bench/*.bench.ts (or those named on the command line) one
// after another with tsx. Each benchmark prints its own figures; this script only sequences them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const picked = process.argv.slice(2);
const all = readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts')).sort();
const files = picked.length ? all.filter((f) => picked.some((p) => f.includes(p))) : all;
const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join('test/bench', file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
