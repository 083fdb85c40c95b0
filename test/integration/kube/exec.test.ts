/**
 * Exec into the lab members' pods (KWOK runs the command on this machine, in the member's exec folder,
 * with FLOTILLA_LAB_MEMBER set): output and exit status, stdin, a TTY that takes resizes, cancellation,
 * and the errors naming the cluster and the pod.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { ClusterClients } from '../../../core/kube/clients';
import { loadKubeconfigs } from '../../../core/kube/kubeconfig';
import { openExec, PodError, type ExecOptions } from '../../../core/kube/exec';
import type { KubeList } from '../../../core/kube/watch';
import { labClients } from '../../support/labClients';

async function runningPod(clients: ClusterClients, cluster: string, namespace = 'shop'): Promise<string> {
  const list = await clients.request<KubeList>(cluster, { path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: 'app=web' } });
  const pod = list.items.find((p) => p.status?.phase === 'Running');
  assert.ok(pod, `a running web pod on ${cluster}`);
  return pod.metadata.name;
}

/** Collects a session's output and resolves `waitFor` as soon as the output matches, on the output event itself. */
function outputCollector() {
  let text = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const sink = (data: Buffer) => {
    text += data.toString('utf8');
    for (const w of [...waiters]) {
      const m = text.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => {
      const m = text.match(pattern);
      if (m) resolve(m);
      else waiters.push({ pattern, resolve });
    });
  return { sink, waitFor, text: () => text };
}

function exec(clients: ClusterClients, cluster: string, pod: string, options: Omit<ExecOptions, 'stdout'> & { stdout?: ExecOptions['stdout'] }) {
  return openExec(clients, { cluster, namespace: 'shop', pod }, { stdout: () => undefined, ...options });
}

test('exec runs a command in a member pod: stdout, stderr and the exit status, on two members at once', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const results = await Promise.all(
    ['member1', 'member2'].map(async (cluster) => {
      const out = outputCollector();
      const err = outputCollector();
      const session = await exec(clients, cluster, await runningPod(clients, cluster), {
        command: ['sh', '-c', 'echo "hello from $FLOTILLA_LAB_MEMBER"; echo oops >&2; exit 7'],
        tty: false,
        stdout: out.sink,
        stderr: err.sink,
      });
      assert.equal(session.container, 'web');
      return { cluster, exit: await session.exit, out: out.text(), err: err.text() };
    }),
  );
  for (const r of results) {
    assert.equal(r.out, `hello from ${r.cluster}\n`);
    assert.equal(r.err, 'oops\n');
    assert.deepEqual(r.exit, { code: 7, message: 'exited with status 7' });
  }
  const ok = await exec(clients, 'member3', await runningPod(clients, 'member3'), { command: ['true'], tty: false });
  assert.deepEqual(await ok.exit, { code: 0, message: 'exited with status 0' });
});

test('exec sends stdin to the command', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const out = outputCollector();
  const session = await exec(clients, 'member1', await runningPod(clients, 'member1'), {
    command: ['sh', '-c', 'read line; echo "got: $line"; read code; exit "$code"'],
    tty: false,
    stdout: out.sink,
  });
  session.write('round trip\n');
  await out.waitFor(/^got: round trip\n/);
  session.write('4\n');
  assert.equal((await session.exit).code, 4);
  assert.equal(out.text(), 'got: round trip\n');
});

test('a TTY session starts at the size given and follows resizes on the resize channel', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const out = outputCollector();
  const session = await exec(clients, 'member2', await runningPod(clients, 'member2'), {
    command: ['sh'],
    tty: true,
    size: { columns: 101, rows: 31 },
    stdout: out.sink,
  });
  // A command typed before the shell has its terminal may be lost, and the shell reads a new size only
  // when it runs the next command: ask until the answer comes.
  const sizeIs = async (pattern: RegExp) => {
    session.write('stty size\n');
    const asked = setInterval(() => session.write('stty size\n'), 200);
    try {
      await out.waitFor(pattern);
    } finally {
      clearInterval(asked);
    }
  };
  await sizeIs(/(?:^|\s)31 101\r\n/);
  session.resize({ columns: 133, rows: 42 });
  await sizeIs(/(?:^|\s)42 133\r\n/);
  session.write('exit 3\n');
  assert.equal((await session.exit).code, 3);
});

test('cancelling an exec session closes it', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const controller = new AbortController();
  const out = outputCollector();
  const session = await exec(clients, 'member1', await runningPod(clients, 'member1'), { command: ['sh'], tty: true, stdout: out.sink, signal: controller.signal });
  session.write('echo ready\n');
  await out.waitFor(/(?:^|\s)ready\r\n/);
  controller.abort();
  const exit = await session.exit;
  assert.equal(exit.code, undefined);
  assert.equal(exit.message, 'the session ended without an exit status');
});

