/**
 * Karmada's validating webhook for MultiClusterService (pkg/webhook/multiclusterservice/validating.go:
 * validateMCS, validateMultiClusterServiceSpec, validateExposurePort, validateExposureType). That `types`
 * may not change on update needs the stored object and is not checked here.
 */
import { duplicate, invalid, invalidEach, type AdmissionFinding } from '../fieldErrors';
import { clusterNameProblems, isDNS1035Label, isDNS1123Label, isValidPortNum } from '../names';
import { asArray, asObj, int, str, type Obj } from '../values';

const EXPOSURE_TYPES = ['CrossCluster', 'LoadBalancer'];

export function multiClusterServiceFindings(mcs: Obj): AdmissionFinding[] {
  const spec = asObj(mcs.spec) ?? {};
  const name = str(asObj(mcs.metadata)?.name);
  return [
    ...(name ? invalidEach('karmada-mcs-name', ['metadata', 'name'], name, isDNS1035Label(name)) : []),
    ...portFindings(asArray(spec.ports)),
    ...typeFindings(asArray(spec.types)),
    ...clusterFindings(asArray(spec.providerClusters), 'providerClusters'),
    ...clusterFindings(asArray(spec.consumerClusters), 'consumerClusters'),
  ];
}

function portFindings(ports: unknown[]): AdmissionFinding[] {
  const names = new Set<string>();
  return ports.flatMap((raw, i) => {
    const port = asObj(raw) ?? {};
    const path = ['spec', 'ports', i];
    const out: AdmissionFinding[] = [];
    const name = str(port.name);
    if (name) {
      out.push(...invalidEach('karmada-mcs-port-name', [...path, 'name'], name, isDNS1123Label(name)));
      if (names.has(name)) out.push(duplicate('karmada-mcs-port-name', [...path, 'name'], name));
      names.add(name);
    }
    out.push(...invalidEach('karmada-mcs-port-number', [...path, 'port'], int(port.port), isValidPortNum(int(port.port))));
    return out;
  });
}

function typeFindings(types: unknown[]): AdmissionFinding[] {
  const out = types.flatMap((t, i) => (EXPOSURE_TYPES.includes(str(t)) ? [] : [invalid('karmada-mcs-type', ['spec', 'types', i], str(t), 'ExposureType Error')]));
  if (new Set(types.map(str)).size > 1) out.push({ ...invalid('karmada-mcs-types-single', ['spec', 'types'], undefined, 'MultiClusterService types should not contain more than one type'), onKey: true });
  return out;
}

/** The webhook names these `spec.range.providerClusters[i]` / `spec.range.consumerClusters[i]`. */
function clusterFindings(clusters: unknown[], field: 'providerClusters' | 'consumerClusters'): AdmissionFinding[] {
  return clusters.flatMap((raw, i) => {
    const name = str(asObj(raw)?.name);
    const problems = clusterNameProblems(name);
    return problems.length ? [invalid('karmada-mcs-cluster-name', ['spec', field, i, 'name'], name, problems.join(','), `spec.range.${field}[${i}]`)] : [];
  });
}
