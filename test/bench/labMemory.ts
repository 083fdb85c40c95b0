/**
 * What the lab's clusters weigh (Linux /proc, proportional set size, so that pages shared between the
 * processes of one binary count once): each process goes to the cluster its command line names
 * (`--etcd-prefix=/member3`, or a path under the lab's `<cluster>/` folder); the orchestrator, which embeds
 * the shared etcd, stands alone.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface LabMemory {
  /** MB per cluster, host and members alike. */
  clusters: Map<string, number>;
  /** MB of the orchestrator with its embedded etcd. */
  orchestrator: number;
  /** MB of every process counted. */
  total: number;
}

const CLUSTER_IN_COMMAND = /--etcd-prefix=\/([a-z]+\d*)\b|\/flotilla-lab-[^/\s]+\/([a-z]+\d*)\//;

function pssMb(pid: string): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = /^Pss:\s+(\d+) kB/m.exec(rollup);
  return kb ? Number(kb[1]) / 1024 : 0;
}

/** Undefined where /proc is missing. */
export function labMemory(): LabMemory | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const memory: LabMemory = { clusters: new Map(), orchestrator: 0, total: 0 };
  for (const pid of pids) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const command = args.join(' ');
      if (args[0].endsWith('flotilla-lab') && args[1] === 'run') {
        const mb = pssMb(pid);
        memory.orchestrator += mb;
        memory.total += mb;
        continue;
      }
      const match = CLUSTER_IN_COMMAND.exec(command);
      if (!match) continue;
      const cluster = match[1] ?? match[2];
      const mb = pssMb(pid);
      memory.clusters.set(cluster, (memory.clusters.get(cluster) ?? 0) + mb);
      memory.total += mb;
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return memory;
}

/** One line: members' median and largest, the host, the orchestrator with etcd, and the whole lab. */
export function describeLabMemory(memory: LabMemory | undefined): string {
  if (!memory) return 'lab memory: not measured (no /proc)';
  const members = [...memory.clusters].filter(([name]) => name.startsWith('member')).map(([, mb]) => mb).sort((a, b) => a - b);
  if (!members.length) return 'lab memory: no lab processes found';
  const median = members[Math.floor(members.length / 2)];
  const gb = (mb: number) => `${(mb / 1024).toFixed(1)} GB`;
  return `lab memory (PSS): ${members.length} members, median ${median.toFixed(0)} MB, largest ${members.at(-1)!.toFixed(0)} MB; host ${(memory.clusters.get('host') ?? 0).toFixed(0)} MB; orchestrator with etcd ${memory.orchestrator.toFixed(0)} MB; lab ${gb(memory.total)}`;
}
