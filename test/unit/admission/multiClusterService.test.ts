import { doc, ruleTest } from './support';

const MCS = (name = 'web') => `apiVersion: networking.karmada.io/v1alpha1\nkind: MultiClusterService\nmetadata:\n  name: ${name}\n  namespace: shop`;
const spec = (lines: string, name?: string) => doc(MCS(name), `spec:\n${lines}`);

ruleTest({
  name: 'a name that is not a DNS-1035 label',
  code: 'karmada-mcs-name',
  invalid: spec('  types: [CrossCluster]', '«1-web»'),
  valid: spec('  types: [CrossCluster]', 'web-1'),
  says: 'metadata.name: Invalid value: "1-web": a DNS-1035 label must consist of lower case alphanumeric characters',
});

ruleTest({
  name: 'a port name in capitals',
  code: 'karmada-mcs-port-name',
  invalid: spec('  types: [CrossCluster]\n  ports: [{name: «HTTP», port: 80}]'),
  valid: spec('  types: [CrossCluster]\n  ports: [{name: http, port: 80}]'),
  says: 'spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label',
});

ruleTest({
  name: 'two ports with one name',
  code: 'karmada-mcs-port-name',
  invalid: spec('  types: [CrossCluster]\n  ports:\n    - {name: http, port: 80}\n    - {name: «http», port: 8080}'),
  valid: spec('  types: [CrossCluster]\n  ports:\n    - {name: http, port: 80}\n    - {name: http-alt, port: 8080}'),
  says: 'spec.ports[1].name: Duplicate value: "http"',
});

ruleTest({
  name: 'port 0',
  code: 'karmada-mcs-port-number',
  invalid: spec('  types: [CrossCluster]\n  ports: [{name: http, port: «0»}]'),
  valid: spec('  types: [CrossCluster]\n  ports: [{name: http, port: 65535}]'),
  says: 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
});

ruleTest({
  name: 'an exposure type Karmada does not know',
  code: 'karmada-mcs-type',
  invalid: spec('  types: [«Ingress»]'),
  valid: spec('  types: [LoadBalancer]'),
  says: 'spec.types[0]: Invalid value: "Ingress": ExposureType Error',
});

ruleTest({
  name: 'two exposure types',
  code: 'karmada-mcs-types-single',
  invalid: spec('  «types»: [CrossCluster, LoadBalancer]'),
  valid: spec('  types: [CrossCluster, CrossCluster]'),
  says: 'MultiClusterService types should not contain more than one type',
});

ruleTest({
  name: 'a provider cluster name that is not a DNS label',
  code: 'karmada-mcs-cluster-name',
  invalid: spec('  types: [CrossCluster]\n  providerClusters: [{name: «Member_1»}]'),
  valid: spec('  types: [CrossCluster]\n  providerClusters: [{name: member-1}]'),
  says: 'spec.range.providerClusters[0]: Invalid value: "Member_1"',
});

ruleTest({
  name: 'a consumer cluster name longer than 48 characters',
  code: 'karmada-mcs-cluster-name',
  invalid: spec(`  types: [CrossCluster]\n  consumerClusters: [{name: «${'m'.repeat(49)}»}]`),
  valid: spec(`  types: [CrossCluster]\n  consumerClusters: [{name: ${'m'.repeat(48)}}]`),
  says: 'must be no more than 48 characters',
});
