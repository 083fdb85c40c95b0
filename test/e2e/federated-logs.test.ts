/**
 * Logs of a federated workload from every member it runs on: from Karmada's Resource Templates node for
 * shop/web, Logs Across Members preselects the members of its binding and follows their pods' logs in the
 * "Flotilla Logs" channel, one prefix per member, with lines arriving while it follows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { needsLive } from '../support/federation';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

test('Logs Across Members from a Karmada template follows its pods on every member it was placed on', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const needs = needsLive(lab, 'karmada');
  if (needs) return t.skip(needs);
  const wb = await openWorkbench({ testName: 'federated-logs', kubeconfigPath: lab.kubeconfigPath });
  t.after(() => wb.close());
  const { page } = wb;
  const input = page.locator('.quick-input-widget .quick-input-box input.input');

  await wb.steps(async () => {
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('Resource Templates'));
    await wb.contextMenu(wb.treeItem('shop/web').filter({ hasText: 'Deployment → member1' }), 'Logs Across Members');

    await wb.quickInput.locator('.quick-input-title', { hasText: 'Logs of Deployment shop/web from' }).waitFor();
    // The binding's members are picked, and nothing else.
    const checked = wb.quickInput.locator('.monaco-list-row[aria-checked="true"] .label-name');
    for (const member of ['member1', 'member2', 'member3']) await checked.filter({ hasText: new RegExp(`^${member}$`) }).waitFor();
    const pickedRows = wb.quickInput.locator('.monaco-list-row[aria-checked="true"]');
    assert.deepEqual(await pickedRows.evaluateAll((rows) => rows.map((r) => r.querySelector('.label-name')?.textContent)), ['member1', 'member2', 'member3']);
    await wb.screenshot('members-picked');
    await input.press('Enter');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'Which log lines?' }).waitFor();
    await input.press('Enter');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'Keep streaming new lines?' }).waitFor();
    await input.press('Enter');

    const output = page.locator('.output .view-lines, .part.panel .view-lines').first();
    for (const member of ['member1', 'member2', 'member3']) {
      // Followed: the lab appends a line a second to every pod's log (the output view holds only the lines in sight).
      // Monaco renders spaces as no-break spaces: match by substrings, which Playwright normalizes.
      await output.locator('.view-line', { hasText: `[${member}/web-` }).filter({ hasText: `GET /healthz 200 (${member})` }).first().waitFor();
    }
    await wb.screenshot('following');
  });
});
