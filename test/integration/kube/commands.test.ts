/**
 * The work behind the cross-cluster commands, against the lab: compare (drift only), inspect side by
 * side, merged events, logs (no kubelets in the lab: the request shape and the API server's error for
 * a pod with no node), the MCS service view, delete, and control-plane mode's PropagationPolicy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getIfExists } from '../../../core/kube/apply';
import { deleteFromClusters, deployToClusters } from '../../../core/kube/deploy';
import { comparableYaml, inspectAcross, renderInspectTable, workloadPath } from '../../../core/kube/inspect';
import { parseManifests, ResourceResolver } from '../../../core/kube/manifests';
import { inspectCrossClusterService, renderCrossClusterService } from '../../../core/kube/mcs';
import { propagationPoliciesFor } from '../../../core/kube/propagation';
import { logRequest, streamEvents, streamLogs } from '../../../core/kube/streams';
import { kubeLab } from './lab';
import { needsCRDs } from '../../support/federation';

const opts = { concurrency: 8, timeoutMs: 8000 };
const members = ['member1', 'member2', 'member3'];

test('compare strips identity and bookkeeping so only drift remains', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const path = workloadPath({ kind: 'Deployment', namespace: 'shop', name: 'web' });
  const [a, b] = await Promise.all(['member1', 'member3'].map((c) => getIfExists(clients, c, path)));
  assert.notEqual(a!.metadata.uid, b!.metadata.uid);
  assert.equal(comparableYaml(a), comparableYaml(b));
  for (const noise of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'status:']) assert.ok(!comparableYaml(a).includes(noise), noise);
  const ledger = workloadPath({ kind: 'Deployment', namespace: 'payments', name: 'ledger' });
  const [l1, l2] = await Promise.all(['member1', 'member2'].map((c) => getIfExists(clients, c, ledger)));
  assert.ok(l1 && l2);
  assert.equal(comparableYaml(await getIfExists(clients, 'member1', workloadPath({ kind: 'Deployment', namespace: 'shop', name: 'nope' }))), '# not found on this cluster\n');
  clients.dispose();
});

test('inspect shows one workload on every member side by side, naming a member that cannot answer', async () => {
  const lab = await kubeLab();
  const clients = lab.clients({}, []);
  const rows = await inspectAcross(clients, [...members, 'bad-context'], { kind: 'Deployment', namespace: 'payments', name: 'ledger' }, opts);
  assert.deepEqual(rows.map((r) => [r.cluster, r.ready]), [['member1', '2/2'], ['member2', '1/2'], ['member3', '2/2'], ['bad-context', '-']]);
  assert.equal(rows[3].error, 'not connected (no context named "bad-context")');
  assert.ok(rows[1].conditions.some((c) => c.startsWith('Available=False')), rows[1].conditions.join());
  assert.ok(rows[0].images[0]);
  const table = renderInspectTable({ kind: 'Deployment', namespace: 'payments', name: 'ledger' }, rows);
  assert.match(table, /^member2\s+1\/2\s+\d+\s+1\s+\S+\s+\S+$/m);
  assert.match(table, /^bad-context\s+not connected \(no context named "bad-context"\)$/m);
  assert.match(table, /^member2: Available=False/m);
  clients.dispose();
});

test('events from several members merge into one stream prefixed [cluster/object]', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const lines: string[] = [];
  const controller = new AbortController();
  const errors = await streamEvents(clients, [...members, 'member3-viewer'], {}, (l) => lines.push(l), { ...opts, signal: controller.signal, follow: false });
  assert.equal(errors.size, 0);
  for (const m of members) assert.ok(lines.some((l) => l.startsWith(`[${m}/deployment/web] `) && l.includes('ScalingReplicaSet')), lines.join('\n'));
  // member2's scheduler cannot place one ledger pod (one SSD node for two replicas) and says so.
  assert.ok(lines.some((l) => /^\[member2\/pod\/ledger-\S+\] \S+ Warning FailedScheduling: 0\/3 nodes are available/.test(l)), lines.join('\n'));
  clients.dispose();
});

test('events follow mode delivers a new event and stops on cancel', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const controller = new AbortController();
  const name = `flotilla-follow-${Date.now()}`;
  let resolveSeen!: () => void;
  const seen = new Promise<void>((r) => (resolveSeen = r));
  const lines: string[] = [];
  const running = streamEvents(clients, ['member1', 'member2'], { namespace: 'default' }, (l) => {
    lines.push(l);
    if (l.includes(name)) resolveSeen();
  }, { ...opts, signal: controller.signal, follow: true });
  // the initial list has been written once the first watch is live; create the event afterwards
  await new Promise((r) => setImmediate(r));
  await clients.request('member2', {
    method: 'POST',
    path: '/api/v1/namespaces/default/events',
    body: { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name, namespace: 'default' }, reason: 'Tested', message: name, type: 'Normal' },
  });
  await seen;
  controller.abort();
  await running;
  assert.ok(lines.some((l) => l.startsWith(`[member2/pod/${name}] `)));
  clients.dispose();
});

test('logs: the request names the pod, and a pod with no node gets the API server reason per cluster', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  assert.deepEqual(logRequest({ cluster: 'member1', namespace: 'shop', pod: 'web-1', container: 'c' }, true), {
    path: '/api/v1/namespaces/shop/pods/web-1/log',
    query: { follow: true, timestamps: true, tailLines: 100, container: 'c' },
  });
  const pod = `flotilla-logs-${Date.now()}`;
  const create = (name: string, nodeName?: string) =>
    clients.request('member1', {
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      // The selector matches no node, so the member's scheduler leaves the unbound pod Pending.
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, nodeSelector: { 'flotilla.dev/none': 'true' }, containers: [{ name: 'c', image: 'busybox' }] } },
    });
  await create(pod);
  await create(`${pod}-bound`, 'ghost-node');
  const lines: string[] = [];
  const started = Date.now();
  await streamLogs(
    clients,
    [
      { cluster: 'member1', namespace: 'default', pod, node: '' },
      { cluster: 'member1', namespace: 'default', pod: `${pod}-bound`, node: 'ghost-node' },
      { cluster: 'member2', namespace: 'default', pod },
    ],
    (l) => lines.push(l),
    { ...opts, signal: new AbortController().signal, follow: true },
  );
  assert.ok(Date.now() - started < 8000);
  lines.sort();
  assert.deepEqual(lines.length, 3, lines.join('\n'));
  // An unscheduled pod's log is empty; a pod bound to a node that does not exist gets the server's error.
  assert.equal(lines[0], `[member1/${pod}-bound] error: not found: pods "ghost-node" not found`);
  assert.equal(lines[1], `[member1/${pod}] no log output (pod is not scheduled to a node)`);
  assert.equal(lines[2], `[member2/${pod}] error: not found: pods "${pod}" not found`);
  for (const name of [pod, `${pod}-bound`]) await clients.request('member1', { method: 'DELETE', path: `/api/v1/namespaces/default/pods/${name}` });
  clients.dispose();
});

test('cross-cluster service: exporting members and their EndpointSlices', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  // spare1 runs the MCS CRDs but no federation delivered the ServiceExport there.
  const rows = await inspectCrossClusterService(clients, [...members, 'spare1'], 'shop', 'web', opts);
  for (const [i, m] of members.entries()) {
    const row = rows[i];
    assert.equal(row.exported, true, m);
    assert.ok(row.endpoints.length >= 2, `${m}: ${row.endpoints}`);
    assert.match(row.endpoints[0], /^10\.\d+\.\d+\.\d+:80 \(ready\)$/, 'addresses KWOK gave the running pods');
  }
  assert.equal(rows[3].exported, false);
  assert.match(renderCrossClusterService('shop', 'web', rows), /^member2: exports$/m);
  clients.dispose();
});

test('delete from members reports deleted and not found per cluster', async () => {
  const lab = await kubeLab();
  const clients = lab.clients();
  const resolver = new ResourceResolver(clients);
  const name = `flotilla-delete-${Date.now()}`;
  const { objects } = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: default}\ndata: {a: "1"}\n`);
  await deployToClusters(clients, resolver, ['member1', 'member2'], objects, { ...opts, fieldManager: 'flotilla-test' });
  const outcomes = await deleteFromClusters(clients, resolver, ['member1', 'member2', 'member3', 'member1-viewer'], objects, opts);
  assert.deepEqual(outcomes.map((o) => [o.cluster, o.summary.replace(/:.*/, '')]), [
    ['member1', 'deleted'],
    ['member2', 'deleted'],
    ['member3', 'not found'],
    ['member1-viewer', 'failed'],
  ]);
  assert.match(outcomes[3].summary, /403 forbidden/);
  clients.dispose();
});

