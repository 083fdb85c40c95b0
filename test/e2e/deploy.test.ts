/**
 * F1 -> "Flotilla: Deploy to Members" on a Deployment, picking member1 and member3: the dry-run and the
 * apply succeed, the Deployment exists in exactly those members, and the open tree shows it under both
 * without a manual refresh.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { useLab } from '../support/lab';
import { deleteDeployment, deploymentReplicas } from '../support/labObjects';
import { e2eSkipReason, openWorkbench } from '../support/workbench';
import { needsLive } from '../support/federation';

const name = `e2e-cart-${randomBytes(3).toString('hex')}`;
const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: cart
          image: nginx:1.27
`;

test('Deploy to Members: two picked members get the Deployment and the tree shows it live', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const needs = needsLive(await useLab(), 'karmada');
  if (needs) return t.skip(needs);
  const lab = await useLab();
  t.after(() => deleteDeployment(lab.kubeconfigPath, ['member1', 'member2', 'member3'], 'shop', name));
  const wb = await openWorkbench({ testName: 'deploy', kubeconfigPath: lab.kubeconfigPath, files: { 'karmada/cart.yaml': manifest } });
  t.after(() => wb.close());
  const { page } = wb;

  await wb.steps(async () => {
    // Watch member1/shop and member3/shop in the tree before deploying.
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('member1'));
    await wb.expand(wb.treeItem('shop'));
    await wb.treeItem('web 3/3').waitFor();
    await wb.expand(wb.treeItem('member3'));
    await wb.expand(wb.treeItem('shop').and(page.locator('[aria-expanded="false"]')));
    await wb.treeItem('web 3/3').nth(1).waitFor();
    assert.equal(await wb.treeItem(new RegExp(`^${name}\\b`)).count(), 0);
    await wb.screenshot('before');

    await wb.openFile('karmada/cart.yaml');
    await wb.runCommand('Flotilla: Deploy to Members');
    const rows = wb.quickInput.locator('.monaco-list-row');
    for (const member of ['member1', 'member3']) {
      await rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${member}$`) }) }).locator('input[type="checkbox"], .monaco-custom-toggle, .quick-input-list-checkbox').first().click();
    }
    await wb.screenshot('picked');
    await page.locator('.quick-input-widget .quick-input-box input.input').press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Dry-run results' }).waitFor();
    await wb.screenshot('dry-run');
    await dialog.getByRole('button', { name: 'Apply' }).click();

    await wb.treeItem(new RegExp(`^${name}\\b`)).nth(1).waitFor();
    await wb.screenshot('deployed');
    // The per-cluster result, read from the notification center (toasts may already have faded).
    await wb.runCommand('Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item-message', { hasText: /Deploy: 2\/2 clusters succeeded.*member1: created.*member3: created/ }).waitFor();
    await wb.screenshot('result');
  });

  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member1', 'shop', name), 2);
  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member3', 'shop', name), 2);
  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member2', 'shop', name), undefined);
});
