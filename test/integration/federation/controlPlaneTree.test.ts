// The Federation view shows the lab's real control planes as they see themselves: Karmada's templates
// with their members and replicas from the real ResourceBindings, their Works, each policy's bindings;
// a template created now appears through the watches and leaves when deleted; OCM's Placement with its
// decisions and ManifestWork with its conditions; a member's object links back to its template.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import type { KubeList, KubeObject } from '../../../core/kube/watch';
import { needsLive } from '../../support/federation';
import { labClients } from '../../support/labClients';
import { whenTrue } from '../kube/lab';

const settings = { timeoutMs: 10_000, concurrency: 8, coalesceMs: 50, watchBackoff: { initialMs: 100, maxMs: 1000 } };

async function child(model: ExplorerModel, parent: ExplorerNode, label: string, kind?: ExplorerNode['kind']): Promise<ExplorerNode> {
  const children = await model.children(parent);
  const found = children.find((n) => n.label === label && (!kind || n.kind === kind));
  assert.ok(found, `${parent.label} has no ${label}: ${children.map((n) => n.label).join(', ')}`);
  return found;
}

async function root(model: ExplorerModel, label: string): Promise<ExplorerNode> {
  const found = (await model.roots()).find((n) => n.label === label);
  assert.ok(found, `no root ${label}`);
  return found;
}

const onChange = (model: ExplorerModel) => (fire: () => void) => model.onDidChange(() => fire());

test('Karmada: the seeded templates with members and replicas from the real bindings, their Works and policies', { timeout: 120_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const model = new ExplorerModel(clients, settings);
  t.after(() => model.dispose());
  const bindings = (await clients.request<KubeList>('host', { path: '/apis/work.karmada.io/v1alpha2/resourcebindings' })).items;
  const expected = (name: string) => {
    const b = bindings.find((x) => x.metadata.name === name)!;
    return ((b.spec?.clusters ?? []) as { name: string; replicas: number }[]).map((c) => `${c.name} ×${c.replicas}`).sort().join(', ');
  };
  assert.equal(expected('checkout-deployment'), 'member1 ×2, member2 ×4', 'the lab divides checkout 1:2');

  const karmada = await root(model, 'Karmada on host');
  const templates = await child(model, karmada, 'Resource Templates', 'templates');
  const nodes = await model.children(templates);
  const deployment = (label: string) => nodes.find((n) => n.label === label && n.description?.startsWith('Deployment '));
  for (const [label, binding] of [['shop/web', 'web-deployment'], ['shop/api', 'api-deployment'], ['payments/ledger', 'ledger-deployment'], ['shop/checkout', 'checkout-deployment']]) {
    assert.equal(deployment(label)?.description, `Deployment → ${expected(binding)}`, label);
  }
  assert.equal(deployment('payments/ledger')!.icon, 'degraded', 'ledger has one replica Pending on member2');
  assert.match(deployment('payments/ledger')!.tooltip!, /member2: 2 replica\(s\) · applied · Unhealthy · ready 1\/2/);
  assert.match(deployment('shop/web')!.tooltip!, /\nScheduled=True .*\nFullyApplied=True/s);

  const works = await model.children(deployment('shop/web')!);
  assert.deepEqual(works.map((w) => w.label), ['member1', 'member2', 'member3']);
  for (const w of works) {
    assert.equal(w.namespace, `karmada-es-${w.label}`);
    assert.match(w.description!, /^Applied · (Healthy|Unhealthy) · web-/);
  }

  const policies = await child(model, karmada, 'Policies', 'policies');
  const web = await child(model, policies, 'shop/web', 'policy');
  assert.deepEqual((await model.children(web)).map((b) => [b.kind, b.label]).sort(), [
    ['binding', 'shop/web-deployment'],
    ['binding', 'shop/web-service'],
    ['binding', 'shop/web-serviceexport'],
  ]);
});

