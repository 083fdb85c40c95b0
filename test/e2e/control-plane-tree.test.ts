/**
 * The Flotilla view shows Karmada as it sees itself: the seeded templates under Resource Templates with
 * their members and replicas (shop/checkout divided 1:2), a template's Works per member (opened read-only), and a member's
 * Deployment that Karmada manages reveals its template with Reveal in Control Plane.
 */
import { test } from 'node:test';
import { useLab } from '../support/lab';
import type { Locator } from 'playwright-core';
import { e2eSkipReason, openWorkbench, type WorkbenchSession } from '../support/workbench';
import { needsLive } from '../support/federation';

/** Selects the row, then right-clicks the selected row (a row re-rendered by live updates keeps its selection, not its position). */
async function contextMenu(wb: WorkbenchSession, row: Locator, title: string): Promise<void> {
  await row.click();
  const selected = wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row[aria-selected="true"]');
  await row.and(selected).waitFor();
  await selected.click({ button: 'right' });
  // Hovering focuses the menu entry; Enter runs it (a click right after the menu opens may be taken for the right-click's release).
  const entry = wb.page.locator('.monaco-menu .action-item', { hasText: title }).first();
  await entry.hover();
  await wb.page.locator('.monaco-menu .action-item.focused', { hasText: title }).waitFor();
  await wb.page.keyboard.press('Enter');
  await entry.waitFor({ state: 'detached' });
}

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
    await contextMenu(wb, wb.treeItem('member2').filter({ hasText: 'Unhealthy' }), 'Open Read-Only');
    await wb.page.locator('.tabs-container .tab', { hasText: /^ledger-\w+\.yaml/ }).waitFor();
    await wb.page.locator('.editor-instance .view-lines', { hasText: '# Work karmada-es-member2/ledger-' }).waitFor();
    await wb.screenshot('work-read-only');
    await wb.collapse(wb.treeItem('Resource Templates'));

    await wb.expand(wb.treeItem('member1').filter({ hasText: 'Ready' }));
    await wb.expand(wb.treeItem('shop'));
    const web = wb.treeItem('web 3/3').filter({ hasText: 'Deployment · Karmada' });
    await contextMenu(wb, web, 'Reveal in Control Plane');
    await wb.treeItem('shop/web').filter({ hasText: 'Deployment →' }).and(wb.page.locator('[aria-selected="true"]')).waitFor();
    await wb.screenshot('revealed');
  });
});
