import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripForCompare } from '../../../core/kube/strip';

test('the same Deployment propagated by Karmada to two members compares equal but for real drift', () => {
  const onMember = (member: string, image: string) => ({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: 'web', namespace: 'shop', uid: member, resourceVersion: '7', generation: 2,
      labels: { app: 'web', 'karmada.io/managed': 'true', 'propagationpolicy.karmada.io/permanent-id': member },
      annotations: { 'work.karmada.io/namespace': `karmada-es-${member}`, 'work.karmada.io/name': 'web-5d8', 'resourcetemplate.karmada.io/uid': 'u', 'deployment.kubernetes.io/revision': '1', team: 'shop' },
    },
    spec: { template: { spec: { containers: [{ name: 'web', image }] } } },
    status: { readyReplicas: 3 },
  });
  assert.deepEqual(stripForCompare(onMember('member1', 'nginx:1.27')), stripForCompare(onMember('member3', 'nginx:1.27')));
  const stripped = stripForCompare(onMember('member1', 'nginx:1.27'));
  assert.deepEqual(stripped.metadata.labels, { app: 'web' });
  assert.deepEqual(stripped.metadata.annotations, { team: 'shop' }, 'a user annotation stays');
  assert.equal(stripped.status, undefined);
  assert.notDeepEqual(stripForCompare(onMember('member1', 'nginx:1.27')), stripForCompare(onMember('member2', 'nginx:1.26')));
});
