import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterError } from '../../../core/kube/errors';
import { fanOut } from '../../../core/kube/fanout';

test('one result per cluster, bounded concurrency, per-cluster timeout even when fn ignores the signal', async () => {
  let running = 0;
  let peak = 0;
  const results = await fanOut(
    ['a', 'b', 'slow', 'c', 'bad'],
    async (name) => {
      running++;
      peak = Math.max(peak, running);
      try {
        if (name === 'slow') await new Promise(() => undefined); // never settles, never looks at the signal
        if (name === 'bad') throw new ClusterError('forbidden', 'nope', 403);
        await new Promise((r) => setImmediate(r));
        return name.toUpperCase();
      } finally {
        running--;
      }
    },
    { concurrency: 2, timeoutMs: 200 },
  );
  assert.equal(peak, 2);
  assert.deepEqual(results.map((r) => [r.cluster, r.ok]), [['a', true], ['b', true], ['slow', false], ['c', true], ['bad', false]]);
  const slow = results[2];
  assert.ok(!slow.ok && slow.error.kind === 'timeout');
  assert.ok(slow.ms < 1000);
  const bad = results[4];
  assert.ok(!bad.ok && bad.error.describe() === '403 forbidden: nope');
});

test('the signal handed to fn aborts on timeout and on the caller cancelling', async () => {
  const caller = new AbortController();
  const seen: string[] = [];
  const pending = fanOut(
    ['x', 'y'],
    (name, signal) =>
      new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          seen.push(name);
          reject(signal.reason);
        });
        if (name === 'y') setImmediate(() => caller.abort());
      }),
    { concurrency: 2, timeoutMs: 60_000, signal: caller.signal },
  );
  const results = await pending;
  assert.deepEqual(seen.sort(), ['x', 'y']);
  assert.ok(results.every((r) => !r.ok && r.error.kind === 'cancelled'));
});
