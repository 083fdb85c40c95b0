/**
 * The OCM hub as explorer nodes, built from objects recorded from the lab's OCM v1.3.1 hub
 * (recorded.json): a Placement's decisions, ManifestWorks per cluster with their conditions and status
 * feedback, and the ManifestWork a member's object came from.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ExplorerNode } from '../../../core/kube/explorerNode';
import { managedBy } from '../../../core/kube/managedBy';
import type { KubeObject } from '../../../core/kube/watch';
import { decisionNodes, manifestWorkClusterNodes, manifestWorkNodes } from '../../../core/ocm/explorerNodes';
import { hubHash } from '../../../core/ocm/managedBy';

const recorded = JSON.parse(readFileSync(join(__dirname, 'recorded.json'), 'utf8')) as Record<'placements' | 'decisions' | 'manifestWorks', KubeObject[]> & { memberHello: KubeObject; hubServer: string };
const hub = { context: 'host', icon: 'folder', collapsible: true } as const;

test('a Placement\'s decisions, from the PlacementDecisions labelled with its name', () => {
  const placement: ExplorerNode = { ...hub, id: 'fed/OCM/host/policies/Placement/default/prod-aws', kind: 'policy', label: 'default/prod-aws', icon: 'policy', contextValue: 'policy.Placement', namespace: 'default', name: 'prod-aws' };
  const nodes = decisionNodes(placement, recorded.decisions);
  assert.deepEqual(nodes.map((n) => [n.kind, n.label, n.description]), [['decision', 'member1', 'prod-aws-decision-1']]);
  assert.equal(nodes[0].objectPath, '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/default/placementdecisions/prod-aws-decision-1');
  const other = decisionNodes({ ...placement, name: 'prod-gcp' }, recorded.decisions);
  assert.deepEqual(other.map((n) => [n.kind, n.label]), [['info', 'no decisions']]);
});

test('ManifestWorks per cluster with Applied, Available and the status feedback', () => {
  const folder: ExplorerNode = { ...hub, id: 'fed/OCM/host/manifestWorks', kind: 'manifestWorks', label: 'ManifestWorks', contextValue: 'manifestWorks' };
  const degraded = structuredClone(recorded.manifestWorks[0]);
  degraded.metadata.namespace = 'member2';
  (degraded.status!.conditions as { type: string; status: string; reason?: string }[])[1] = { type: 'Available', status: 'False', reason: 'ResourcesNotAvailable' };
  const works = [...recorded.manifestWorks, degraded];
  const clusters = manifestWorkClusterNodes(folder, works);
  assert.deepEqual(clusters.map((c) => [c.label, c.description, c.icon]), [['member1', '1 ManifestWork', 'healthy'], ['member2', '1 ManifestWork', 'degraded']]);
  const [hello] = manifestWorkNodes(clusters[0], works);
  assert.deepEqual([hello.label, hello.description, hello.icon], ['hello', 'Applied · Available', 'healthy']);
  assert.match(hello.tooltip!, /^ManifestWork member1\/hello for cluster member1\nApplied=True \(AppliedManifestWorkComplete\)/);
  assert.match(hello.tooltip!, /\n {2}Deployment ocm-demo\/hello · ReadyReplicas=1, Replicas=1, AvailableReplicas=1/);
  const [bad] = manifestWorkNodes(clusters[1], works);
  assert.deepEqual([bad.description, bad.icon], ['Applied · Available=False', 'degraded']);
});

test('a member\'s object names the ManifestWork and, by hash, the hub it came from', () => {
  const m = managedBy(recorded.memberHello)!;
  assert.equal(m.federation, 'OCM');
  assert.equal(m.summary, 'managed by OCM ManifestWork hello');
  assert.equal(m.manifestWork!.hubHash, hubHash(recorded.hubServer));
  assert.notEqual(m.manifestWork!.hubHash, hubHash('https://127.0.0.1:1'));
});
