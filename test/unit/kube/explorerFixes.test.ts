/**
 * The Federation view's empty and error states point to the fix: no kubeconfig leaves the tree empty
 * (the welcome content shows), no federation says so and offers to choose files, a context needing exec
 * credentials offers workspace trust, and refused credentials open the kubeconfig holding the context.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterClients } from '../../../core/kube/clients';
import { ClusterError } from '../../../core/kube/errors';
import { ExplorerModel, type ExplorerNode } from '../../../core/kube/explorer';
import { EXEC_NEEDS_TRUST } from '../../../core/kube/fixes';
import type { MergedKubeconfig } from '../../../core/kube/kubeconfig';

const context = (name: string, file: string) => ({ name, cluster: name, user: name, file, server: `https://${name}:6443`, usesExec: name === 'sso' });

/** `sso` uses an exec plugin in an untrusted workspace; `prod` answers every request with 401. */
function model(contexts: ReturnType<typeof context>[], fileProblems: { file: string; reason: string }[] = []): ExplorerModel {
  const config = { contexts, clusters: new Map(), users: new Map(), files: [], fileProblems } as unknown as MergedKubeconfig;
  const refused = new ClusterError('unauthorized', 'Unauthorized', 401);
  const clients = {
    config,
    context: (name: string) => contexts.find((c) => c.name === name),
    contextNames: () => contexts.map((c) => c.name),
    problem: (name: string) => (name === 'sso' ? EXEC_NEEDS_TRUST : undefined),
    request: async () => {
      throw refused;
    },
    send: async () => {
      throw refused;
    },
  } as unknown as ClusterClients;
  return new ExplorerModel(clients, { timeoutMs: 1000, concurrency: 2, watchBackoff: { initialMs: 60_000, maxMs: 60_000 } });
}

const fixOf = (node: ExplorerNode | undefined) => node?.fix && [node.fix.command, ...(node.fix.arguments ?? [])];

test('no context and no kubeconfig problem: no rows, so the view shows its welcome content', async () => {
  const m = model([]);
  try {
    assert.deepEqual(await m.roots(), []);
  } finally {
    m.dispose();
  }
});

test('contexts without a federation: a row says so and chooses kubeconfig files when clicked', async () => {
  const m = model([context('sso', '/home/me/.kube/sso'), context('prod', '/home/me/.kube/prod')], [{ file: '/home/me/.kube/broken', reason: 'not YAML' }]);
  try {
    const roots = await m.roots();
    assert.deepEqual(roots.map((r) => [r.label, fixOf(r)]), [['No federation control plane found', ['flotilla.chooseKubeconfigs']], ['Clusters', undefined]]);
    assert.match(roots[0].tooltip ?? '', /2 contexts/);
    const clusters = await m.children(roots[1]);
    assert.deepEqual(clusters.map((c) => [c.label, fixOf(c)]), [
      ['sso', ['workbench.trust.manage']],
      ['prod', undefined],
      ['/home/me/.kube/broken: not YAML', ['flotilla.openKubeconfig', '/home/me/.kube/broken']],
    ]);
    const prod = clusters[1];
    assert.match(prod.description ?? '', /401 unauthorized/);
    const [error] = await m.children(prod);
    assert.equal(error.kind, 'error');
    assert.deepEqual(fixOf(error), ['flotilla.openKubeconfig', '/home/me/.kube/prod']);
    assert.match(error.fix!.title, /renew or change the credentials/);
  } finally {
    m.dispose();
  }
});