test('Karmada: a Deployment and policy created now appear as a template with Works through the watches, and leave when deleted', { timeout: 180_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada');
  if (skip) return t.skip(skip);
  const ns = `sl13-tree-${process.pid}`;
  const name = 'hello';
  await clients.request('host', { method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  t.after(() => clients.request('host', { method: 'DELETE', path: `/api/v1/namespaces/${ns}` }).catch(() => undefined));
  const model = new ExplorerModel(clients, settings);
  t.after(() => model.dispose());
  const karmada = await root(model, 'Karmada on host');
  const templates = await child(model, karmada, 'Resource Templates', 'templates');
  const mine = async () => (await model.children(templates)).find((n) => n.label === `${ns}/${name}`);
  assert.equal(await mine(), undefined);
  const fires = new Map<string, number>();
  model.onDidChange((n) => n && fires.set(n.id, (fires.get(n.id) ?? 0) + 1));

  const labels = { app: name };
  await clients.request('host', {
    method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/deployments`,
    body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '10m' } } }] } } } },
  });
  await clients.request('host', {
    method: 'POST', path: `/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies`,
    body: { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name, namespace: ns }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }], placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] } } } },
  });
  const started = Date.now();
  let template: ExplorerNode | undefined;
  await whenTrue(onChange(model), async () => {
    template = await mine();
    return template?.description === 'Deployment → member1 ×2, member2 ×2';
  }, `the template ${ns}/${name} scheduled to member1 and member2`, 90_000);
  t.diagnostic(`template node scheduled ${Date.now() - started} ms after the policy was created`);

  let works: ExplorerNode[] = [];
  await whenTrue(onChange(model), async () => {
    works = await model.children(template!);
    return works.length === 2 && works.every((w) => w.description?.startsWith('Applied'));
  }, 'both Works applied', 90_000);
  assert.deepEqual(works.map((w) => [w.label, w.namespace]), [['member1', 'karmada-es-member1'], ['member2', 'karmada-es-member2']]);
  await whenTrue(onChange(model), async () => (await mine())?.icon === 'healthy', 'the template healthy on both members', 90_000);

  await clients.request('host', { method: 'DELETE', path: `/apis/apps/v1/namespaces/${ns}/deployments/${name}` });
  await clients.request('host', { method: 'DELETE', path: `/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies/${name}` });
  await whenTrue(onChange(model), async () => (await mine()) === undefined, 'the template to leave the tree', 90_000);
  t.diagnostic(`refreshes fired from create to delete, coalesced per node: ${JSON.stringify(Object.fromEntries(fires))}`);
});

test('OCM: Placement default/prod-aws with its live decisions, ManifestWork member1/hello Applied and Available', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const model = new ExplorerModel(clients, settings);
  t.after(() => model.dispose());
  const decided = (await clients.request<KubeList>('host', { path: '/apis/cluster.open-cluster-management.io/v1beta1/namespaces/default/placementdecisions', query: { labelSelector: 'cluster.open-cluster-management.io/placement=prod-aws' } })).items
    .flatMap((d) => ((d.status?.decisions ?? []) as { clusterName: string }[]).map((x) => x.clusterName))
    .sort();
  assert.ok(decided.length, 'the lab decides prod-aws');

  const ocm = await root(model, 'OCM on host');
  const placements = await child(model, ocm, 'Policies', 'policies');
  const prodAws = await child(model, placements, 'default/prod-aws', 'policy');
  const decisions = await model.children(prodAws);
  assert.deepEqual(decisions.map((d) => [d.kind, d.label]), decided.map((c) => ['decision', c]));

  const manifestWorks = await child(model, ocm, 'ManifestWorks', 'manifestWorks');
  const member1 = await child(model, manifestWorks, 'member1', 'manifestWorkCluster');
  const hello = await child(model, member1, 'hello', 'manifestWork');
  assert.equal(hello.description, 'Applied · Available');
  assert.equal(hello.icon, 'healthy');
  assert.match(hello.tooltip!, /Deployment ocm-demo\/hello · ReadyReplicas=1/);
});

test('a member\'s managed objects say which policy and binding, and lead back to their control plane node', { timeout: 60_000 }, async (t) => {
  const { lab, clients } = await labClients();
  const skip = needsLive(lab, 'karmada') ?? needsLive(lab, 'ocm');
  if (skip) return t.skip(skip);
  const model = new ExplorerModel(clients, settings);
  t.after(() => model.dispose());
  const karmada = await root(model, 'Karmada on host');
  const member1 = await child(model, karmada, 'member1', 'member');
  const web = (await model.children(await child(model, member1, 'shop'))).find((n) => n.name === 'web' && n.resourceKind === 'Deployment')!;
  assert.equal(web.description, 'Deployment · Karmada');
  assert.match(web.tooltip!, /\nmanaged by Karmada policy shop\/web \/ binding shop\/web-deployment$/);
  const template = await model.controlPlaneNode(web);
  assert.equal(template?.kind, 'template');
  assert.equal(template?.label, 'shop/web');
  assert.match(template?.description ?? '', /^Deployment → member1 ×\d+, member2 ×\d+, member3 ×\d+$/);
  const path: string[] = [];
  for (let n: ExplorerNode | undefined = template; n; n = model.parent(n)) path.unshift(n.label);
  assert.deepEqual(path, ['Karmada on host', 'Resource Templates', 'shop/web'], 'VS Code can reveal it: every ancestor is known');
  assert.deepEqual(await model.controlPlaneObject(web), { context: 'host', path: '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings/web-deployment', what: 'ResourceBinding shop/web-deployment on host' });

  const hello = (await model.children(await child(model, member1, 'ocm-demo'))).find((n) => n.name === 'hello' && n.resourceKind === 'Deployment')!;
  assert.match(hello.tooltip!, /managed by OCM ManifestWork hello/);
  const work = await model.controlPlaneNode(hello);
  assert.equal(work?.kind, 'manifestWork');
  assert.equal(work?.id, 'fed/OCM/host/manifestWorks/cluster/member1/hello');
  const ledger = await clients.request<KubeObject>('member1', { path: '/apis/apps/v1/namespaces/payments/deployments/ledger' });
  assert.equal(ledger.metadata.annotations?.['resourcebinding.karmada.io/name'], 'ledger-deployment', 'what the tree reads is what Karmada wrote');
});
