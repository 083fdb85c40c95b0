/**
 * From the Flotilla tree, Exec in Member Pod on member1's Deployment shop/web opens a VS Code terminal into
 * one of its pods (KWOK runs the shell on this machine with FLOTILLA_LAB_MEMBER set); a command typed there
 * prints its output in the terminal, and `exit 4` closes it with status 4.
 */
import { test } from 'node:test';
import { needsLive } from '../support/federation';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

test('Exec in Member Pod opens a terminal into a member pod that runs what is typed', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const needs = needsLive(lab, 'karmada');
  if (needs) return t.skip(needs);
  // The DOM renderer puts the terminal's text in the page, where the test can read it.
  const wb = await openWorkbench({ testName: 'exec-terminal', kubeconfigPath: lab.kubeconfigPath, settings: { 'terminal.integrated.gpuAcceleration': 'off' } });
  t.after(() => wb.close());
  const { page } = wb;

  await wb.steps(async () => {
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('member1').filter({ hasText: 'Ready' }));
    await wb.expand(wb.treeItem('shop'));
    const web = wb.treeItem('web 3/3').first();
    await wb.contextMenu(web, 'Exec in Member Pod');

    await wb.quickInput.locator('.quick-input-title', { hasText: 'Exec: pod on member1' }).waitFor();
    await wb.quickInput.locator('.monaco-list-row .label-name', { hasText: /^shop\/web-/ }).first().waitFor();
    await wb.screenshot('pods');
    const input = page.locator('.quick-input-widget .quick-input-box input.input');
    await input.press('Enter');
    await wb.quickInput.locator('.quick-input-title', { hasText: /^Exec in member1: shop\/web-\S+ \(web\)$/ }).waitFor();
    await input.press('Enter');

    const terminal = page.locator('.terminal-wrapper.active .xterm-rows, .terminal .xterm-rows').first();
    await page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header .title', { hasText: /member1: shop\/web-/ }).first().waitFor();
    await terminal.waitFor();
    // Keys go wherever focus is: closing the quick pick and showing the terminal race on a busy machine.
    await page.locator('.terminal-wrapper.active textarea.xterm-helper-textarea, .terminal textarea.xterm-helper-textarea').first().focus();
    await page.locator('.xterm.focus').first().waitFor();
    await page.keyboard.type('echo "flotilla-exec from $FLOTILLA_LAB_MEMBER"\n');
    // Only the pod's shell expands the variable, so the text proves the command ran there. It is not
    // anchored to the row's start: KWOK's exec pty once left out the echo of Enter, and the output
    // followed the typed command on its row.
    await terminal.locator('div', { hasText: /flotilla-exec from member1\s*$/ }).first().waitFor().catch(async (err: Error) => {
      throw new Error(`${err.message}\nthe terminal shows:\n${(await terminal.innerText()).trimEnd()}`);
    });
    await wb.screenshot('output');
    await page.keyboard.type('exit 4\n');
    // The terminal closes with the command's status, which VS Code reports; some VS Code versions word a
    // pseudoterminal they still count as launching "failed to launch (exit code: 4)".
    await wb.notification(/The terminal process (terminated with |failed to launch \()exit code: 4\b/);
    await wb.screenshot('exited');
  });
});
