/**
 * Port-forward from the lab members' pods (KWOK forwards every pod port to the lab's loopback echo server,
 * which answers an HTTP request with its method and path): round trips on two members at once, several
 * connections through one forward, stop closing the local port, and refusals reported per connection.
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import type { ClusterClients } from '../../../core/kube/clients';
import { PodError } from '../../../core/kube/exec';
import { describeForward, forwardKey, startPortForward } from '../../../core/kube/portForward';
import type { KubeList } from '../../../core/kube/watch';
import { labClients } from '../../support/labClients';

async function webPod(clients: ClusterClients, cluster: string): Promise<string> {
  const list = await clients.request<KubeList>(cluster, { path: '/api/v1/namespaces/shop/pods', query: { labelSelector: 'app=web' } });
  const pod = list.items.find((p) => p.status?.phase === 'Running');
  assert.ok(pod, `a running web pod on ${cluster}`);
  return pod.metadata.name;
}

/** One HTTP/1.0 request through the local port; resolves with the echo line once it has arrived. */
function echo(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
      const line = /flotilla-lab echo: .*\n/.exec(received);
      if (line) {
        socket.destroy();
        resolve(line[0]);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed after ${JSON.stringify(received)}`)));
    socket.write(`GET ${path} HTTP/1.0\r\nHost: localhost\r\n\r\n`);
  });
}

/** Resolves with the error a connection attempt to a closed local port gets. */
function refused(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => reject(new Error(`127.0.0.1:${port} still accepts connections`)));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

test('port-forwards from two members at once carry requests to each pod and stop closes the port', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const errors: string[] = [];
  const forwards = await Promise.all(
    ['member1', 'member2'].map(async (cluster) =>
      startPortForward(clients, { cluster, namespace: 'shop', pod: await webPod(clients, cluster), port: 80 }, { onError: (e) => errors.push(e.message) }),
    ),
  );
  try {
    assert.notEqual(forwards[0].localPort, forwards[1].localPort);
    assert.equal(forwards[0].key, `member1/shop/${forwards[0].target.pod}:80`);
    assert.equal(describeForward(forwards[1]), `127.0.0.1:${forwards[1].localPort} → member2: shop/${forwards[1].target.pod}:80`);
    const answers = await Promise.all(forwards.map((f) => echo(f.localPort, `/from/${f.target.cluster}`)));
    assert.deepEqual(answers, ['flotilla-lab echo: GET /from/member1\n', 'flotilla-lab echo: GET /from/member2\n']);
    // Several connections through one forward at once, each on its own stream.
    const parallel = await Promise.all([1, 2, 3].map((i) => echo(forwards[0].localPort, `/parallel/${i}`)));
    assert.deepEqual(parallel, [1, 2, 3].map((i) => `flotilla-lab echo: GET /parallel/${i}\n`));
    assert.deepEqual(errors, []);
  } finally {
    await Promise.all(forwards.map((f) => f.stop()));
  }
  for (const f of forwards) assert.equal(await refused(f.localPort), 'ECONNREFUSED');
});

test('a forward listens on the local port asked for, and a second one on the same port is refused', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const pod = await webPod(clients, 'member3');
  const first = await startPortForward(clients, { cluster: 'member3', namespace: 'shop', pod, port: 8080 });
  try {
    const again = await startPortForward(clients, { cluster: 'member3', namespace: 'shop', pod, port: 8080 }, { localPort: first.localPort }).then(
      () => assert.fail('two forwards on one local port'),
      (e: unknown) => e,
    );
    assert.ok(again instanceof PodError);
    assert.equal(again.message, `member3: port-forward to port 8080 of shop/${pod}: error: local port ${first.localPort} is in use`);
    assert.equal(await echo(first.localPort, '/asked'), 'flotilla-lab echo: GET /asked\n');
    assert.equal(forwardKey(first.target), `member3/shop/${pod}:8080`);
  } finally {
    await first.stop();
  }
});

test('a forward to a missing pod fails to start, naming the cluster and the pod', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const err = await startPortForward(clients, { cluster: 'member2', namespace: 'shop', pod: 'no-such-pod', port: 80 }).then(
    () => assert.fail('forward to a missing pod started'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PodError);
  assert.equal(err.message, 'member2: port-forward to port 80 of shop/no-such-pod: not found: pods "no-such-pod" not found');
});

test('a read-only context starts a forward but each connection is refused with the 403, reported without ending the forward', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const pod = await webPod(clients, 'member1');
  const reported: Error[] = [];
  let onReport!: () => void;
  const twoReports = new Promise<void>((resolve) => (onReport = () => reported.length === 2 && resolve()));
  const forward = await startPortForward(clients, { cluster: 'member1-viewer', namespace: 'shop', pod, port: 80 }, {
    onError: (e) => {
      reported.push(e);
      onReport();
    },
  });
  try {
    for (const path of ['/one', '/two']) await assert.rejects(echo(forward.localPort, path), /connection closed after ""/);
    await twoReports;
    for (const e of reported) {
      assert.ok(e instanceof PodError);
      assert.equal(e.message, `member1-viewer: port-forward to port 80 of shop/${pod}: 403 forbidden: pods "${pod}" is forbidden`);
    }
    assert.equal(forward.connections(), 0);
  } finally {
    await forward.stop();
  }
});
