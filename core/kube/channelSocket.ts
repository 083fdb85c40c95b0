/**
 * The WebSocket that client-node's Exec and PortForward speak the Kubernetes channel protocol over,
 * opened here instead of by client-node's own handler so that a refused upgrade reports the API server's
 * Status (a 403 with its message, a 404 naming the pod) rather than "Unexpected server response", so that
 * cancellation closes it, and so that a v5 close frame never reaches client-node's process-wide streams.
 */
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { readBody } from './clients';
import { ClusterError, errorFromStatus, toClusterError } from './errors';

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

/** The part of a `ws` WebSocket this module and client-node use. */
export interface ChannelSocket {
  readonly protocol: string;
  readonly readyState: number;
  send(data: Buffer): void;
  close(): void;
  terminate(): void;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'unexpected-response', listener: (req: http.ClientRequest, res: http.IncomingMessage) => void): this;
  once(event: 'open', listener: () => void): this;
}

type WebSocketConstructor = new (url: string, protocols: string[], options: https.RequestOptions) => ChannelSocket;

/** What client-node's Exec and PortForward accept as their WebSocket handler. */
export interface ChannelConnector {
  connect(
    path: string,
    textHandler: ((text: string) => boolean) | null,
    binaryHandler: ((stream: number, buff: Buffer) => boolean) | null,
  ): Promise<ChannelSocket>;
}

/** A connector to the API server of `kc`'s current context (a per-context copy from ClusterClients). */
export function channelConnector(kc: KubeConfig, signal?: AbortSignal): ChannelConnector {
  return {
    async connect(path, textHandler, binaryHandler) {
      const server = kc.getCurrentCluster()?.server;
      if (!server) throw new ClusterError('config', 'the context names no cluster server');
      const options: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(options);
      signal?.throwIfAborted();
      const socket = new (loadWebSocket())(server.replace(/^http/, 'ws').replace(/\/+$/, '') + path, PROTOCOLS, options);
      return new Promise<ChannelSocket>((resolve, rejectOpen) => {
        let open = false;
        const reject = (err: ClusterError) => {
          signal?.removeEventListener('abort', onAbort);
          rejectOpen(err);
        };
        const onAbort = () => {
          socket.terminate();
          reject(toClusterError(signal?.reason, signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.on('close', () => signal?.removeEventListener('abort', onAbort));
        socket.on('unexpected-response', (req, res) => {
          readBody(res)
            .then(
              (body) => reject(errorFromStatus(res.statusCode ?? 0, body)),
              (err: unknown) => reject(toClusterError(err)),
            )
            .finally(() => req.destroy());
        });
        // Always listened to: an error after the upgrade must end this connection, not the process.
        socket.on('error', (err) => {
          if (!open) reject(toClusterError(err, signal));
        });
        socket.once('open', () => {
          open = true;
          resolve(socket);
        });
        socket.on('message', (data, isBinary) => {
          try {
            if (!isBinary) {
              if (textHandler && !textHandler(data.toString('utf8'))) socket.close();
              return;
            }
            // v5 close frames: the status channel (exec) or the socket's close (port-forward) follows.
            if (data[0] === CHANNEL.close) return;
            if (binaryHandler && !binaryHandler(data[0], data.subarray(1))) socket.close();
          } catch {
            socket.close();
          }
        });
      });
    },
  };
}

let webSocket: WebSocketConstructor | undefined;
function loadWebSocket(): WebSocketConstructor {
  // `ws` is what client-node itself opens sockets with; bundles inline it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  webSocket ??= require('ws') as WebSocketConstructor;
  return webSocket;
}
