/**
 * Karmada's control plane as explorer nodes, built from objects recorded from the lab's Karmada v1.18.2
 * (recorded.json): templates with where they run and their health, Works per member, a policy's
 * bindings, and what Karmada leaves on a member's object.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bindingHealth, bindingNodes, bindingsOfPolicy, templateNodes, workNodes, worksOf } from '../../../core/karmada/explorerNodes';
import { PP_PERMANENT_ID, RB_PERMANENT_ID } from '../../../core/karmada/labels';
import type { ExplorerNode } from '../../../core/kube/explorerNode';
import { managedBy } from '../../../core/kube/managedBy';
import type { KubeObject } from '../../../core/kube/watch';

const recorded = JSON.parse(readFileSync(join(__dirname, 'recorded.json'), 'utf8')) as Record<'bindings' | 'works' | 'policies', KubeObject[]> & { memberWeb: KubeObject };
const folder: ExplorerNode = { id: 'fed/Karmada/host/templates', kind: 'templates', label: 'Resource Templates', icon: 'folder', contextValue: 'templates', collapsible: true, context: 'host' };
const binding = (name: string) => structuredClone(recorded.bindings.find((b) => b.metadata.name === name)!);

test('a template per binding: members and replicas from spec.clusters, health from aggregatedStatus', () => {
  const nodes = templateNodes(folder, recorded.bindings);
  assert.deepEqual(
    nodes.map((n) => [n.label, n.description, n.icon]),
    [
      ['payments/ledger', 'Deployment → member1 ×2, member2 ×2, member3 ×2', 'degraded'],
      ['shop/checkout', 'Deployment → member1 ×2, member2 ×4', 'healthy'],
      ['shop/web', 'Deployment → member1 ×3, member2 ×3, member3 ×3', 'healthy'],
    ],
  );
  const ledger = nodes[0];
  assert.equal(ledger.parentId, folder.id);
  assert.equal(ledger.objectPath, '/apis/work.karmada.io/v1alpha2/namespaces/payments/resourcebindings/ledger-deployment');
  const tooltip = ledger.tooltip!.split('\n');
  assert.ok(tooltip.includes('policy: PropagationPolicy payments/ledger'), ledger.tooltip);
  assert.ok(tooltip.includes('health: unhealthy on member2'), ledger.tooltip);
  assert.ok(tooltip.includes('  member2: 2 replica(s) · applied · Unhealthy · ready 1/2'), ledger.tooltip);
  assert.ok(tooltip.some((l) => l.startsWith('Scheduled=True (Success)')), ledger.tooltip);
  assert.ok(tooltip.some((l) => l.startsWith('FullyApplied=True')), ledger.tooltip);
});

test('a binding Karmada could not schedule says why, in Karmada\'s words', () => {
  const b = binding('web-deployment');
  b.spec!.clusters = [];
  b.status = {
    conditions: [{ type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message: '0/3 clusters are available: 3 cluster(s) did not match the placement cluster affinity constraint.' }],
  };
  const [node] = templateNodes(folder, [b]);
  assert.equal(node.description, 'Deployment → no members');
  assert.equal(node.icon, 'degraded');
  assert.match(node.tooltip!, /health: not scheduled: NoClusterFit \(0\/3 clusters are available/);
  assert.equal(bindingHealth(b).health, 'degraded');
  const pending = binding('web-deployment');
  pending.status = { conditions: [{ type: 'Scheduled', status: 'True', reason: 'Success' }] };
  assert.deepEqual(bindingHealth(pending), { health: 'progressing', why: 'being applied' });
});

test('Works per member under a template, from the binding\'s permanent id', () => {
  const ledger = templateNodes(folder, [binding('ledger-deployment')])[0];
  const works = workNodes(ledger, binding('ledger-deployment'), recorded.works);
  assert.deepEqual(works.map((w) => [w.label, w.icon]), [['member1', 'healthy'], ['member2', 'degraded'], ['member3', 'healthy']]);
  assert.match(works[1].description!, /^Applied · Unhealthy · ledger-/);
  assert.match(works[1].tooltip!, /^Work karmada-es-member2\/ledger-\w+ for member member2\n/);
  assert.match(works[1].tooltip!, /\nApplied=True \(AppliedSuccessful\)/);
  assert.match(works[1].tooltip!, /\nDeployment payments\/ledger: Unhealthy$/);
  assert.equal(works[0].objectPath, `/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-member1/works/${works[0].name}`);
});

test('Works without the permanent id are matched by the binding name annotations', () => {
  const b = binding('checkout-deployment');
  const works = recorded.works.map((w) => {
    const copy = structuredClone(w);
    delete copy.metadata.labels![RB_PERMANENT_ID];
    return copy;
  });
  assert.deepEqual(worksOf(b, works).map((w) => w.metadata.namespace).sort(), ['karmada-es-member1', 'karmada-es-member2']);
  const other = binding('checkout-deployment');
  other.metadata.labels![RB_PERMANENT_ID] = 'another-id';
  assert.deepEqual(worksOf(other, recorded.works), [], 'a permanent id on both sides decides');
});

test('a policy\'s bindings: by the policy\'s permanent id, else by its name annotations', () => {
  const web = recorded.policies.find((p) => p.metadata.name === 'web')!;
  const produced = bindingsOfPolicy('PropagationPolicy', web, recorded.bindings);
  assert.deepEqual(produced.map((b) => b.metadata.name), ['web-deployment']);
  const withoutId = structuredClone(web);
  delete withoutId.metadata.labels![PP_PERMANENT_ID];
  assert.deepEqual(bindingsOfPolicy('PropagationPolicy', withoutId, recorded.bindings).map((b) => b.metadata.name), ['web-deployment']);
  const elsewhere = structuredClone(withoutId);
  elsewhere.metadata.namespace = 'payments';
  assert.deepEqual(bindingsOfPolicy('PropagationPolicy', elsewhere, recorded.bindings), [], 'same name in another namespace is another policy');
  const policyNode: ExplorerNode = { id: 'fed/Karmada/host/policies/PropagationPolicy/shop/web', kind: 'policy', label: 'shop/web', icon: 'policy', contextValue: 'policy', collapsible: true, context: 'host' };
  const [node] = bindingNodes(policyNode, produced);
  assert.deepEqual([node.kind, node.label, node.description], ['binding', 'shop/web-deployment', 'Deployment shop/web → member1 ×3, member2 ×3, member3 ×3']);
});

test('a member\'s object names the policy, binding and Work Karmada propagated it from', () => {
  const m = managedBy(recorded.memberWeb)!;
  assert.equal(m.federation, 'Karmada');
  assert.equal(m.summary, 'managed by Karmada policy shop/web / binding shop/web-deployment');
  assert.deepEqual(m.policy, { kind: 'PropagationPolicy', namespace: 'shop', name: 'web' });
  assert.deepEqual(m.binding, { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment' });
  assert.equal(m.work?.namespace, 'karmada-es-member1');
  const plain = structuredClone(recorded.memberWeb);
  plain.metadata.labels = { app: 'web' };
  plain.metadata.annotations = {};
  assert.equal(managedBy(plain), undefined);
  const cluster = structuredClone(plain);
  cluster.metadata.annotations = { 'clusterpropagationpolicy.karmada.io/name': 'all', 'clusterresourcebinding.karmada.io/name': 'web-deployment' };
  assert.equal(managedBy(cluster)!.summary, 'managed by Karmada policy all / binding web-deployment');
});
