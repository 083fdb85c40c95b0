import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverKey } from '../../../core/kube/serverKey';

test('loopback names, default ports, case and a trailing slash do not make another server', () => {
  const same = ['https://localhost:6443', 'https://127.0.0.1:6443/', 'https://[::1]:6443', 'https://LOCALHOST:6443'];
  assert.deepEqual(new Set(same.map(serverKey)).size, 1);
  assert.equal(serverKey('https://api.example.com'), serverKey('https://api.example.com:443/'));
  assert.equal(serverKey('http://api.example.com'), serverKey('http://api.example.com:80'));
});

test('another port, host, scheme or path is another server', () => {
  const different = [
    'https://127.0.0.1:6443',
    'https://127.0.0.1:6444',
    'https://127.0.0.2:6443',
    'http://127.0.0.1:6443',
    'https://rancher.example.com/k8s/clusters/c-1',
    'https://rancher.example.com/k8s/clusters/c-2',
  ];
  assert.equal(new Set(different.map(serverKey)).size, different.length);
});

test('a server that is not a URL keys as itself', () => {
  assert.equal(serverKey('not a url'), 'not a url');
});
