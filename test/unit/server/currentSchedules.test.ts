import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CurrentSchedules } from '../../../server/features/currentSchedules';
import type { CurrentSchedule, ScheduleQuery } from '../../../core/protocol';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
const api = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } };

function harness(answer: (q: ScheduleQuery) => CurrentSchedule['clusters'] | Error) {
  let clock = 0;
  const asked: ScheduleQuery[][] = [];
  let changes = 0;
  let settle: () => void = () => undefined;
  const schedules = new CurrentSchedules(
    async (queries) => {
      asked.push(queries);
      const answers = queries.map((q) => ({ q, a: answer(q) }));
      const failed = answers.find((x) => x.a instanceof Error);
      queueMicrotask(() => settle());
      if (failed) throw failed.a;
      return answers.map(({ q, a }) => ({ ...q, clusters: a as CurrentSchedule['clusters'] }));
    },
    () => changes++,
    () => undefined,
    1000,
    () => clock,
  );
  const flushed = () => {
    const done = new Promise<void>((resolve) => (settle = () => setImmediate(resolve)));
    schedules.flush();
    return done;
  };
  return { schedules, asked, changes: () => changes, flushed, tick: (ms: number) => (clock += ms) };
}

test('unknown schedules are asked for in one batch; an answer that changes one has the lenses recomputed', async () => {
  const h = harness((q) => (q.name === 'web' ? [{ name: 'member1', replicas: 2 }] : null));
  assert.equal(h.schedules.previous(web), undefined);
  assert.equal(h.schedules.previous(api), undefined);
  await h.flushed();
  assert.deepEqual(h.asked, [[{ kind: 'Deployment', name: 'web', namespace: 'shop' }, { kind: 'Deployment', name: 'api', namespace: 'shop' }]]);
  assert.equal(h.changes(), 1);
  assert.deepEqual(h.schedules.previous(web), [{ name: 'member1', replicas: 2 }]);
  assert.equal(h.schedules.previous(api), undefined, 'not scheduled anywhere');
  h.schedules.flush();
  assert.equal(h.asked.length, 1, 'known and fresh: not asked again');
});

test('an answer older than the time to live is asked again; the same answer recomputes nothing', async () => {
  const h = harness(() => [{ name: 'member2', replicas: 3 }]);
  h.schedules.previous(web);
  await h.flushed();
  h.tick(1001);
  assert.deepEqual(h.schedules.previous(web), [{ name: 'member2', replicas: 3 }], 'the old answer serves meanwhile');
  await h.flushed();
  assert.equal(h.asked.length, 2);
  assert.equal(h.changes(), 1);
});

test('a client without the request is not asked again; a failed answer is retried only after the time to live', async () => {
  const missing = harness(() => Object.assign(new Error('Unhandled method flotilla/currentSchedules'), { code: -32601 }));
  missing.schedules.previous(web);
  await missing.flushed();
  missing.tick(5000);
  assert.equal(missing.schedules.previous(web), undefined);
  missing.schedules.flush();
  assert.equal(missing.asked.length, 1);

  const failing = harness(() => new Error('context host: unreachable'));
  failing.schedules.previous(web);
  await failing.flushed();
  failing.schedules.previous(web);
  failing.schedules.flush();
  assert.equal(failing.asked.length, 1, 'not hammered');
  failing.tick(1001);
  failing.schedules.previous(web);
  await failing.flushed();
  assert.equal(failing.asked.length, 2);
});

test('a client that answers null (a generic request handler) is taken as not knowing the request, and not asked again', async () => {
  let asked = 0;
  let settle: () => void = () => undefined;
  const schedules = new CurrentSchedules(
    async () => {
      asked++;
      queueMicrotask(() => settle());
      return null;
    },
    () => assert.fail('nothing changed'),
    () => undefined,
    1000,
  );
  schedules.previous(web);
  const done = new Promise<void>((resolve) => (settle = () => setImmediate(resolve)));
  schedules.flush();
  await done;
  schedules.previous(web);
  schedules.flush();
  assert.equal(asked, 1);
});