test('control-plane mode: the generated PropagationPolicy passes the host API server validation', async (t) => {
  const skip = needsCRDs(await kubeLab(), 'karmada');
  if (skip) return t.skip(skip);
  const lab = await kubeLab();
  const clients = lab.clients();
  const resolver = new ResourceResolver(clients);
  const { objects } = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: cp-web, namespace: shop}
spec:
  selector: {matchLabels: {app: cp}}
  template: {metadata: {labels: {app: cp}}, spec: {containers: [{name: c, image: nginx}]}}
---
apiVersion: v1
kind: Namespace
metadata: {name: cp-ns}
`);
  const policies = propagationPoliciesFor(objects, ['member2', 'member1'], 'flotilla-cp-web');
  assert.deepEqual(policies.map((p) => `${p.kind} ${p.metadata.namespace ?? ''}`), ['PropagationPolicy shop', 'ClusterPropagationPolicy ']);
  assert.deepEqual((policies[0].spec!.placement as { clusterAffinity: { clusterNames: string[] } }).clusterAffinity.clusterNames, ['member1', 'member2']);
  const outcomes = await deployToClusters(clients, resolver, ['host'], policies, { ...opts, fieldManager: 'flotilla-test', dryRun: true });
  assert.equal(outcomes[0].ok, true, outcomes[0].summary);
  clients.dispose();
});
