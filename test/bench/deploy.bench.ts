// Deploy speed: 10 manifests to FLOTILLA_BENCH_MEMBERS members (default 8), each behind 100 ms of added
// latency (loopback TCP proxy), against the same deploy to one member alone (target: at most 1.5x at 8,
// 1.2x at 20), and against a sequential `kubectl --context` loop over the same members (Debian's kubectl,
// spawned with an args array). The same two deploys without added latency show what the lab's own work
// on N clusters (API servers and controllers sharing this machine's cores) adds, which latency cannot hide.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ClusterClients } from '../../core/kube/clients';
import { deployToClusters } from '../../core/kube/deploy';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import { parseManifests, ResourceResolver } from '../../core/kube/manifests';
import { defaultSettings } from '../../core/config';
import { benchLab, proxiedKubeconfig } from './benchLab';
import { cpuByKind, topCpu } from './processCpu';

const DEFAULT_CONCURRENCY = defaultSettings()['deploy.concurrency'];

const LATENCY_MS = 100;
const MEMBERS = Number(process.env.FLOTILLA_BENCH_MEMBERS ?? 8);
const TARGET = MEMBERS >= 20 ? 1.2 : 1.5;

function manifests(run: string): string {
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata: {name: bench-${run}}\n`];
  for (let i = 0; i < 5; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg-${i}, namespace: bench-${run}}\ndata: {index: "${i}"}\n`);
  for (let i = 0; i < 4; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web-${i}, namespace: bench-${run}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web-${i}}}
  template:
    metadata: {labels: {app: web-${i}}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`);
  }
  return docs.join('---\n');
}

interface CpuShare {
  /** This process's CPU time over the wall time, in cores. */
  flotilla: number;
  /** The whole machine's busy time over the wall time, in cores (out of cpus().length). */
  machine: number;
}

function machineBusyMs(): number {
  return cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

/** What `body` cost in CPU: Flotilla's own share against the machine's (the lab's API servers and controllers). */
async function measured<T extends { ms: number }>(body: () => Promise<T>): Promise<T & { cpu: CpuShare }> {
  const processBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const result = await body();
  const own = process.cpuUsage(processBefore);
  const machine = machineBusyMs() - machineBefore;
  return { ...result, cpu: { flotilla: (own.user + own.system) / 1000 / result.ms, machine: machine / result.ms } };
}

function cpuLine(cpu: CpuShare): string {
  return `CPU: flotilla ${cpu.flotilla.toFixed(2)} cores, machine ${cpu.machine.toFixed(2)} of ${cpus().length}`;
}

async function flotillaDeploy(kubeconfig: string, targets: string[], run: string): Promise<{ ms: number; ok: number; requests: number }> {
  const clients = new ClusterClients(loadKubeconfigs([kubeconfig]));
  const resolver = new ResourceResolver(clients);
  const { objects } = parseManifests(manifests(run));
  if (objects.length !== 10) throw new Error(`expected 10 manifests, got ${objects.length}`);
  const start = performance.now();
  const outcomes = await deployToClusters(clients, resolver, targets, objects, { concurrency: DEFAULT_CONCURRENCY, timeoutMs: 60_000, fieldManager: 'flotilla-bench' });
  const ms = performance.now() - start;
  for (const o of outcomes) if (!o.ok) console.error(`  ${o.cluster}: ${o.summary}`);
  const requests = clients.totalRequests();
  clients.dispose();
  return { ms, ok: outcomes.filter((o) => o.ok && o.summary === 'created').length, requests };
}

// Spawned asynchronously: the latency proxies run in this process's event loop.
function kubectl(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/kubectl', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

async function kubectlLoop(kubeconfig: string, targets: string[], run: string): Promise<{ ms: number; ok: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-kubectl-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, manifests(run));
  const env = { ...process.env, KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  let ok = 0;
  const start = performance.now();
  for (const context of targets) {
    const r = await kubectl(['--kubeconfig', kubeconfig, '--context', context, 'apply', '--server-side', '--field-manager', 'flotilla-bench', '-f', file], env);
    if (r.status === 0) ok++;
    else console.error(`  kubectl ${context}: ${r.stderr.trim().split('\n')[0]}`);
  }
  return { ms: performance.now() - start, ok };
}

async function main(): Promise<void> {
  const lab = await benchLab(MEMBERS);
  const { file, proxies } = await proxiedKubeconfig(lab, LATENCY_MS);
  const members = lab.members.map((m) => m.name);
  const stamp = Date.now().toString(36);
  try {
    // Warm-up outside the timings (TLS session setup and Node's lazy module loading).
    await flotillaDeploy(file, [members[0]], `${stamp}-warm`);
    const one = await measured(() => flotillaDeploy(file, [members[0]], `${stamp}-one`));
    const all = await measured(() => flotillaDeploy(file, members, `${stamp}-all`));
    const loop = await kubectlLoop(file, members, `${stamp}-kubectl`);
    const oneDirect = await measured(() => flotillaDeploy(lab.kubeconfig, [members[0]], `${stamp}-one0`));
    const cpuBefore = cpuByKind();
    const allDirect = await measured(() => flotillaDeploy(lab.kubeconfig, members, `${stamp}-all0`));
    const cpuAfter = cpuByKind();
    const ratio = all.ms / one.ms;
    const labShare = Math.max(0, allDirect.ms - oneDirect.ms);
    console.log(`deploy 10 manifests, ${LATENCY_MS} ms added latency per direction per member:`);
    console.log(`  flotilla, 1 member:   ${(one.ms / 1000).toFixed(2)} s (${one.ok}/1 created, ${one.requests} requests; ${cpuLine(one.cpu)})`);
    console.log(`  flotilla, ${members.length} members:  ${(all.ms / 1000).toFixed(2)} s (${all.ok}/${members.length} created, ${all.requests} requests) = ${ratio.toFixed(2)}x one member (target <= ${TARGET}x; concurrency ${DEFAULT_CONCURRENCY}, the setting's default; ${cpuLine(all.cpu)})`);
    console.log(`  kubectl --context loop, ${members.length} members: ${(loop.ms / 1000).toFixed(2)} s (${loop.ok}/${members.length} ok) = ${(loop.ms / all.ms).toFixed(1)}x flotilla`);
    console.log(`without added latency: 1 member ${(oneDirect.ms / 1000).toFixed(2)} s, ${members.length} members ${(allDirect.ms / 1000).toFixed(2)} s (${cpuLine(allDirect.cpu)})`);
    console.log(`  CPU by process during those ${(allDirect.ms / 1000).toFixed(2)} s: ${topCpu(cpuBefore, cpuAfter)}`);
    console.log(`  the lab's own work on ${members.length} clusters adds ${(labShare / 1000).toFixed(2)} s; without it, ${members.length} members at ${LATENCY_MS} ms = ${((all.ms - labShare) / one.ms).toFixed(2)}x one member`);
    if (ratio > TARGET || all.ok !== members.length || allDirect.ok !== members.length) process.exitCode = 1;
  } finally {
    // Clean up the bench namespaces directly (no proxy) so a reused lab stays small.
    const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfig]));
    await Promise.all(
      members.flatMap((m) =>
        ['warm', 'one', 'all', 'kubectl', 'one0', 'all0'].map((k) =>
          clients.request(m, { method: 'DELETE', path: `/api/v1/namespaces/bench-${stamp}-${k}` }).catch(() => undefined),
        ),
      ),
    );
    clients.dispose();
    await Promise.all(proxies.map((p) => p.close()));
    await lab.stop();
  }
}

void main();
