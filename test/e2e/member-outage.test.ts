/**
 * Stopping one member's API server (the lab's control API) turns that member's node into an error state
 * that gives the reason, while the other members keep working: a Deployment created in member1 during
 * the outage still appears in the tree live. The member recovers when its API server is back.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { useLab } from '../support/lab';
import { createDeployment, deleteDeployment } from '../support/labObjects';
import { e2eSkipReason, openWorkbench } from '../support/workbench';
import { needsLive } from '../support/federation';

const DOWN = 'member3';
const name = `e2e-outage-${randomBytes(3).toString('hex')}`;

test('a stopped member shows an error with its reason while the others keep working', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const needs = needsLive(await useLab(), 'karmada');
  if (needs) return t.skip(needs);
  const lab = await useLab();
  const wb = await openWorkbench({
    testName: 'member-outage',
    kubeconfigPath: lab.kubeconfigPath,
    settings: { 'flotilla.cluster.timeoutMs': 2000 },
  });
  t.after(() => wb.close());
  const { page } = wb;
  let stopped = false;
  t.after(async () => {
    if (stopped) await lab.startCluster(DOWN);
  });
  t.after(() => deleteDeployment(lab.kubeconfigPath, ['member1'], 'shop', name));

  await wb.steps(async () => {
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('member1'));
    await wb.expand(wb.treeItem('shop'));
    await wb.treeItem('web 3/3').waitFor();
    await wb.expand(wb.treeItem(DOWN));
    await wb.treeItem('payments').nth(1).waitFor();
    await wb.screenshot('before');

    stopped = true;
    await lab.stopCluster(DOWN);
    // The member's own row turns into an error with the reason, and its subtree says the same.
    const downRow = wb.treeItem(DOWN).filter({ has: page.locator('.label-description', { hasText: /unreachable/ }) });
    await downRow.waitFor();
    const errorRow = wb.treeItem(new RegExp(`^${DOWN}: unreachable`));
    await errorRow.waitFor();
    await wb.treeItem('member1').filter({ has: page.locator('.label-description', { hasText: /^Ready$/ }) }).waitFor();
    await wb.screenshot(`${DOWN}-stopped`);

    await createDeployment(lab.kubeconfigPath, 'member1', 'shop', name);
    await wb.treeItem(new RegExp(`^${name}\\b`)).waitFor();
    await wb.screenshot('member1-still-live');

    await lab.startCluster(DOWN);
    stopped = false;
    await errorRow.waitFor({ state: 'detached' });
    await downRow.waitFor({ state: 'detached' });
    await wb.treeItem(DOWN).filter({ has: page.locator('.label-description', { hasText: /^Ready$/ }) }).waitFor();
    await wb.screenshot(`${DOWN}-back`);
  });
});
