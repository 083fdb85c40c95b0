/**
 * A loopback TCP proxy for tests and benchmarks: forwards to a target port, optionally delaying every
 * chunk in each direction (added latency); it can cut its connections and refuse new ones (a network outage
 * the server behind it does not see).
 */
import * as net from 'node:net';

export interface TcpProxy {
  port: number;
  url: (scheme?: string) => string;
  /** Counts accepted connections. */
  connections: () => number;
  /** Cuts every open connection; with `refuse`, also closes new ones at once until `refuse(false)`. */
  drop: () => void;
  refuse: (on: boolean) => void;
  close: () => Promise<void>;
}

export async function startTcpProxy(targetPort: number, options: { delayMs?: number; host?: string } = {}): Promise<TcpProxy> {
  const delay = options.delayMs ?? 0;
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let refusing = false;
  const pipe = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (delay) setTimeout(() => to.writable && to.write(chunk), delay);
      else if (to.writable) to.write(chunk);
    });
    from.on('end', () => (delay ? setTimeout(() => to.end(), delay) : to.end()));
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    accepted++;
    const upstream = net.connect(targetPort, options.host ?? '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (scheme = 'https') => `${scheme}://127.0.0.1:${port}`,
    connections: () => accepted,
    drop: () => {
      for (const s of sockets) s.destroy();
    },
    refuse: (on) => {
      refusing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
