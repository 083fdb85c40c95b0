// The lab itself: real kube-apiservers that answer every context, validate federation objects with the
// upstream CRDs, enforce RBAC, hold the seeded federation, restart members, and leave nothing behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import type { KubeConfig } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { labAt, useLab, type LabInfo } from '../support/lab';
import { needsCRDs, needsLive } from '../support/federation';

type ClientNode = typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' } });
const repoRoot = resolve(__dirname, '../..');
let k8s: ClientNode;

before(async () => {
  k8s = await import('@kubernetes/client-node');
  // Build now if stale, so the bad-input runs below print nothing but their own error line.
  const { ensureLabBinary } = await import('../../scripts/lab-process.mjs');
  ensureLabBinary();
});

/** A KubeConfig read from the lab's file with `context` selected in memory; the file is never written. */
function configFor(kubeconfigPath: string, context: string): KubeConfig {
  const config = new k8s.KubeConfig();
  config.loadFromFile(kubeconfigPath);
  config.setCurrentContext(context);
  return config;
}

async function rejection(promise: Promise<unknown>): Promise<{ code: number; body: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof k8s.ApiException) return { code: error.code, body: String(error.body) };
    throw error;
  }
  assert.fail('the request succeeded');
}

function propagationPolicy(name: string, resourceSelectors: unknown) {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name },
    spec: { resourceSelectors, placement: { clusterAffinity: { clusterNames: ['member1'] } } },
  };
}

test('every context of the kubeconfig lists namespaces; members hold the seeded ones', async () => {
  const lab = await useLab();
  assert.deepEqual(lab.info.clusters.map((c) => c.name).slice(0, 2), ['host', 'member1']);
  for (const cluster of lab.info.clusters) {
    for (const context of [cluster.name, `${cluster.name}-viewer`]) {
      const core = configFor(lab.kubeconfigPath, context).makeApiClient(k8s.CoreV1Api);
      const names = (await core.listNamespace()).items.map((n) => n.metadata?.name);
      assert.ok(names.includes('default'), `${context}: ${names.join(', ')}`);
      if (cluster.name.startsWith('member')) assert.ok(names.includes('shop') && names.includes('payments'), `${context}: ${names.join(', ')}`);
    }
  }
});

test('the host stores a valid PropagationPolicy and rejects a wrong type: 400 from Karmada\'s webhook, else 422 from the CRD', async (t) => {
  const skip = needsCRDs(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const lab = await useLab();
  const custom = configFor(lab.kubeconfigPath, 'host').makeApiClient(k8s.CustomObjectsApi);
  const target = { group: 'policy.karmada.io', version: 'v1alpha1', namespace: 'default', plural: 'propagationpolicies' };
  const name = `lab-test-${process.pid}`;
  const created = await custom.createNamespacedCustomObject({ ...target, body: propagationPolicy(name, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }]) });
  try {
    assert.equal(created.metadata.name, name);
    assert.ok(created.metadata.uid);
    const invalid = await rejection(custom.createNamespacedCustomObject({ ...target, body: propagationPolicy(`${name}-bad`, 'x') }));
    // With Karmada live its mutating webhook decodes the policy first and refuses what does not decode.
    const webhook = lab.readInfo().federations.karmada === 'live';
    assert.equal(invalid.code, webhook ? 400 : 422);
    assert.match(invalid.body, webhook ? /denied the request: json: cannot unmarshal string into Go struct field PropagationSpec\.spec\.resourceSelectors/ : /spec\.resourceSelectors/);
  } finally {
    await custom.deleteNamespacedCustomObject({ ...target, name });
  }
});

test('viewer contexts may read but get 403 on create', async () => {
  const lab = await useLab();
  const custom = configFor(lab.kubeconfigPath, 'host-viewer').makeApiClient(k8s.CustomObjectsApi);
  const denied = await rejection(custom.createNamespacedCustomObject({
    group: 'policy.karmada.io', version: 'v1alpha1', namespace: 'default', plural: 'propagationpolicies',
    body: propagationPolicy('viewer-must-not-create', [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }]),
  }));
  assert.equal(denied.code, 403);
  const member = configFor(lab.kubeconfigPath, 'member1-viewer').makeApiClient(k8s.CoreV1Api);
  assert.equal((await rejection(member.createNamespace({ body: { metadata: { name: 'viewer-must-not-create' } } }))).code, 403);
});

