/**
 * An exec session in a pod's container on one cluster, over client-node's Exec: stdin, stdout and stderr
 * as callbacks, a TTY whose size travels on the resize channel (client-node's TerminalSizeQueue reads it
 * from the output stream), and the command's exit status from the status channel. Errors name the cluster
 * and the pod.
 */
import { PassThrough, Writable } from 'node:stream';
import type { ClusterClients } from './clients';
import { channelConnector, type ChannelSocket } from './channelSocket';
import { ClusterError, toClusterError, type KubeStatus } from './errors';
import type { PodTarget } from './streams';
import type { KubeObject } from './watch';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface ExecOptions {
  command: string[];
  tty: boolean;
  /** The size the TTY starts with. */
  size?: TerminalSize;
  signal?: AbortSignal;
  stdout: (data: Buffer) => void;
  /** Ignored with a TTY, where the server merges stderr into stdout. */
  stderr?: (data: Buffer) => void;
}

export interface ExecExit {
  /** The command's exit status; undefined when the session ended without one. */
  code?: number;
  message: string;
}

export interface ExecSession {
  /** The container the command runs in (the pod's default when none was asked for). */
  readonly container: string;
  write(data: string | Buffer): void;
  /** Closes the command's stdin. */
  endInput(): void;
  resize(size: TerminalSize): void;
  close(): void;
  /** Settles once the session has ended, with the command's exit status when the server sent it. */
  readonly exit: Promise<ExecExit>;
}

export function podPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
}

/** An error about a pod on a cluster that says which: "member1: pod shop/web-1: not found: ...". */
export class PodError extends Error {
  constructor(
    readonly target: PodTarget,
    override readonly cause: ClusterError,
    what = 'pod',
  ) {
    super(`${target.cluster}: ${what} ${target.namespace}/${target.pod}: ${cause.describe().replace(/:\s*$/, '')}`);
    this.name = 'PodError';
  }

  get kind() {
    return this.cause.kind;
  }

  describe(): string {
    return this.message;
  }
}

/** The exit status in the status channel's Status: Success, the ExitCode cause, or "exit status N". */
export function exitFromStatus(status: KubeStatus | undefined): ExecExit {
  if (!status) return { message: 'the session ended without an exit status' };
  if (status.status === 'Success') return { code: 0, message: 'exited with status 0' };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  const code = Number(cause ?? /exit (?:status|code) (\d+)/.exec(status.message ?? '')?.[1] ?? NaN);
  if (Number.isInteger(code)) return { code, message: `exited with status ${code}` };
  return { message: status.message || status.reason || 'failed' };
}

/** The container exec and logs default to: the pod's default-container annotation, else its first. */
export function defaultContainer(pod: KubeObject): string | undefined {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  return annotated && containers.includes(annotated) ? annotated : containers[0];
}

/** The TTY's output: what client-node writes stdout to, with the size it reads (and watches) for resizes. */
class TerminalOutput extends Writable {
  columns: number;
  rows: number;

  constructor(
    private readonly sink: (data: Buffer) => void,
    size: TerminalSize,
  ) {
    super();
    this.columns = size.columns;
    this.rows = size.rows;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.sink(chunk);
    done();
  }

  resize(size: TerminalSize): void {
    this.columns = size.columns;
    this.rows = size.rows;
    this.emit('resize');
  }
}

function sinkStream(sink: (data: Buffer) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink(chunk);
      done();
    },
  });
}

export async function openExec(clients: ClusterClients, target: PodTarget, options: ExecOptions): Promise<ExecSession> {
  const { signal } = options;
  let container = target.container;
  let kc: Awaited<ReturnType<ClusterClients['kubeConfig']>>;
  try {
    kc = await clients.kubeConfig(target.cluster);
    if (!container) {
      const pod = await clients.request<KubeObject>(target.cluster, { path: podPath(target.namespace, target.pod), signal });
      container = defaultContainer(pod);
      if (!container) throw new ClusterError('invalid', 'the pod has no containers');
    }
  } catch (err) {
    throw new PodError(target, toClusterError(err, signal));
  }
  const stdin = new PassThrough();
  const output = new TerminalOutput(options.stdout, options.size ?? { columns: 80, rows: 24 });
  const stdout = options.tty ? output : sinkStream(options.stdout);
  const stderr = options.tty ? null : sinkStream(options.stderr ?? options.stdout);
  let status: KubeStatus | undefined;
  const { Exec } = await import('@kubernetes/client-node');
  const exec = new Exec(kc, channelConnector(kc, signal) as unknown as ConstructorParameters<typeof Exec>[1]);
  let socket: ChannelSocket;
  try {
    socket = (await exec.exec(target.namespace, target.pod, container, options.command, stdout, stderr, stdin, options.tty, (s) => {
      status = s as KubeStatus;
    })) as unknown as ChannelSocket;
  } catch (err) {
    const cause = (err as { error?: unknown })?.error ?? err;
    throw new PodError({ ...target, container }, toClusterError(cause, signal), 'exec into');
  }
  const exit = new Promise<ExecExit>((resolve) => socket.on('close', () => resolve(exitFromStatus(status))));
  const close = () => socket.close();
  signal?.addEventListener('abort', close, { once: true });
  void exit.then(() => signal?.removeEventListener('abort', close));
  return {
    container,
    write: (data) => stdin.write(data),
    endInput: () => stdin.end(),
    resize: (size) => output.resize(size),
    close,
    exit,
  };
}
