import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyWaves, inWaves, orderForApply } from '../../../core/kube/applyOrder';
import type { KubeObject } from '../../../core/kube/watch';

const obj = (kind: string, name: string): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name } });
const names = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

const manifests = [
  obj('Deployment', 'web'),
  obj('PropagationPolicy', 'web'),
  obj('ConfigMap', 'cfg'),
  obj('Namespace', 'shop'),
  obj('Service', 'web'),
  obj('CustomResourceDefinition', 'widgets.example.com'),
  obj('ServiceAccount', 'web'),
];

test('waves: namespaces, CRDs, what pods need at admission, workloads, then the policies that select them', () => {
  assert.deepEqual(applyWaves(manifests).map(names), [
    ['Namespace/shop'],
    ['CustomResourceDefinition/widgets.example.com'],
    ['ConfigMap/cfg', 'ServiceAccount/web'],
    ['Deployment/web', 'Service/web'],
    ['PropagationPolicy/web'],
  ]);
  assert.deepEqual(names(orderForApply(manifests)), applyWaves(manifests).flat().map((o) => `${o.kind}/${o.metadata.name}`));
});

test('deleting goes the other way, but policies stay last: the control plane removes what they placed first', () => {
  assert.deepEqual(applyWaves(manifests, true).map(names), [
    ['Service/web', 'Deployment/web'],
    ['ServiceAccount/web', 'ConfigMap/cfg'],
    ['CustomResourceDefinition/widgets.example.com'],
    ['Namespace/shop'],
    ['PropagationPolicy/web'],
  ]);
});

test('a wave runs at once up to the bound, and the next wave starts only when it is done', async () => {
  const workloads = Array.from({ length: 10 }, (_, i) => obj('Deployment', `web-${i}`));
  const waves = applyWaves([obj('Namespace', 'shop'), ...workloads]);
  let inFlight = 0;
  let most = 0;
  let namespaceDone = false;
  const started: string[] = [];
  const results = await inWaves(waves, 4, async (o) => {
    if (o.kind === 'Deployment') assert.ok(namespaceDone, `${o.metadata.name} started before the namespace was applied`);
    started.push(o.metadata.name!);
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => setImmediate(resolve));
    inFlight--;
    if (o.kind === 'Namespace') namespaceDone = true;
    return o.metadata.name;
  });
  assert.equal(most, 4);
  assert.deepEqual(results, ['shop', ...workloads.map((w) => w.metadata.name)]);
});

test('a failure stops the rest of its wave and the waves after it', async () => {
  const waves = applyWaves([obj('Namespace', 'a'), obj('ConfigMap', 'b'), obj('ConfigMap', 'c'), obj('ConfigMap', 'd'), obj('Deployment', 'e')]);
  const acted: string[] = [];
  await assert.rejects(
    inWaves(waves, 1, async (o) => {
      acted.push(o.metadata.name!);
      if (o.metadata.name === 'c') throw new Error('cluster gone');
    }),
    /cluster gone/,
  );
  assert.deepEqual(acted, ['a', 'b', 'c']);
});
