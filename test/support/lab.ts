/**
 * The lab of real kube-apiservers for integration and e2e tests: the one the test runner started
 * (FLOTILLA_LAB_DIR), else one started for this test process, stopped when the process exits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabClusterInfo, LabInfo } from '../../scripts/lab-process.mjs' with { 'resolution-mode': 'import' };

export type { LabClusterInfo, LabInfo };

export interface Lab {
  dir: string;
  kubeconfigPath: string;
  /** lab.json as it was when the lab became ready; `readInfo()` rereads it (pids change on restart). */
  info: LabInfo;
  readInfo(): LabInfo;
  /** Stops one cluster's apiserver; resolves once it has exited. */
  stopCluster(name: string): Promise<void>;
  /** Starts it again on the same port with the same certificates; resolves once it is ready. */
  startCluster(name: string): Promise<void>;
}

let shared: Promise<Lab> | undefined;

export function useLab(): Promise<Lab> {
  shared ??= openLab();
  return shared;
}

async function openLab(): Promise<Lab> {
  let dir = process.env.FLOTILLA_LAB_DIR;
  if (!dir) {
    const { startLab } = await import('../../scripts/lab-process.mjs');
    const lab = await startLab({ members: 3 });
    // Let this test process end when its tests do; the exit handler in lab-process.mjs then sends the
    // lab SIGTERM and the lab removes its own temporary data.
    lab.process.unref();
    for (const stream of [lab.process.stdout, lab.process.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
    dir = lab.dir;
  }
  return labAt(dir);
}

/** A Lab view of an already running lab directory. */
export function labAt(dir: string): Lab {
  const readInfo = () => JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as LabInfo;
  const info = readInfo();
  const control = async (name: string, action: 'stop' | 'start') => {
    const response = await fetch(`${info.control}/clusters/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
    if (!response.ok) throw new Error(`lab: ${action} ${name} failed: HTTP ${response.status} ${(await response.text()).trim()}`);
  };
  return {
    dir,
    kubeconfigPath: join(dir, 'kubeconfig'),
    info,
    readInfo,
    stopCluster: (name) => control(name, 'stop'),
    startCluster: (name) => control(name, 'start'),
  };
}
