import { overDocuments } from './environment';
import type { DocumentCheck } from './types';
import { finding } from './util';

/** A ServiceExport must share its name and namespace with a Service. */
export const serviceExportsWithoutServiceIn: DocumentCheck = ({ doc, id }, env) => {
  if (id.kind !== 'ServiceExport' || !id.apiVersion.startsWith('multicluster.x-k8s.io/') || !id.name) return [];
  const key = `${id.namespace ?? 'default'}/${id.name}`;
  return env.facts.hasService(key) ? [] : [finding(doc, ['metadata', 'name'], 'serviceexport-without-service', `no Service ${key} ${env.where} to export`)];
};

export const serviceExportsWithoutService = overDocuments(serviceExportsWithoutServiceIn);
