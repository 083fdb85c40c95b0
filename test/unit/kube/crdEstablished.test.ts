import assert from 'node:assert/strict';
import { test } from 'node:test';
import { established, isCustomResourceDefinition } from '../../../core/kube/crdEstablished';
import type { KubeObject } from '../../../core/kube/watch';

const crd = (conditions: { type: string; status: string; message?: string }[]): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  status: { conditions },
});

test('a CRD is established only by its Established condition; refused names end the wait with the reason', () => {
  assert.equal(established(undefined), false);
  assert.equal(established(crd([])), false);
  assert.equal(established(crd([{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'False' }])), false);
  assert.equal(established(crd([{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }])), true);
  assert.throws(() => established(crd([{ type: 'NamesAccepted', status: 'False', message: '"gadgets" is already in use' }])), /gadgets\.example\.com: names not accepted: "gadgets" is already in use/);
});

test('only apiextensions CustomResourceDefinitions are waited for', () => {
  assert.equal(isCustomResourceDefinition(crd([])), true);
  assert.equal(isCustomResourceDefinition({ apiVersion: 'example.com/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } }), false);
});
