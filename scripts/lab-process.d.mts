import type { ChildProcess } from 'node:child_process';

export interface LabClusterInfo {
  name: string;
  server: string;
  port: number;
  /** Process id of the cluster's kube-apiserver; 0 while it is stopped. */
  pid: number;
}

export interface LabProcessInfo {
  /** "<cluster>/<component>", e.g. "member1/kube-controller-manager", "host/karmada-scheduler". */
  name: string;
  /** 0 while stopped. */
  pid: number;
  ports: number[];
  log: string;
}

export type FederationMode = 'live' | 'inert' | 'off';

/** DIR/lab.json */
export interface LabInfo {
  /** host, member1..N, then spare1..M (clusters no federation has joined). */
  clusters: LabClusterInfo[];
  processes: LabProcessInfo[];
  federations: { karmada: FederationMode; ocm: FederationMode; kubefed: FederationMode };
  /** The embedded etcd every apiserver (and Karmada's aggregated apiserver) stores in. */
  etcd: string;
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
  /** "karmada live, ocm live, kubefed inert" */
  federations: string;
  /** One entry per federation or data set the lab runs without, with the reason. */
  without: string[];
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
export function startLab(options?: { members?: number; out?: string; upstream?: string; args?: string[]; log?: (line: string) => void }): Promise<StartedLab>;
