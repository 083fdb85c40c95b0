/**
 * F1 -> "Flotilla: Deploy through Control Plane" on a Deployment: Karmada on host, members member1 and
 * member2, Divided by static weights 1:2. After the access check and the dry-run on host, the notification
 * gives each member's result from Karmada's binding, and the members run 1 and 2 replicas; member3 has
 * nothing. The Federation view, expanded before the deploy, shows the new template land through its
 * watches: its row with where Karmada put the replicas, then its Works applied on each member.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ClusterClients } from '../../core/kube/clients';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import { needsLive } from '../support/federation';
import { useLab } from '../support/lab';
import { deploymentReplicas } from '../support/labObjects';
import { watchUntil } from '../support/watchUntil';
import { e2eSkipReason, openWorkbench } from '../support/workbench';

const name = `e2e-cp-${randomBytes(3).toString('hex')}`;
const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: 3
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
          resources:
            requests:
              cpu: 10m
`;

test('Deploy through Control Plane: Karmada divides 1:2 between the picked members, and the notification says so per member', { skip: e2eSkipReason(), timeout: 240_000 }, async (t) => {
  const lab = await useLab();
  const needs = needsLive(lab, 'karmada');
  if (needs) return t.skip(needs);
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfigPath]), { trusted: true });
  t.after(async () => {
    await clients.request('host', { method: 'DELETE', path: `/apis/apps/v1/namespaces/shop/deployments/${name}` }).catch(() => undefined);
    await clients.request('host', { method: 'DELETE', path: `/apis/policy.karmada.io/v1alpha1/namespaces/shop/propagationpolicies/flotilla-${name}` }).catch(() => undefined);
    for (const member of ['member1', 'member2']) {
      await watchUntil(clients, member, '/apis/apps/v1/namespaces/shop/deployments', (items) => !items.some((d) => d.metadata.name === name), `${name} to leave ${member}`).catch(() => undefined);
    }
    clients.dispose();
  });
  const wb = await openWorkbench({ testName: 'control-plane-deploy', kubeconfigPath: lab.kubeconfigPath, files: { 'karmada/cp.yaml': manifest } });
  t.after(() => wb.close());
  const { page } = wb;
  const input = page.locator('.quick-input-widget .quick-input-box input.input');

  await wb.steps(async () => {
    await wb.openFlotillaView();
    await wb.expand(wb.treeItem('Karmada on host'));
    await wb.expand(wb.treeItem('Resource Templates'));
    await wb.treeItem('shop/web').first().waitFor();
    await wb.openFile('karmada/cp.yaml');
    await wb.runCommand('Flotilla: Deploy through Control Plane');
    const rows = wb.quickInput.locator('.monaco-list-row');
    await rows.filter({ hasText: 'Karmada on host' }).first().waitFor();
    await input.fill('Karmada on host');
    await input.press('Enter');

    await rows.filter({ has: page.locator('.label-name', { hasText: /^member1$/ }) }).first().waitFor();
    for (const member of ['member1', 'member2']) {
      await rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${member}$`) }) }).locator('input[type="checkbox"], .monaco-custom-toggle, .quick-input-list-checkbox').first().click();
    }
    await wb.screenshot('members');
    await input.press('Enter');

    await rows.filter({ hasText: 'Divided by static weights' }).first().waitFor();
    await input.fill('Divided by static weights');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Static weights' }).waitFor();
    await input.fill('member1=1, member2=2');
    await input.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Dry-run on host' }).waitFor();
    await wb.screenshot('dry-run');
    await dialog.getByRole('button', { name: 'Apply' }).click();

    await wb.runCommand('Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item-message', {
      hasText: /Deploy through Karmada host: 2\/2 members succeeded\. member1: healthy, 1 replica \(1\/1 ready\) \| member2: healthy, 2 replicas \(2\/2 ready\)/,
    }).waitFor({ timeout: 120_000 });
    await wb.screenshot('result');

    // Nobody refreshed the view: the template's row came in through the watches, with Karmada's placement.
    const template = wb.treeItem(`shop/${name}`).filter({ hasText: 'Deployment → member1 ×1, member2 ×2' });
    await template.waitFor();
    await wb.expand(template);
    for (const member of ['member1', 'member2']) await wb.treeItem(member).filter({ hasText: 'Applied' }).first().waitFor();
    await wb.screenshot('tree');
  });

  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member1', 'shop', name), 1);
  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member2', 'shop', name), 2);
  assert.equal(await deploymentReplicas(lab.kubeconfigPath, 'member3', 'shop', name), undefined);
});
