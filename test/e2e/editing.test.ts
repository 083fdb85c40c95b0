/**
 * Editing federation manifests in the workbench, served by Flotilla's language server: completion under
 * a PropagationPolicy's clusterAffinity.clusterNames offers the lab's member names, an unknown field
 * is underlined with a quick fix that removes it, the status bar counts the live schemas, and the
 * server has left its code cache in the extension's storage.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileAppears } from '../support/fileAppears';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';
import { needsLive } from '../support/federation';

const COMPLETION_FILE = 'karmada/e2e-complete.yaml';
const UNKNOWN_FIELD_FILE = 'karmada/e2e-unknown-field.yaml';
const policy = (placement: string) => `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: e2e
  namespace: shop
spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: web
  placement:
${placement}`;

test('PropagationPolicy editing: member-name completion, unknown-field squiggle and its quick fix', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const needs = needsLive(await useLab(), 'karmada');
  if (needs) return t.skip(needs);
  const lab = await useLab();
  const wb = await openWorkbench({
    testName: 'editing',
    kubeconfigPath: lab.kubeconfigPath,
    files: {
      [COMPLETION_FILE]: policy('    clusterAffinity:\n      clusterNames:\n        - '),
      [UNKNOWN_FIELD_FILE]: policy('    clusterAffinity:\n      clusterNames:\n        - member1\n    bogusField: true\n'),
    },
  });
  t.after(() => wb.close());
  const { page } = wb;
  // The language server keeps V8's code cache in the extension's global storage, written after its first file.
  const codeCache = fileAppears(join(wb.server.userDataDir, 'User'), /globalStorage\/flotilla-dev\.flotilla\/code-cache\/languageServer-\w+\.bin$/);
  t.after(() => codeCache.stop());

  await wb.steps(async () => {
    // Member names reach the language server in the explorer's federation snapshot, which is built
    // once the Flotilla view has discovered the federation.
    await wb.openFlotillaView();
    await wb.treeItem('Karmada on host').waitFor();
    // Completion at the end of "        - " under clusterNames.
    await wb.openFile(COMPLETION_FILE);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.editor-widget.suggest-widget .monaco-list-row');
    for (const member of ['member1', 'member2', 'member3']) {
      await suggestions.filter({ hasText: new RegExp(`^\\s*${member}`) }).first().waitFor();
    }
    await wb.screenshot('completion');
    await page.keyboard.press('Escape');

    // Unknown field: a squiggle, then the quick fix on its line removes it.
    await wb.openFile(UNKNOWN_FIELD_FILE);
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
    await squiggle.waitFor();
    await wb.screenshot('unknown-field-squiggle');
    assert.ok(statSync(await codeCache.path).size > 100_000, 'the code cache holds the compiled server');
    // The status bar counts schema kinds per source: the lab's clusters serve theirs live.
    await page.locator('.statusbar-item', { hasText: /Schemas: \d+ live/ }).waitFor();
    // Click on the key itself, so that the cursor is inside the diagnostic's range when asking for fixes.
    await page.locator('.editor-instance .view-line span span', { hasText: /^bogusField$/ }).click();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Remove unknown field "bogusField"/ });
    await fix.waitFor();
    await wb.screenshot('quick-fix-menu');
    // The preferred fix is focused: Enter applies it (clicking the row is not stable on VS Code 1.96).
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: 'bogusField' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active:not(.dirty)').waitFor();
    await squiggle.waitFor({ state: 'detached' });
    await wb.screenshot('quick-fix-applied');
    const saved = readFileSync(join(wb.workspace, UNKNOWN_FIELD_FILE), 'utf8');
    assert.doesNotMatch(saved, /bogusField/);
    assert.match(saved, /- member1\n/);
  });
});
