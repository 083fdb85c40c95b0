// Pods in the lab's members are run by KWOK, which answers logs, exec and port-forward for them through
// each member's own API server: followed logs keep arriving, exec runs in a scratch folder, port-forward
// reaches the lab's echo server.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { podsFor, streamLogs } from '../../../core/kube/streams';
import { labClients } from '../../support/labClients';

async function connect() {
  const { clients } = await labClients();
  const [pod] = await podsFor(clients, 'member1', 'shop', { app: 'web' });
  return { clients, pod };
}

test('logs of a member pod follow: lines written after the request arrive until cancelled', { timeout: 30_000 }, async () => {
  const { clients, pod } = await connect();
  const controller = new AbortController();
  const lines: string[] = [];
  const asked = Date.now();
  // The lab appends a line a second; one stamped two seconds after the request proves the stream follows.
  const stampedAfter = (line: string) => Date.parse(line.split(' ')[1]) > asked + 2_000;
  await streamLogs(clients, [{ cluster: 'member1', namespace: 'shop', pod: pod.pod, node: pod.node }], (line) => {
    lines.push(line);
    if (stampedAfter(line)) controller.abort();
  }, { timeoutMs: 5_000, concurrency: 1, follow: true, signal: controller.signal });
  assert.ok(lines.some(stampedAfter), lines.slice(-3).join('\n'));
  assert.ok(lines.every((l) => new RegExp(`^\\[member1/${pod.pod}\\] \\S+Z (started on|listening on|GET /healthz 200 \\()`).test(l)), lines.slice(0, 3).join('\n'));
});

test('exec in a member pod runs the command in the lab\'s scratch folder for that member', { timeout: 30_000 }, async () => {
  const { clients, pod } = await connect();
  const { Exec } = await import('@kubernetes/client-node');
  const exec = new Exec(await clients.kubeConfig('member1'));
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<{ status?: string }>((resolve, reject) => {
    exec.exec('shop', pod.pod, 'web', ['sh', '-c', 'echo "$FLOTILLA_LAB_MEMBER in $(basename "$PWD")"'], stdout, null, null, false, (s) => resolve(s as { status?: string })).catch(reject);
  });
  assert.equal(status.status, 'Success');
  assert.equal(output.trim(), 'member1 in exec');
});

test('port-forward from a member pod reaches what KWOK forwards to', { timeout: 30_000 }, async () => {
  const { clients, pod } = await connect();
  const { PortForward } = await import('@kubernetes/client-node');
  const forward = new PortForward(await clients.kubeConfig('member1'));
  const server = createServer((socket) => void forward.portForward('shop', pod.pod, [80], socket, null, socket));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const body = await new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/through-the-member', headers: { Connection: 'close' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    }).on('error', reject).end();
  });
  assert.equal(body.trim(), 'flotilla-lab echo: GET /through-the-member');
});
