// npm run lab -- --members 3 --out DIR [--nodes N] [--spare N] [--pods-per-member N] [--deployments-per-member D] [--federation LIST] [--base-port P] [--upstream DIR] [--no-crds]
// Starts the lab in the foreground, prints one line when it is ready, stops on SIGINT/SIGTERM.
import { LabError, startLab } from './lab-process.mjs';

const args = process.argv.slice(2);
let members = 3;
let out;
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--members') members = Number(args[++i]);
  else if (arg === '--out') out = args[++i];
  else passThrough.push(arg);
}
if (!Number.isInteger(members) || members < 1) {
  console.error('flotilla-lab: --members needs a positive whole number');
  process.exit(2);
}

let lab;
let stopping = false;
const stop = async (code) => {
  stopping = true;
  await lab?.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

try {
  lab = await startLab({ members, out, args: passThrough });
} catch (error) {
  console.error(error instanceof LabError ? error.message : String(error));
  process.exit(error instanceof LabError ? error.exitCode : 1);
}
console.log(lab.readyLine);
const { code, signal } = await lab.exited;
if (stopping) await new Promise(() => {}); // the signal handler exits once the lab has stopped
console.error(`flotilla-lab stopped unexpectedly (${code ?? signal})`);
process.exit(1);
