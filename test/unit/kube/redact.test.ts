import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterError, errorFromStatus } from '../../../core/kube/errors';
import { redact, registerSecret } from '../../../core/kube/redact';

test('redact removes bearer tokens, JWTs, PEM blocks and registered secrets', () => {
  registerSecret('s3cr3t-static-token');
  const text = [
    'Authorization: Bearer abcdefghijklmnop',
    'token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eXoifQ.c2lnbmF0dXJlLXZhbHVl',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
    'failed with s3cr3t-static-token in it',
    'client-key-data: QUJDREVGRw==',
  ].join('\n');
  const out = redact(text);
  for (const secret of ['abcdefghijklmnop', 'eyJhbGciOiJSUzI1NiJ9', 'MIIB', 's3cr3t-static-token', 'QUJDREVGRw==']) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
});

test('ClusterError messages are redacted and classified from the server Status', () => {
  registerSecret('another-secret-token');
  const e = new ClusterError('server', 'request with another-secret-token failed');
  assert.ok(!e.message.includes('another-secret-token'));
  const forbidden = errorFromStatus(403, JSON.stringify({ kind: 'Status', message: 'deployments.apps is forbidden: User "v" cannot create resource "deployments"', code: 403 }));
  assert.equal(forbidden.kind, 'forbidden');
  assert.match(forbidden.describe(), /^403 forbidden: deployments.apps is forbidden/);
  assert.equal(errorFromStatus(401, '{"kind":"Status","message":"Unauthorized"}').describe(), '401 unauthorized (expired or invalid credentials): Unauthorized');
});
