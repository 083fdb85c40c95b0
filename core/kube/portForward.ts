/**
 * Port-forward from a pod's port on one cluster to a local port on 127.0.0.1: a `net` server whose every
 * connection gets its own client-node PortForward stream. A connection that fails (refused upgrade, the
 * error channel, a reset socket) is reported and closed; the forward and its other connections go on.
 */
import * as net from 'node:net';
import { Writable } from 'node:stream';
import type { ClusterClients } from './clients';
import { channelConnector, type ChannelSocket } from './channelSocket';
import { ClusterError, toClusterError } from './errors';
import { PodError, podPath } from './exec';
import type { PodTarget } from './streams';

export interface ForwardTarget extends PodTarget {
  /** The pod's port. */
  port: number;
}

export interface PortForwardOptions {
  /** The local port; 0 or undefined lets the system choose a free one. */
  localPort?: number;
  /** Cancels starting; once started, `stop()` ends the forward. */
  signal?: AbortSignal;
  /** One connection's failure, naming the cluster, the pod and the port. */
  onError?: (err: Error) => void;
}

export interface ActivePortForward {
  readonly target: ForwardTarget;
  readonly localPort: number;
  readonly key: string;
  /** Connections open right now. */
  connections(): number;
  stop(): Promise<void>;
  /** Settles when the forward has stopped. */
  readonly stopped: Promise<void>;
}

/** One forward per (cluster, pod, port). */
export function forwardKey(t: ForwardTarget): string {
  return `${t.cluster}/${t.namespace}/${t.pod}:${t.port}`;
}

export function describeForward(f: { target: ForwardTarget; localPort: number }): string {
  return `127.0.0.1:${f.localPort} → ${f.target.cluster}: ${f.target.namespace}/${f.target.pod}:${f.target.port}`;
}

export async function startPortForward(clients: ClusterClients, target: ForwardTarget, options: PortForwardOptions = {}): Promise<ActivePortForward> {
  const { signal } = options;
  const what = `port-forward to port ${target.port} of`;
  try {
    // Checked once up front so a wrong pod or context fails the command, not the first connection.
    await clients.request(target.cluster, { path: podPath(target.namespace, target.pod), signal });
  } catch (err) {
    throw new PodError(target, toClusterError(err, signal), what);
  }
  const kc = await clients.kubeConfig(target.cluster);
  const { PortForward } = await import('@kubernetes/client-node');
  const closing = new AbortController();
  const open = new Set<{ socket: net.Socket; ws?: ChannelSocket }>();
  const report = (err: unknown) => {
    if (closing.signal.aborted) return;
    const cause = err instanceof ClusterError ? err : toClusterError((err as { error?: unknown })?.error ?? err);
    options.onError?.(new PodError(target, cause, what));
  };

  const connect = async (socket: net.Socket) => {
    const connection: { socket: net.Socket; ws?: ChannelSocket } = { socket };
    open.add(connection);
    socket.on('error', report);
    socket.on('close', () => {
      open.delete(connection);
      connection.ws?.close();
    });
    // The error channel carries the kubelet's message for this connection, e.g. nothing listens on the port.
    const errors = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const message = chunk.toString('utf8').trim();
        if (message) {
          report(new ClusterError('server', message));
          socket.destroy();
        }
        done();
      },
    });
    try {
      const forward = new PortForward(kc, true, channelConnector(kc, closing.signal) as unknown as ConstructorParameters<typeof PortForward>[2]);
      const ws = (await forward.portForward(target.namespace, target.pod, [target.port], socket, errors, socket)) as unknown as ChannelSocket;
      connection.ws = ws;
      ws.on('close', () => socket.end());
      if (socket.destroyed) ws.close();
    } catch (err) {
      report(err);
      socket.destroy();
    }
  };

  const server = net.createServer((socket) => void connect(socket));
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(toClusterError(signal?.reason, signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    server.once('error', (err: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        new PodError(target, new ClusterError('client', err.code === 'EADDRINUSE' ? `local port ${options.localPort} is in use` : err.message), what),
      );
    });
    server.listen(options.localPort ?? 0, '127.0.0.1', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  }).catch((err: unknown) => {
    server.close();
    throw err;
  });
  server.on('error', report);
  const stopped = new Promise<void>((resolve) => server.once('close', () => resolve()));

  return {
    target,
    localPort: (server.address() as net.AddressInfo).port,
    key: forwardKey(target),
    connections: () => open.size,
    stopped,
    async stop() {
      closing.abort(new ClusterError('cancelled', 'port-forward stopped'));
      server.close();
      for (const { socket, ws } of open) {
        ws?.close();
        socket.destroy();
      }
      await stopped;
    },
  };
}
