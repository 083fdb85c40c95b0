import type { ChildProcess } from 'node:child_process';

export interface LabClusterInfo {
  name: string;
  server: string;
  port: number;
  /** Process id of the cluster's kube-apiserver; 0 while it is stopped. */
  pid: number;
}

/** DIR/lab.json */
export interface LabInfo {
  clusters: LabClusterInfo[];
  /** Base URL of the control API: POST {control}/clusters/{name}/stop | start */
  control: string;
  /** Process id of the lab orchestrator. */
  pid: number;
}

export interface StartedLab {
  dir: string;
  kubeconfig: string;
  info: LabInfo;
  readySeconds: number;
  readyLine: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export class LabError extends Error {
  exitCode: number;
}

export const labBinary: string;
export function upstreamDir(): string;
export function ensureLabBinary(options?: { log?: (line: string) => void }): string;
export function startLab(options?: { members?: number; out?: string; upstream?: string; args?: string[] }): Promise<StartedLab>;
