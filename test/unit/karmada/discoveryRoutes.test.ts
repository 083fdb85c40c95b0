/**
 * Discovery gives a Karmada member that no context reaches the control plane's proxy route, and an OCM
 * member on the same server as such a Karmada member the same route; a member a context reaches keeps
 * its context, and an OCM member nothing reaches stays without one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterClients, type KubeRequest } from '../../../core/kube/clients';
import { discoverFederations } from '../../../core/kube/discovery';
import type { MergedKubeconfig } from '../../../core/kube/kubeconfig';

const ctx = (name: string, server: string) => ({ name, cluster: name, user: name, file: '/k', server, usesExec: false });

test('members without a context are reached through the Karmada proxy route', async () => {
  const config = { files: ['/k'], contexts: [ctx('hub', 'https://10.0.0.1:6443'), ctx('member1', 'https://10.0.0.11:6443')], clusters: new Map(), users: new Map(), fileProblems: [] } as MergedKubeconfig;
  const clients = new ClusterClients(config);
  const karmadaMember = (name: string, ip: string) => ({ metadata: { name }, spec: { apiEndpoint: `https://${ip}:6443` }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  const ocmMember = (name: string, ip: string) => ({ metadata: { name }, spec: { managedClusterClientConfigs: [{ url: `https://${ip}:6443` }] } });
  clients.request = (async (context: string, req: KubeRequest) => {
    if (context !== 'hub') return { groups: [] };
    if (req.path === '/apis') return { groups: [{ name: 'policy.karmada.io' }, { name: 'cluster.karmada.io' }, { name: 'cluster.open-cluster-management.io' }] };
    if (req.path === '/version') return { gitVersion: 'v1.36.3' };
    if (req.path.includes('karmada')) return { metadata: {}, items: [karmadaMember('member1', '10.0.0.11'), karmadaMember('member4', '10.0.0.14')] };
    return { metadata: {}, items: [ocmMember('member1', '10.0.0.11'), ocmMember('cluster-4', '10.0.0.14'), ocmMember('edge', '10.0.0.99')] };
  }) as ClusterClients['request'];
  const d = await discoverFederations(clients, { concurrency: 2, timeoutMs: 1000 });
  const contexts = (kind: string) => d.federations.find((f) => f.kind === kind)!.members.map((m) => [m.name, m.context]);
  assert.deepEqual(contexts('Karmada'), [['member1', 'member1'], ['member4', 'member4 via Karmada hub proxy']]);
  assert.deepEqual(contexts('OCM'), [['member1', 'member1'], ['cluster-4', 'member4 via Karmada hub proxy'], ['edge', undefined]]);
  assert.equal(clients.route('member4 via Karmada hub proxy')?.prefix, '/apis/cluster.karmada.io/v1alpha1/clusters/member4/proxy');
  assert.deepEqual(d.standalone, []);
  clients.dispose();
});
