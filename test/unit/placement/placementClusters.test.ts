import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memberClusterObjects } from '../../../server/features/placementClusters';
import type { WorkspaceContext } from '../../../server/features/registry';
import { defaultSettings } from '../../../core/config';
import type { FederationSnapshot } from '../../../core/protocol';
import { karmadaCluster } from './fixtures';

const base = { documents: [], schemas: {} as WorkspaceContext['schemas'] };

test('members come from the snapshot (OCM and KubeFed rebuilt from labels and taints) and flotilla.clusters files', () => {
  assert.equal(memberClusterObjects({ ...base }), undefined, 'nothing known: member checks are skipped');
  const snapshot: FederationSnapshot = {
    karmadaClusters: [karmadaCluster('member1')],
    clusters: [
      { name: 'member1', labels: { env: 'prod' }, taints: [], namespaces: [], federations: ['Karmada on host', 'OCM on host'] },
      { name: 'member2', labels: {}, taints: [{ key: 'x', effect: 'NoSelect' }], namespaces: [], federations: ['KubeFed on host'] },
    ],
  };
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-members-'));
  const file = join(dir, 'offline.yaml');
  writeFileSync(file, 'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: offline1}\n');
  const objects = memberClusterObjects({ ...base, snapshot, settings: { ...defaultSettings(), clusters: [file] } }) as { kind: string; metadata: { name: string } }[];
  assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`), ['Cluster/member1', 'ManagedCluster/member1', 'KubeFedCluster/member2', 'Cluster/offline1']);
  writeFileSync(file, 'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: offline2, labels: {changed: "yes"}}\n');
  const reread = memberClusterObjects({ ...base, settings: { ...defaultSettings(), clusters: [file] } }) as { metadata: { name: string } }[];
  assert.deepEqual(reread.map((o) => o.metadata.name), ['offline2'], 'an edited file is read again');
});
