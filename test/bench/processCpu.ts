/**
 * CPU time by kind of process (Linux /proc), to show where a benchmark's time went when the machine,
 * not Flotilla, is the limit: `flotilla-lab <role>` for the lab's own processes, the command name otherwise.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Per process id: its kind and the seconds of CPU it has used so far. */
export type CpuByKind = Map<string, { kind: string; seconds: number }>;

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function kindOf(pid: string, comm: string): string {
  if (Number(pid) === process.pid) return 'flotilla (this benchmark)';
  // A kernel worker's name carries the queue it serves at the moment (kworker/0:1-events), which changes.
  if (comm.startsWith('kworker/')) return 'kernel workers';
  if (comm !== 'flotilla-lab') return comm;
  const role = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[1];
  return `lab ${role ?? ''}`.trim();
}

/** Seconds of CPU (user + system) every process has used so far, with its kind; empty where /proc is missing. */
export function cpuByKind(): CpuByKind {
  const totals: CpuByKind = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime), counted from the state field, which is field 3.
      const ticks = Number(fields[11]) + Number(fields[12]);
      totals.set(pid, { kind: kindOf(pid, comm), seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // The process ended meanwhile.
    }
  }
  return totals;
}

/** The kinds that used the most CPU between two readings (processes compared by id), as "kind 1.23 s", most first. */
export function topCpu(before: CpuByKind, after: CpuByKind, count = 6): string {
  const byKind = new Map<string, number>();
  for (const [pid, { kind, seconds }] of after) byKind.set(kind, (byKind.get(kind) ?? 0) + seconds - (before.get(pid)?.seconds ?? 0));
  const used = [...byKind].filter(([, s]) => s > 0.005);
  used.sort((a, b) => b[1] - a[1]);
  return used.slice(0, count).map(([kind, s]) => `${kind} ${s.toFixed(2)} s`).join(', ') || 'not measured (no /proc)';
}
