/**
 * Karmada's validating webhook for MultiClusterIngress (pkg/webhook/multiclusteringress/validating.go:
 * validateMCI, with pkg/util/lifted/validatingmci.go: ValidateIngressSpec, lifted from Kubernetes'
 * Ingress validation, invalid secret names and wildcard-host rules not allowed).
 */
import { isIP } from 'node:net';
import { invalid, invalidEach, notSupported, required, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain } from '../names';
import { asArray, asObj, int, isSet, str, type Obj } from '../values';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

export function multiClusterIngressFindings(mci: Obj): AdmissionFinding[] {
  const spec = asObj(mci.spec) ?? {};
  const path = ['spec'];
  const rules = asArray(spec.rules);
  const out: AdmissionFinding[] = [];
  if (!rules.length && !isSet(spec.defaultBackend)) out.push(invalid('karmada-mci-backend', path, undefined, 'either `defaultBackend` or `rules` must be specified'));
  if (isSet(spec.defaultBackend)) out.push(...backendFindings(asObj(spec.defaultBackend) ?? {}, [...path, 'defaultBackend']));
  rules.forEach((rule, i) => out.push(...ruleFindings(asObj(rule) ?? {}, [...path, 'rules', i])));
  asArray(spec.tls).forEach((tls, i) => out.push(...tlsFindings(asObj(tls) ?? {}, [...path, 'tls', i])));
  if (isSet(spec.ingressClassName)) {
    const name = str(spec.ingressClassName);
    out.push(...invalidEach('karmada-mci-class-name', [...path, 'ingressClassName'], name, isDNS1123Subdomain(name)));
  }
  return out;
}

function backendFindings(backend: Obj, path: FieldPath): AdmissionFinding[] {
  const resource = asObj(backend.resource);
  const service = asObj(backend.service);
  if (resource && service) return [invalid('karmada-mci-backend', path, '', 'cannot set both resource and service backends')];
  if (resource) return resourceFindings(resource, [...path, 'resource']);
  if (!service) return [invalid('karmada-mci-backend', path, '', 'resource or service backend is required')];
  const out: AdmissionFinding[] = [];
  const name = str(service.name);
  if (!name) out.push(required('karmada-mci-backend', [...path, 'service', 'name']));
  else out.push(...invalidEach('karmada-mci-backend', [...path, 'service', 'name'], name, isDNS1035Label(name)));
  const port = asObj(service.port) ?? {};
  const portName = str(port.name);
  const portNumber = int(port.number);
  const portPath = [...path, 'service', 'port'];
  if (portName && portNumber !== 0) out.push(invalid('karmada-mci-backend', path, '', 'cannot set both port name & port number'));
  else if (portName) out.push(...invalidEach('karmada-mci-backend', [...portPath, 'name'], portName, isValidPortName(portName)));
  else if (portNumber !== 0) out.push(...invalidEach('karmada-mci-backend', [...portPath, 'number'], portNumber, isValidPortNum(portNumber)));
  else out.push(required('karmada-mci-backend', path, 'port name or number is required'));
  return out;
}

/** validateIngressTypedLocalObjectReference. */
function resourceFindings(resource: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  if (isSet(resource.apiGroup)) out.push(...invalidEach('karmada-mci-backend', [...path, 'apiGroup'], str(resource.apiGroup), isDNS1123Subdomain(str(resource.apiGroup))));
  for (const field of ['kind', 'name']) {
    const value = str(resource[field]);
    if (!value) out.push(required('karmada-mci-backend', [...path, field], `${field} is required`));
    else out.push(...invalidEach('karmada-mci-backend', [...path, field], value, isValidPathSegmentName(value)));
  }
  return out;
}

function ruleFindings(rule: Obj, path: FieldPath): AdmissionFinding[] {
  const out: AdmissionFinding[] = [];
  const host = str(rule.host);
  if (host) {
    if (isSloppyIP(host)) out.push(invalid('karmada-mci-host', [...path, 'host'], host, 'must be a DNS name, not an IP address'));
    out.push(...invalidEach('karmada-mci-host', [...path, 'host'], host, host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)));
  }
  const http = asObj(rule.http);
  if (!http) return out;
  const paths = asArray(http.paths);
  if (!paths.length) out.push(required('karmada-mci-path', [...path, 'http', 'paths']));
  paths.forEach((p, i) => out.push(...httpPathFindings(asObj(p) ?? {}, [...path, 'http', 'paths', i])));
  return out;
}

function httpPathFindings(httpPath: Obj, path: FieldPath): AdmissionFinding[] {
  if (!isSet(httpPath.pathType)) return [required('karmada-mci-path', [...path, 'pathType'], 'pathType must be specified')];
  const out: AdmissionFinding[] = [];
  const pathType = str(httpPath.pathType);
  const value = str(httpPath.path);
  const at = [...path, 'path'];
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) out.push(invalid('karmada-mci-path', at, value, 'must be an absolute path'));
    for (const sequence of INVALID_PATH_SEQUENCES) if (value.includes(sequence)) out.push(invalid('karmada-mci-path', at, value, `must not contain '${sequence}'`));
    for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) out.push(invalid('karmada-mci-path', at, value, `cannot end with '${suffix}'`));
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) out.push(invalid('karmada-mci-path', at, value, 'must be an absolute path'));
  } else {
    out.push(notSupported('karmada-mci-path', [...path, 'pathType'], pathType, PATH_TYPES));
  }
  out.push(...backendFindings(asObj(httpPath.backend) ?? {}, [...path, 'backend']));
  return out;
}

function tlsFindings(tls: Obj, path: FieldPath): AdmissionFinding[] {
  const out = asArray(tls.hosts).flatMap((raw, i) => {
    const host = str(raw);
    return invalidEach('karmada-mci-tls', [...path, 'hosts', i], host, host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host));
  });
  const secretName = str(tls.secretName);
  if (secretName) out.push(...invalidEach('karmada-mci-tls', [...path, 'secretName'], secretName, isDNS1123Subdomain(secretName)));
  return out;
}

/** k8s.io/utils/net ParseIPSloppy: IPv6, or IPv4 that may have leading zeros. */
function isSloppyIP(value: string): boolean {
  if (isIP(value)) return true;
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
