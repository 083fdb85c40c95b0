/**
 * Live schemas from a real kube-apiserver: /openapi/v3 discovery, each group-version by hash, cached on
 * disk; an unreachable cluster is logged and skipped, and a cluster that goes away later still
 * contributes the schemas it served last time; a federation control plane outranks the current context.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultSettings } from '../../core/config';
import { describeOrigin } from '../../core/schema/store';
import { SchemaService } from '../../server/schemaService';
import { useLab } from '../support/lab';
import { startTcpProxy } from '../support/tcpProxy';
import { needsCRDs } from '../support/federation';

type Named = { name: string; [k: string]: unknown };

/** Runs `body` with KUBECONFIG pointing at `file`, as the server reads it, and restores it after. */
async function withKubeconfig<T>(file: string, body: () => Promise<T>): Promise<T> {
  const previous = process.env.KUBECONFIG;
  process.env.KUBECONFIG = file;
  try {
    return await body();
  } finally {
    if (previous === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = previous;
  }
}

/** Live schemas loaded from `kubeconfig` (written to a fresh folder, with its own disk cache). */
async function loadLiveFrom(kubeconfig: object): Promise<{ service: SchemaService; logs: string[] }> {
  const work = mkdtempSync(path.join(tmpdir(), 'flotilla-live-'));
  const file = path.join(work, 'kubeconfig');
  writeFileSync(file, stringify(kubeconfig));
  const logs: string[] = [];
  const service = new SchemaService({ cliPaths: [], cacheDir: path.join(work, 'cache'), log: (m) => logs.push(m) });
  await withKubeconfig(file, () => service.loadLive({ ...defaultSettings(), 'cluster.timeoutMs': 3000 }, new AbortController().signal));
  return { service, logs };
}

test('live schemas from the lab host, cached by hash, reused when the cluster is gone', async (t) => {
  const skip = needsCRDs(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const lab = await useLab();
  const host = lab.info.clusters.find((c) => c.name === 'host')!;
  const proxy = await startTcpProxy(host.port);
  const work = mkdtempSync(path.join(tmpdir(), 'flotilla-live-'));
  const kubeconfig = parse(readFileSync(lab.kubeconfigPath, 'utf8')) as { clusters: Named[]; contexts: Named[]; users: Named[] };
  const hostCluster = kubeconfig.clusters.find((c) => c.name === 'host')! as { name: string; cluster: Record<string, unknown> };
  const hostContext = kubeconfig.contexts.find((c) => c.name === 'host')! as { name: string; context: { user: string } };
  const copy = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'host',
    clusters: [
      { name: 'host', cluster: { ...hostCluster.cluster, server: proxy.url('https') } },
      { name: 'gone', cluster: { ...hostCluster.cluster, server: 'https://127.0.0.1:1' } },
    ],
    users: kubeconfig.users.filter((u) => u.name === hostContext.context.user),
    contexts: [
      { name: 'host', context: { cluster: 'host', user: hostContext.context.user } },
      { name: 'gone', context: { cluster: 'gone', user: hostContext.context.user } },
    ],
  };
  const file = path.join(work, 'kubeconfig');
  writeFileSync(file, stringify(copy));
  const settings = { ...defaultSettings(), 'cluster.timeoutMs': 3000 };
  const cacheDir = path.join(work, 'cache');
  try {
    await withKubeconfig(file, async () => {
      const logs: string[] = [];
      const online = new SchemaService({ cliPaths: [], cacheDir, log: (m) => logs.push(m) });
      await online.loadLive(settings, new AbortController().signal);
      const policy = online.store.resolve('policy.karmada.io/v1alpha1', 'PropagationPolicy');
      assert.ok(policy, logs.join('\n'));
      assert.equal(describeOrigin(policy.entry), 'live: host');
      assert.ok(online.store.resolve('apps/v1', 'Deployment')?.schema.properties?.spec, 'built-in kinds too');
      assert.ok(logs.some((l) => /live schemas for gone skipped/.test(l)), logs.join('\n'));
      assert.ok(!logs.join('\n').includes('BEGIN'), 'no key material in logs');
      const cached = readdirSync(cacheDir);
      assert.ok(cached.filter((f) => f.endsWith('.json')).length > 5, cached.join(', '));

      await proxy.close();
      const offlineLogs: string[] = [];
      const offline = new SchemaService({ cliPaths: [], cacheDir, log: (m) => offlineLogs.push(m) });
      await offline.loadLive(settings, new AbortController().signal);
      assert.equal(offline.store.resolve('policy.karmada.io/v1alpha1', 'PropagationPolicy')?.entry.source, 'live');
      assert.ok(offlineLogs.some((l) => /host: cluster unreachable, using the disk cache/.test(l)), offlineLogs.join('\n'));
    });
  } finally {
    await proxy.close().catch(() => undefined);
  }
});

test('the control plane outranks the current context for kinds both serve', async (t) => {
  const skip = needsCRDs(await useLab(), 'karmada');
  if (skip) return t.skip(skip);
  const lab = await useLab();
  const { service, logs } = await loadLiveFrom({ ...(parse(readFileSync(lab.kubeconfigPath, 'utf8')) as object), 'current-context': 'member1' });
  const karmadaCluster = service.store.resolve('cluster.karmada.io/v1alpha1', 'Cluster');
  assert.ok(karmadaCluster, logs.join('\n'));
  assert.equal(describeOrigin(karmadaCluster.entry), 'live: host');
  assert.equal(service.store.resolve('apps/v1', 'Deployment')?.entry.origin, 'host', 'served by every cluster, won by the control plane');
  assert.deepEqual(service.store.counts().find((c) => c.source === 'live')?.origins.slice(0, 2), ['host', 'member1'], logs.join('\n'));
});

test('a context that names the host by localhost is the same server: its schemas are fetched once', async () => {
  const lab = await useLab();
  const kubeconfig = parse(readFileSync(lab.kubeconfigPath, 'utf8')) as { clusters: Array<{ name: string; cluster: { server: string } }>; contexts: Array<{ name: string; context: { cluster: string } }> };
  const host = kubeconfig.clusters.find((c) => c.name === 'host')!;
  const hostContext = kubeconfig.contexts.find((c) => c.name === 'host')!;
  kubeconfig.clusters.push({ name: 'host-by-name', cluster: { ...host.cluster, server: `${host.cluster.server.replace('127.0.0.1', 'localhost')}/` } });
  kubeconfig.contexts.push({ name: 'host-by-name', context: { ...hostContext.context, cluster: 'host-by-name' } });
  const { service, logs } = await loadLiveFrom({ ...kubeconfig, 'current-context': 'host' });
  const origins = service.store.counts().find((c) => c.source === 'live')?.origins ?? [];
  assert.equal(origins[0], 'host', logs.join('\n'));
  assert.ok(!origins.includes('host-by-name'), `one origin per server: ${origins.join(', ')}`);
  assert.ok(!logs.some((l) => l.includes('host-by-name')), logs.join('\n'));
});
