/**
 * Benchmarks' lab: FLOTILLA_BENCH_LAB_DIR (an already running 8-member lab) or a fresh
 * `startLab({ members: 8 })` stopped at the end; plus a kubeconfig whose members sit behind TCP proxies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

export interface BenchLab {
  dir: string;
  kubeconfig: string;
  members: { name: string; port: number }[];
  stop(): Promise<void>;
}

/** `args` go to the lab when this starts it (e.g. --pods-per-member); a running lab is taken as it is. */
export async function benchLab(members = 8, args: string[] = []): Promise<BenchLab> {
  const existing = process.env.FLOTILLA_BENCH_LAB_DIR;
  let dir: string;
  let stop = async () => undefined as void;
  if (existing) dir = existing;
  else {
    const labProcess: string = '../../scripts/lab-process.mjs';
    const { startLab } = (await import(labProcess)) as { startLab: (o: { members: number; args: string[] }) => Promise<{ dir: string; stop(): Promise<void> }> };
    const lab = await startLab({ members, args });
    dir = lab.dir;
    stop = () => lab.stop();
  }
  const info = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as { clusters: { name: string; port: number }[] };
  return { dir, kubeconfig: join(dir, 'kubeconfig'), members: info.clusters.filter((c) => c.name !== 'host').slice(0, members), stop };
}

/** A copy of the lab kubeconfig where every member's server goes through a proxy adding `delayMs` each way. */
export async function proxiedKubeconfig(lab: BenchLab, delayMs: number): Promise<{ file: string; proxies: TcpProxy[] }> {
  const config = parse(readFileSync(lab.kubeconfig, 'utf8'));
  const proxies: TcpProxy[] = [];
  for (const m of lab.members) {
    const proxy = await startTcpProxy(m.port, { delayMs });
    proxies.push(proxy);
    const entry = config.clusters.find((c: { name: string }) => c.name === m.name);
    entry.cluster.server = proxy.url();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'flotilla-bench-')), 'kubeconfig');
  writeFileSync(file, stringify(config));
  return { file, proxies };
}
