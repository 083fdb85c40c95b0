/**
 * What a new user does first, in the real workbench: F1 -> "Flotilla: New Federation Manifest" opens a
 * template of the kind picked; F1 -> "Flotilla: Create PropagationPolicy / Placement for This Workload" on
 * the sandbox Deployment appends a PropagationPolicy naming the members picked from the live federation.
 */
import { test } from 'node:test';
import { needsLive } from '../support/federation';
import { useLab } from '../support/lab';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

test('New Federation Manifest and Create PropagationPolicy for This Workload', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const needs = needsLive(lab, 'karmada');
  if (needs) return t.skip(needs);
  const wb = await openWorkbench({ testName: 'day-one', kubeconfigPath: lab.kubeconfigPath });
  t.after(() => wb.close());
  const { page } = wb;
  const input = page.locator('.quick-input-widget .quick-input-box input.input');
  const line = (text: string | RegExp) => page.locator('.editor-instance .view-line', { hasText: text });

  await wb.steps(async () => {
    await wb.runCommand('Flotilla: New Federation Manifest');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'New Federation Manifest' }).waitFor();
    await input.fill('MultiClusterService');
    await wb.quickInput.locator('.monaco-list-row .label-name', { hasText: /^MultiClusterService$/ }).waitFor();
    await input.press('Enter');
    await line('kind: MultiClusterService').waitFor();
    await line('apiVersion: networking.karmada.io/v1alpha1').waitFor();
    await wb.screenshot('template');

    await wb.openFile('karmada/web-deployment.yaml');
    await line('kind: Deployment').click();
    await wb.runCommand('Flotilla: Create PropagationPolicy / Placement for This Workload');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'Place the workload through' }).waitFor();
    await input.fill('Create PropagationPolicy');
    await input.press('Enter');
    await wb.quickInput.locator('.quick-input-title', { hasText: 'Members of Karmada on host' }).waitFor();
    // Every healthy member is picked already: accept them.
    await wb.screenshot('members');
    await input.press('Enter');
    await line('kind: PropagationPolicy').waitFor();
    for (const member of ['member1', 'member2', 'member3']) await line(`- ${member}`).first().waitFor();
    await wb.screenshot('policy-appended');
  });
});
