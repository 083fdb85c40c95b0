/** Mutations breaking each rule of Karmada's MultiClusterIngress webhook (Kubernetes' Ingress rules). */
import { accepted, spec, variant, type AdmissionMutation, type Doc } from './mutation';

const BACKEND = { service: { name: 'web', port: { number: 80 } } };

/** Replaces the rules by one host rule with one HTTP path. */
function rule(doc: Doc, host: string, path: Doc): void {
  spec(doc).rules = [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND, ...path }] } }];
}

export function multiClusterIngressMutations(seed: Doc): AdmissionMutation[] {
  return [
    variant(seed, 'karmada-mci-backend', 'neither rules nor a default backend', (d) => {
      delete spec(d).rules;
      delete spec(d).defaultBackend;
    }),
    variant(seed, 'karmada-mci-backend', 'a port name and a number', (d) => rule(d, 'shop.example.com', { backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } })),
    variant(seed, 'karmada-mci-backend', 'service name "1web"', (d) => rule(d, 'shop.example.com', { backend: { service: { name: '1web', port: { number: 80 } } } })),
    variant(seed, 'karmada-mci-host', 'host 10.0.0.1', (d) => rule(d, '10.0.0.1', {})),
    accepted(seed, 'karmada-mci-host', 'host *.example.com', (d) => rule(d, '*.example.com', {})),
    variant(seed, 'karmada-mci-path', 'a relative Prefix path', (d) => rule(d, 'shop.example.com', { path: 'shop' })),
    variant(seed, 'karmada-mci-path', 'an Exact path with //', (d) => rule(d, 'shop.example.com', { path: '/shop//cart', pathType: 'Exact' })),
    accepted(seed, 'karmada-mci-path', 'an empty ImplementationSpecific path', (d) => rule(d, 'shop.example.com', { path: '', pathType: 'ImplementationSpecific' })),
    variant(seed, 'karmada-mci-tls', 'secret name "Shop-TLS"', (d) => {
      spec(d).tls = [{ hosts: ['shop.example.com'], secretName: 'Shop-TLS' }];
    }),
    variant(seed, 'karmada-mci-class-name', 'ingress class "nginx_public"', (d) => {
      spec(d).ingressClassName = 'nginx_public';
    }),
    variant(seed, 'null-value', 'ingressClassName: null (no mutating webhook drops it)', (d) => {
      spec(d).ingressClassName = null;
    }),
  ];
}
