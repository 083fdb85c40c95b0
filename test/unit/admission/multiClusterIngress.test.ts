import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissionFound, doc, ruleTest } from './support';

const MCI = 'apiVersion: networking.karmada.io/v1alpha1\nkind: MultiClusterIngress\nmetadata:\n  name: web\n  namespace: shop';
const BACKEND = '{service: {name: web, port: {number: 80}}}';
const rules = (lines: string) => doc(MCI, `spec:\n  rules:\n${lines}`);
const path = (item: string) => rules(`    - host: shop.example.com\n      http:\n        paths:\n${item}`);

ruleTest({
  name: 'neither rules nor a default backend',
  code: 'karmada-mci-backend',
  invalid: doc(MCI, '«spec»:\n  ingressClassName: nginx'),
  valid: doc(MCI, `spec:\n  ingressClassName: nginx\n  defaultBackend: ${BACKEND}`),
  says: 'spec: Invalid value: either `defaultBackend` or `rules` must be specified',
});

ruleTest({
  name: 'a service backend with a port name and a number',
  code: 'karmada-mci-backend',
  invalid: doc(MCI, 'spec:\n  «defaultBackend»: {service: {name: web, port: {name: http, number: 80}}}'),
  valid: doc(MCI, 'spec:\n  defaultBackend: {service: {name: web, port: {name: http}}}'),
  says: 'spec.defaultBackend: Invalid value: "": cannot set both port name & port number',
});

ruleTest({
  name: 'a service name that is not a DNS-1035 label',
  code: 'karmada-mci-backend',
  invalid: path(`          - {path: /, pathType: Prefix, backend: {service: {name: «1web», port: {number: 80}}}}`),
  valid: path(`          - {path: /, pathType: Prefix, backend: {service: {name: web1, port: {number: 80}}}}`),
  says: 'spec.rules[0].http.paths[0].backend.service.name: Invalid value: "1web"',
});

ruleTest({
  name: 'a resource backend without a kind',
  code: 'karmada-mci-backend',
  invalid: doc(MCI, 'spec:\n  defaultBackend:\n    «resource»: {apiGroup: k8s.example.com, name: static}'),
  valid: doc(MCI, 'spec:\n  defaultBackend:\n    resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}'),
  says: 'spec.defaultBackend.resource.kind: Required value: kind is required',
});

ruleTest({
  name: 'an IP address as host',
  code: 'karmada-mci-host',
  invalid: rules(`    - host: «10.0.0.1»\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`),
  valid: rules(`    - host: "*.example.com"\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`),
  says: 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
});

ruleTest({
  name: 'a wildcard in the middle of a host',
  code: 'karmada-mci-host',
  invalid: rules(`    - host: «"shop.*.example.com"»\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`),
  valid: rules(`    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`),
  says: "a wildcard DNS-1123 subdomain must start with '*.'",
});

ruleTest({
  name: 'an http rule without paths',
  code: 'karmada-mci-path',
  invalid: rules('    - host: shop.example.com\n      http: {«paths»: []}'),
  valid: rules(`    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`),
  says: 'spec.rules[0].http.paths: Required value',
});

ruleTest({
  name: 'a relative Prefix path',
  code: 'karmada-mci-path',
  invalid: path(`          - {path: «shop», pathType: Prefix, backend: ${BACKEND}}`),
  valid: path(`          - {path: /shop, pathType: ImplementationSpecific, backend: ${BACKEND}}`),
  says: 'spec.rules[0].http.paths[0].path: Invalid value: "shop": must be an absolute path',
});

ruleTest({
  name: 'an Exact path ending in /.',
  code: 'karmada-mci-path',
  invalid: path(`          - {path: «/shop/.», pathType: Exact, backend: ${BACKEND}}`),
  valid: path(`          - {path: /shop/, pathType: Exact, backend: ${BACKEND}}`),
  says: "cannot end with '/.'",
});

ruleTest({
  name: 'a path type Ingress does not have',
  code: 'karmada-mci-path',
  invalid: path(`          - {path: /, pathType: «Regex», backend: ${BACKEND}}`),
  valid: path(`          - {path: /, pathType: Exact, backend: ${BACKEND}}`),
  says: 'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
});

ruleTest({
  name: 'a TLS secret name with capitals',
  code: 'karmada-mci-tls',
  invalid: doc(MCI, `spec:\n  defaultBackend: ${BACKEND}\n  tls: [{hosts: [shop.example.com], secretName: «Shop-TLS»}]`),
  valid: doc(MCI, `spec:\n  defaultBackend: ${BACKEND}\n  tls: [{hosts: ["*.example.com"], secretName: shop-tls}]`),
  says: 'spec.tls[0].secretName: Invalid value: "Shop-TLS"',
});

ruleTest({
  name: 'an ingress class name with an underscore',
  code: 'karmada-mci-class-name',
  invalid: doc(MCI, `spec:\n  ingressClassName: «nginx_public»\n  defaultBackend: ${BACKEND}`),
  valid: doc(MCI, `spec:\n  ingressClassName: nginx.public\n  defaultBackend: ${BACKEND}`),
  says: 'spec.ingressClassName: Invalid value: "nginx_public"',
});

test('IPv4 addresses with leading zeros are addresses too, as Kubernetes parses them', () => {
  const text = rules(`    - host: 010.000.000.001\n      http: {paths: [{path: /, pathType: Prefix, backend: ${BACKEND}}]}`);
  assert.ok(admissionFound(text).some((f) => f.message.includes('must be a DNS name, not an IP address')));
});
