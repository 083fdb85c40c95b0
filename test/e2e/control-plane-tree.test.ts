/**
 * The Flotilla view shows Karmada as it sees itself: the seeded templates under Resource Templates with
 * their members and replicas (shop/checkout divided 1:2), a template's Works per member (opened read-only), and a member's
 * Deployment that Karmada manages reveals its template with Reveal in Control Plane.
 */
import { test } from 'node:test';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';
import { needsLive } from '../support/federation';

test('Resource Templates with members and replicas, Works per member, and Reveal in Control Plane from a member\'s Deployment', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const needs = needsLive(lab, 'karmada');
  if (needs) return t.skip(needs);
  const wb = await openWorkbench({ testName: 'control-plane-tree', kubeconfigPath: lab.kubeconfigPath });
  t.after(() => wb.close());

  await wb.steps(async () => {
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('Resource Templates'));
    await wb.treeItem('shop/checkout').filter({ hasText: 'Deployment → member1 ×2, member2 ×4' }).waitFor();
    const ledger = wb.treeItem('payments/ledger').filter({ hasText: 'Deployment → member1 ×2, member2 ×2, member3 ×2' });
    await wb.expand(ledger);
    for (const member of ['member1', 'member2', 'member3']) await wb.treeItem(member).filter({ hasText: 'Applied' }).waitFor();
    await wb.screenshot('templates-and-works');
    await wb.contextMenu(wb.treeItem('member2').filter({ hasText: 'Unhealthy' }), 'Open Read-Only');
    await wb.page.locator('.tabs-container .tab', { hasText: /^ledger-\w+\.yaml/ }).waitFor();
    await wb.page.locator('.editor-instance .view-lines', { hasText: '# Work karmada-es-member2/ledger-' }).waitFor();
    await wb.screenshot('work-read-only');
    await wb.collapse(wb.treeItem('Resource Templates'));

    await wb.expand(wb.treeItem('member1').filter({ hasText: 'Ready' }));
    await wb.expand(wb.treeItem('shop'));
    const web = wb.treeItem('web 3/3').filter({ hasText: 'Deployment · Karmada' });
    await wb.contextMenu(web, 'Reveal in Control Plane');
    await wb.treeItem('shop/web').filter({ hasText: 'Deployment →' }).and(wb.page.locator('[aria-selected="true"]')).waitFor();
    await wb.screenshot('revealed');
  });
});
