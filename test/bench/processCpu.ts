/**
 * CPU time by kind of process (Linux /proc), to show where a benchmark's time went when the machine,
 * not Flotilla, is the limit: `flotilla-lab <role>` for the lab's own processes, the command name otherwise.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type CpuByKind = Map<string, number>;

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function kindOf(pid: string, comm: string): string {
  if (Number(pid) === process.pid) return 'flotilla (this benchmark)';
  if (comm !== 'flotilla-lab') return comm;
  const role = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[1];
  return `lab ${role ?? ''}`.trim();
}

/** Seconds of CPU (user + system) every process has used so far, summed by kind; empty where /proc is missing. */
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
      const kind = kindOf(pid, comm);
      totals.set(kind, (totals.get(kind) ?? 0) + ticks / TICKS_PER_SECOND);
    } catch {
      // The process ended meanwhile.
    }
  }
  return totals;
}

/** The kinds that used the most CPU between two readings, as "kind 1.23 s", most first. */
export function topCpu(before: CpuByKind, after: CpuByKind, count = 6): string {
  const used = [...after].map(([kind, seconds]) => [kind, seconds - (before.get(kind) ?? 0)] as const).filter(([, s]) => s > 0.005);
  used.sort((a, b) => b[1] - a[1]);
  return used.slice(0, count).map(([kind, s]) => `${kind} ${s.toFixed(2)} s`).join(', ') || 'not measured (no /proc)';
}
