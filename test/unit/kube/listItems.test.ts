import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemsWithKinds } from '../../../core/kube/listItems';

test('list items get the list\'s apiVersion and kind, as an aggregated apiserver leaves them out', () => {
  const list = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'ClusterList', items: [{ metadata: { name: 'member1' } }] };
  assert.deepEqual(itemsWithKinds(list), [{ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' } }]);
});

test('items that carry their own kind keep it; a list without a kind is returned as it is', () => {
  const own = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
  assert.equal(itemsWithKinds({ apiVersion: 'v1', kind: 'List', items: [own] })[0], own);
  const bare = [{ metadata: { name: 'x' } }];
  assert.equal(itemsWithKinds({ items: bare }), bare);
  assert.deepEqual(itemsWithKinds(undefined), []);
});
