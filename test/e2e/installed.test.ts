/**
 * The packaged .vsix installs into a real workbench: its activity-bar container opens the Federation
 * view, and its commands are in the palette under the "Flotilla" category.
 */
import { test } from 'node:test';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

test('the .vsix installs: Flotilla view container and palette commands', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const wb = await openWorkbench({ testName: 'installed' });
  t.after(() => wb.close());

  await wb.openFlotillaView();
  await wb.screenshot('flotilla-view');

  await wb.page.locator('.monaco-workbench').press('F1');
  const box = wb.page.locator('.quick-input-widget .quick-input-box input.input');
  await box.fill('>Flotilla: Deploy to Members');
  await wb.quickInput.locator('.monaco-list-row', { hasText: 'Flotilla: Deploy to Members' }).first().waitFor();
  await wb.screenshot('palette');
  await box.press('Escape');
});
