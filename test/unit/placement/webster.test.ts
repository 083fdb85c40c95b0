import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateWebster } from '../../../core/placement/webster';
import { fnv32, fnv32a } from '../../../core/placement/fnv';

function seats(total: number, votes: Record<string, number>, order: 'ascending' | 'descending' = 'ascending') {
  return Object.fromEntries(allocateWebster(total, Object.entries(votes).map(([name, v]) => ({ name, votes: v, seats: 0 })), order).map((p) => [p.name, p.seats]));
}

test('upstream vectors: 9 at 1:3, 12 at 20:12:6, 10 at 1:1:1', () => {
  assert.deepEqual(seats(9, { a: 1, b: 3 }), { a: 2, b: 7 });
  assert.deepEqual(seats(12, { a: 20, b: 12, c: 6 }), { a: 6, b: 4, c: 2 });
  assert.deepEqual(seats(10, { a: 1, b: 1, c: 1 }), { a: 4, b: 3, c: 3 });
});

test('the Sainte-Lague example from Wikipedia: 8 seats over 100k/80k/30k/20k', () => {
  assert.deepEqual(seats(8, { A: 100000, B: 80000, C: 30000, D: 20000 }), { A: 3, B: 3, C: 1, D: 1 });
});

test('ties between equal clusters follow the name order', () => {
  assert.deepEqual(seats(1, { a: 1, b: 1 }, 'ascending'), { a: 1, b: 0 });
  assert.deepEqual(seats(1, { a: 1, b: 1 }, 'descending'), { a: 0, b: 1 });
  assert.deepEqual(seats(10, { a: 1, b: 1, c: 1 }, 'descending'), { a: 3, b: 3, c: 4 });
});

test('initial seats are kept and count against the priority', () => {
  const result = allocateWebster(2, [{ name: 'old', votes: 1, seats: 3 }, { name: 'new', votes: 1, seats: 0 }]);
  assert.deepEqual(result.map((p) => [p.name, p.seats]), [['new', 2], ['old', 3]]);
});

test('FNV hashes match Go hash/fnv', () => {
  // Reference values: Go's fnv.New32()/New32a() over "" and "a".
  assert.equal(fnv32(''), 0x811c9dc5);
  assert.equal(fnv32a(''), 0x811c9dc5);
  assert.equal(fnv32a('a'), 0xe40c292c);
  assert.equal(fnv32('a'), 0x050c5d7e);
  assert.equal(fnv32a('foobar'), 0xbf9cf968);
  assert.equal(fnv32('foobar'), 0x31f0b262);
});
