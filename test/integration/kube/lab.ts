/**
 * The lab for the explorer's integration tests: the shared one (FLOTILLA_LAB_DIR) when the test runner
 * started it, else one started for this test process and stopped when the process exits. Members are
 * stopped and started through the lab's control API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { ClusterClients } from '../../../core/kube/clients';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';

export interface KubeLab {
  dir: string;
  kubeconfigPath: string;
  info: { clusters: { name: string; server: string; port: number }[]; control: string };
  stopCluster(name: string): Promise<void>;
  startCluster(name: string): Promise<void>;
  clients(options?: { trusted?: boolean }, extraFiles?: string[]): ClusterClients;
}

let shared: Promise<KubeLab> | undefined;
let started: { stop(): Promise<void> } | undefined;
// Registered at import time, so it belongs to the file's root and runs after its last test.
after(() => started?.stop());

async function control(base: string, name: string, action: 'stop' | 'start'): Promise<void> {
  const res = await fetch(`${base}/clusters/${name}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`lab control ${action} ${name}: HTTP ${res.status} ${await res.text()}`);
}

export function kubeLab(): Promise<KubeLab> {
  shared ??= (async () => {
    let dir = process.env.FLOTILLA_LAB_DIR;
    if (!dir) {
      const labProcess: string = '../../../scripts/lab-process.mjs';
      const { startLab } = (await import(labProcess)) as { startLab: (o: { members: number }) => Promise<{ dir: string; stop(): Promise<void> }> };
      const lab = await startLab({ members: 3 });
      started = lab;
      dir = lab.dir;
    }
    const kubeconfigPath = join(dir, 'kubeconfig');
    const info = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as KubeLab['info'];
    return {
      dir,
      kubeconfigPath,
      info,
      stopCluster: (name) => control(info.control, name, 'stop'),
      startCluster: (name) => control(info.control, name, 'start'),
      clients: (options = {}, extraFiles = []) => new ClusterClients(loadKubeconfigs([kubeconfigPath, ...extraFiles]), { trusted: options.trusted ?? false }),
    };
  })();
  return shared;
}

/** Resolves once `check` returns true, re-checking whenever `subscribe` reports a change. */
export function whenTrue(subscribe: (fire: () => void) => () => void, check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      if (err) reject(err);
      else resolve();
    };
    const test = async () => {
      try {
        if (await check()) finish();
      } catch (err) {
        finish(err as Error);
      }
    };
    const unsubscribe = subscribe(() => void test());
    void test();
  });
}
