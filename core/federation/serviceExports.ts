import { identityOf } from '../placement/objects';
import type { FederationCheck } from './types';
import { finding, whereLooked } from './util';

/** A ServiceExport must share its name and namespace with a Service. */
export const serviceExportsWithoutService: FederationCheck = (context) => {
  const { documents, liveObjects } = context;
  const services = new Set(
    [...documents.map((d) => d.value), ...(liveObjects ?? [])]
      .map(identityOf)
      .filter((id) => id.kind === 'Service' && id.apiVersion === 'v1')
      .map((id) => `${id.namespace ?? 'default'}/${id.name}`),
  );
  const where = whereLooked(context);
  return documents.flatMap((doc) => {
    const id = identityOf(doc.value);
    if (id.kind !== 'ServiceExport' || !id.apiVersion.startsWith('multicluster.x-k8s.io/') || !id.name) return [];
    const key = `${id.namespace ?? 'default'}/${id.name}`;
    return services.has(key) ? [] : [finding(doc, ['metadata', 'name'], 'serviceexport-without-service', `no Service ${key} ${where} to export`)];
  });
};
