// One process start for codeCache.test.ts: runs argv[2] through the code cache in argv[3], saves, prints what happened.
import { runWithCodeCache } from '../../../server/codeCache';

const run = runWithCodeCache(process.argv[2], process.argv[3]);
const saved = run.save();
process.stdout.write(JSON.stringify({ status: run.status, exports: run.exports, saved: saved ?? null }));