test('members are whole clusters: version-stamped servers, KWOK nodes, workloads rolled out by their own controllers', async () => {
  const lab = await useLab();
  const members = lab.info.clusters.filter((c) => c.name.startsWith('member'));
  for (const member of members) {
    const config = configFor(lab.kubeconfigPath, member.name);
    const version = await config.makeApiClient(k8s.VersionApi).getCode();
    assert.equal(version.gitVersion, 'v1.36.3', member.name);
    const nodes = (await config.makeApiClient(k8s.CoreV1Api).listNode()).items;
    assert.equal(nodes.length, 3, `${member.name} runs 3 KWOK nodes`);
    assert.ok(nodes.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')), `${member.name}: every node Ready`);
    assert.ok(nodes.every((n) => n.metadata?.labels?.['topology.kubernetes.io/region']), `${member.name}: nodes carry the member's region`);
  }
  const ready = async (context: string) => {
    const apps = configFor(lab.kubeconfigPath, context).makeApiClient(k8s.AppsV1Api);
    const ledger = await apps.readNamespacedDeployment({ name: 'ledger', namespace: 'payments' });
    return `${ledger.status?.readyReplicas ?? 0}/${ledger.spec?.replicas}`;
  };
  assert.equal(await ready('member1'), '2/2');
  assert.equal(await ready('member2'), '1/2', 'member2 has one SSD node: one ledger pod cannot be scheduled');
  const events = await configFor(lab.kubeconfigPath, 'member2').makeApiClient(k8s.CoreV1Api).listNamespacedEvent({ namespace: 'payments', fieldSelector: 'reason=FailedScheduling' });
  assert.match(events.items[0]?.message ?? '', /didn't match Pod's node affinity\/selector/, 'the scheduler says why');
  const exports = await configFor(lab.kubeconfigPath, 'member1').makeApiClient(k8s.CustomObjectsApi)
    .listNamespacedCustomObject({ group: 'multicluster.x-k8s.io', version: 'v1alpha1', namespace: 'shop', plural: 'serviceexports' });
  assert.deepEqual(exports.items.map((e: { metadata: { name: string } }) => e.metadata.name), ['web']);
});

test('the host registers the members with the live federations; a spare is joined to none', async (t) => {
  const lab = await useLab();
  const info = lab.readInfo();
  const members = info.clusters.filter((c) => c.name.startsWith('member'));
  const custom = configFor(lab.kubeconfigPath, 'host').makeApiClient(k8s.CustomObjectsApi);
  if (info.federations.karmada !== 'live') return t.skip(`karmada is ${info.federations.karmada} in this lab`);
  const karmada = await custom.listClusterCustomObject({ group: 'cluster.karmada.io', version: 'v1alpha1', plural: 'clusters' });
  const byName = new Map<string, { spec: { apiEndpoint: string; syncMode: string; taints?: { key: string; effect: string }[] }; metadata: { labels: Record<string, string> }; status: { kubernetesVersion?: string; conditions?: { type: string; status: string }[] } }>(
    karmada.items.map((c: { metadata: { name: string } }) => [c.metadata.name, c]),
  );
  assert.deepEqual([...byName.keys()].sort(), members.map((m) => m.name).sort(), 'every member and no spare');
  for (const member of members) {
    const cluster = byName.get(member.name)!;
    assert.equal(cluster.spec.apiEndpoint, member.server);
    assert.equal(cluster.spec.syncMode, 'Push');
    assert.equal(cluster.status.kubernetesVersion, 'v1.36.3', 'Karmada read the stamped version');
    assert.equal(cluster.status.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  }
  assert.deepEqual(byName.get('member3')?.spec.taints?.map((t) => `${t.key}:${t.effect}`), ['dedicated:NoSchedule']);
  if (info.federations.ocm === 'live') {
    const ocm = await custom.listClusterCustomObject({ group: 'cluster.open-cluster-management.io', version: 'v1', plural: 'managedclusters' });
    const accepted = ocm.items.filter((c: { spec: { hubAcceptsClient?: boolean } }) => c.spec.hubAcceptsClient).map((c: { metadata: { name: string } }) => c.metadata.name);
    assert.deepEqual(accepted.sort(), members.map((m) => m.name).sort());
  }
  const kubefed = await custom.listNamespacedCustomObject({ group: 'core.kubefed.io', version: 'v1beta1', namespace: 'kube-federation-system', plural: 'kubefedclusters' });
  assert.equal(kubefed.items.length, members.length);
  assert.ok(info.processes.some((p) => p.name === 'host/karmada-scheduler' && p.pid > 0), 'lab.json lists every process');
});

// The remaining tests run their own one-member lab through scripts/lab.mjs or lab-process.mjs, so they
// never disturb the shared lab other test files use.

interface Exit { code: number | null; stderr: string }

function runLabCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/lab.mjs'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000, killSignal: 'SIGKILL' });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolveExit({ code, stderr }));
  });
}