test('exec into a pod that does not exist names the cluster and the pod', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const err = await exec(clients, 'member2', 'no-such-pod', { command: ['true'], tty: false }).then(
    () => assert.fail('exec into a missing pod succeeded'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PodError);
  assert.equal(err.kind, 'notFound');
  assert.equal(err.message, 'member2: pod shop/no-such-pod: not found: pods "no-such-pod" not found');
});

test('exec with a read-only context is refused with the API server 403, naming the cluster', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const pod = await runningPod(clients, 'member1');
  const err = await exec(clients, 'member1-viewer', pod, { command: ['true'], tty: false }).then(
    () => assert.fail('a viewer could exec'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PodError);
  assert.equal(err.kind, 'forbidden');
  assert.equal(err.cause.status, 403);
  assert.equal(err.message, `member1-viewer: exec into shop/${pod}: 403 forbidden: pods "${pod}" is forbidden`);
  const token = String(clients.config.users.get(clients.context('member1-viewer')!.user)?.fields.token ?? '');
  assert.ok(token.length > 10, 'the viewer context has a bearer token');
  assert.ok(!err.message.includes(token) && !String(err.stack).includes(token));
});

test('exec into a container the pod does not have says so', { timeout: 60_000 }, async () => {
  const { clients } = await labClients();
  const pod = await runningPod(clients, 'member3');
  const err = await openExec(clients, { cluster: 'member3', namespace: 'shop', pod, container: 'sidecar' }, { command: ['true'], tty: false, stdout: () => undefined }).then(
    () => assert.fail('exec into a missing container succeeded'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PodError);
  assert.match(err.message, new RegExp(`^member3: exec into shop/${pod}: invalid: container sidecar is not valid for pod ${pod}`));
});

test('a refused token on the exec upgrade and an unusable CA name the context, and the token stays out of the message', { timeout: 60_000 }, async () => {
  const { lab, clients: admin } = await labClients();
  const pod = await runningPod(admin, 'member2');
  const token = 'flotilla-exec-invalid-token-0123456789';
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-exec-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'broken.yaml');
  const server = lab.info.clusters.find((c) => c.name === 'member2')!.server;
  const labConfig = parse(readFileSync(lab.kubeconfigPath, 'utf8')) as { clusters: { name: string; cluster: Record<string, string> }[] };
  const hostCA = labConfig.clusters.find((c) => c.name === 'host')!.cluster['certificate-authority-data'];
  assert.ok(hostCA);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'bad-ca', cluster: { server, 'certificate-authority-data': Buffer.from('garbage').toString('base64') } },
        // The host's CA did not sign member2's serving certificate.
        { name: 'other-ca', cluster: { server, 'certificate-authority-data': hostCA } },
      ],
      users: [{ name: 'wrong-token', user: { token } }],
      contexts: [
        { name: 'invalid-token', context: { cluster: 'member2', user: 'wrong-token' } },
        { name: 'bad-cert', context: { cluster: 'bad-ca', user: 'wrong-token' } },
        { name: 'untrusted', context: { cluster: 'other-ca', user: 'wrong-token' } },
      ],
    }),
  );
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfigPath, file]), { trusted: true });
  after(() => clients.dispose());
  const refusal = async (context: string) =>
    openExec(clients, { cluster: context, namespace: 'shop', pod, container: 'web' }, { command: ['true'], tty: false, stdout: () => undefined }).then(
      () => assert.fail(`${context} could exec`),
      (e: unknown) => e as PodError,
    );
  const unauthorized = await refusal('invalid-token');
  assert.equal(unauthorized.kind, 'unauthorized');
  assert.equal(unauthorized.message, `invalid-token: exec into shop/${pod}: 401 unauthorized (expired or invalid credentials): Unauthorized`);
  const tls = await refusal('bad-cert');
  // The kubeconfig's CA does not parse: refused before any connection, still naming the context.
  assert.equal(tls.kind, 'config');
  assert.match(tls.message, new RegExp(`^bad-cert: pod shop/${pod}: not connected \\(bad certificate authority`));
  const untrusted = await refusal('untrusted');
  assert.equal(untrusted.kind, 'tls');
  assert.match(untrusted.message, new RegExp(`^untrusted: exec into shop/${pod}: TLS error \\(`));
  for (const err of [unauthorized, tls, untrusted]) assert.ok(!err.message.includes(token) && !String(err.stack).includes(token));
});
