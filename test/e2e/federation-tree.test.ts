/**
 * The Flotilla view shows the lab's federation: the Karmada control plane on the host with member1..3,
 * and a member expands to its namespaces and the seeded Deployments with ready/desired counts.
 */
import { test } from 'node:test';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';
import { needsLive } from '../support/federation';

test('the Flotilla view shows the federation, members, namespaces and Deployments with ready counts', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const needs = needsLive(await useLab(), 'karmada');
  if (needs) return t.skip(needs);
  const lab = await useLab();
  const wb = await openWorkbench({ testName: 'federation-tree', kubeconfigPath: lab.kubeconfigPath });
  t.after(() => wb.close());

  await wb.steps(async () => {
    await wb.openFlotillaView();
    const karmada = wb.treeItem('Karmada on host');
    await karmada.waitFor();
    await wb.screenshot('roots');

    await wb.expand(karmada);
    for (const member of ['member1', 'member2', 'member3']) await wb.treeItem(member).waitFor();
    await wb.screenshot('members');

    await wb.expand(wb.treeItem('member1'));
    await wb.treeItem('payments').waitFor();
    const shop = wb.treeItem('shop');
    await wb.expand(shop);
    await wb.treeItem('web 3/3').waitFor();
    await wb.treeItem('api 2/2').waitFor();
    await wb.screenshot('member1-shop');

    // member2's ledger is seeded degraded: 1 of 2 replicas ready.
    await wb.collapse(wb.treeItem('member1'));
    await wb.expand(wb.treeItem('member2'));
    await wb.expand(wb.treeItem('payments'));
    await wb.treeItem('ledger 1/2').waitFor();
    await wb.screenshot('member2-payments');
  });
});