function oneLine(exit: Exit): string {
  // Without ../shared the lab first says, in its own one line, which federations it runs without.
  const lines = exit.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('lab: running without'));
  assert.equal(lines.length, 1, `expected one line, got:\n${exit.stderr}`);
  return lines[0];
}

test('a taken port gives one clear line and a non-zero exit', async () => {
  const blocker = createServer();
  await new Promise<void>((listening) => blocker.listen(0, '127.0.0.1', listening));
  const port = (blocker.address() as AddressInfo).port;
  try {
    const exit = await runLabCli(['--members', '1', '--base-port', String(port)]);
    assert.equal(exit.code, 2);
    assert.match(oneLine(exit), new RegExp(`port 127\\.0\\.0\\.1:${port} \\(host\\) is already in use`));
  } finally {
    blocker.close();
  }
});

test('without upstream data or release archives the lab still starts, and says in one line what it runs without', { timeout: 180_000 }, async () => {
  const empty = mkdtempSync(join(tmpdir(), 'flotilla-no-upstream-'));
  const { startLab } = await import('../../scripts/lab-process.mjs');
  const lines: string[] = [];
  const previous = process.env.FLOTILLA_SOURCES_DIR;
  process.env.FLOTILLA_SOURCES_DIR = empty;
  let started: Awaited<ReturnType<typeof startLab>>;
  try {
    started = await startLab({ members: 1, upstream: empty, args: ['--spare', '0'], log: (line) => lines.push(line) });
  } finally {
    if (previous === undefined) delete process.env.FLOTILLA_SOURCES_DIR;
    else process.env.FLOTILLA_SOURCES_DIR = previous;
  }
  try {
    const without = lines.filter((l) => l.startsWith('lab: running without'));
    assert.equal(without.length, 1, lines.join('\n'));
    assert.match(without[0], /Karmada control plane \(no karmada-\*\.tar\.gz in .*\); OCM control plane .*; KubeFed CRDs/);
    assert.match(started.readyLine, /karmada off, ocm off, kubefed off$/);
    const apps = configFor(started.kubeconfig, 'member1').makeApiClient(k8s.AppsV1Api);
    const web = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    assert.equal(web.status?.availableReplicas, 3, 'the member runs the sample workloads itself');
  } finally {
    await started.stop();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a component that fails to start ends the lab with one line naming it and its log, and leaves no process', { timeout: 180_000 }, async (t) => {
  const skip = needsLive(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const { startLab } = await import('../../scripts/lab-process.mjs');
  const fake = mkdtempSync(join(tmpdir(), 'flotilla-broken-karmada-'));
  t.after(() => rmSync(fake, { recursive: true, force: true }));
  for (const name of ['aggregated-apiserver', 'webhook', 'controller-manager', 'scheduler']) {
    writeFileSync(join(fake, name), '#!/bin/sh\necho "flag provided but not defined: -broken" >&2\nexit 1\n', { mode: 0o755 });
  }
  const before = new Set(labProcesses());
  // --karmada-bin given last wins over the one the build passes.
  await assert.rejects(startLab({ members: 1, args: ['--spare', '0', '--federation', 'karmada', '--karmada-bin', fake] }), (error: Error & { exitCode?: number }) => {
    assert.match(error.message, /^flotilla-lab: host\/karmada-aggregated-apiserver exited before it was ready: flag provided but not defined: -broken \(log: \S+host-karmada-aggregated-apiserver\.log\)$/);
    assert.equal(error.exitCode, 1);
    return true;
  });
  await eventually(() => labProcesses().every((pid) => before.has(pid)), 'every process of the failed lab has exited');
});

test('a missing Go toolchain gives one clear line and a non-zero exit', async () => {
  const exit = await runLabCli(['--members', '1'], { ...process.env, PATH: '/nonexistent', FLOTILLA_LAB_REBUILD: '1' });
  assert.equal(exit.code, 1);
  assert.match(oneLine(exit), /^the lab needs Go 1\.26\+/);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Re-checks `condition` every 50 ms (process exit of a non-child cannot be awaited as an event). */
async function eventually(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes running the lab binary or one of the binaries it starts. */
function labProcesses(): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      return /flotilla-lab|\/kwok\b|karmada|\/ocm-|registration|placement/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
}

function pids(info: LabInfo): number[] {
  return [info.pid, ...info.processes.map((p) => p.pid)];
}

test('a member restarts through the control API, and stopping the lab leaves no process or temp data', { timeout: 180_000 }, async () => {
  const { startLab } = await import('../../scripts/lab-process.mjs');
  const started = await startLab({ members: 1 });
  try {
    const lab = labAt(started.dir);
    const core = configFor(lab.kubeconfigPath, 'member1').makeApiClient(k8s.CoreV1Api);
    const before = lab.readInfo().clusters.find((c) => c.name === 'member1')!.pid;

    await lab.stopCluster('member1');
    assert.equal(alive(before), false);
    assert.equal(lab.readInfo().clusters.find((c) => c.name === 'member1')!.pid, 0);
    await assert.rejects(core.listNamespace(), /ECONNREFUSED/);

    await lab.startCluster('member1');
    const after = lab.readInfo().clusters.find((c) => c.name === 'member1')!.pid;
    assert.ok(after > 0 && after !== before);
    const names = (await core.listNamespace()).items.map((n) => n.metadata?.name);
    assert.ok(names.includes('shop'), 'seeded data survives the restart (it lives in etcd)');
    await assert.rejects(lab.stopCluster('nope'), /HTTP 404/);

    const all = pids(lab.readInfo());
    await started.stop();
    assert.deepEqual(all.filter(alive), [], 'processes left after stop');
    assert.equal(existsSync(started.dir), false, 'temporary lab directory left after stop');
  } finally {
    await started.stop();
  }
});

test('when the lab process is killed outright every process it started exits too', { timeout: 180_000 }, async () => {
  const { startLab } = await import('../../scripts/lab-process.mjs');
  const started = await startLab({ members: 1 });
  const children = started.info.processes.map((p) => p.pid);
  assert.ok(children.length >= 5, `${children.length} processes`);
  started.process.kill('SIGKILL');
  await started.exited;
  await eventually(() => children.every((pid) => !alive(pid)), 'every apiserver, controller and agent has exited');
  // A SIGKILLed lab cannot remove its temporary directory; the next lab run does, even one that fails.
  const blocker = createServer();
  await new Promise<void>((listening) => blocker.listen(0, '127.0.0.1', listening));
  try {
    assert.equal((await runLabCli(['--members', '1', '--base-port', String((blocker.address() as AddressInfo).port)])).code, 2);
  } finally {
    blocker.close();
  }
  assert.equal(existsSync(started.dir), false, 'the killed lab\'s temporary directory is still there');
});
