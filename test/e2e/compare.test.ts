/**
 * F1 -> "Flotilla: Compare Across Members" for Deployment shop/web between member1 and member2 opens a
 * diff editor showing the seeded drift: member2 runs nginx:1.26, member1 nginx:1.27.
 */
import { test } from 'node:test';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

test('Compare Across Members opens a diff editor with the drift between two members', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const wb = await openWorkbench({ testName: 'compare', kubeconfigPath: lab.kubeconfigPath });
  t.after(() => wb.close());
  const { page } = wb;
  const input = page.locator('.quick-input-widget .quick-input-box input.input');

  await wb.steps(async () => {
    await wb.runCommand('Flotilla: Compare Across Members');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'Kind' }).waitFor();
    await input.fill('Deployment');
    await wb.quickInput.locator('.monaco-list-row .label-name', { hasText: /^Deployment$/ }).waitFor();
    await input.press('Enter');

    await wb.quickInput.locator('.quick-input-title', { hasText: 'namespace/name' }).waitFor();
    await input.fill('shop/web');
    await input.press('Enter');

    await wb.quickInput.locator('.quick-input-title', { hasText: 'Compare Deployment shop/web between' }).waitFor();
    const rows = wb.quickInput.locator('.monaco-list-row');
    for (const member of ['member1', 'member2']) {
      await rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${member}$`) }) }).locator('input[type="checkbox"], .monaco-custom-toggle, .quick-input-list-checkbox').first().click();
    }
    await wb.screenshot('picked');
    await input.press('Enter');

    const diff = page.locator('.editor-instance .monaco-diff-editor');
    await diff.waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'web: member1 ↔ member2' }).waitFor();
    await diff.locator('.editor.original .view-line', { hasText: 'image: nginx:1.27' }).waitFor();
    await diff.locator('.editor.modified .view-line', { hasText: 'image: nginx:1.26' }).waitFor();
    await diff.locator('.editor.modified .line-insert, .editor.modified .char-insert').first().waitFor();
    await wb.screenshot('diff');
  });
});
