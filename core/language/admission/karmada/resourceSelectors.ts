/**
 * validateResourceSelectors (pkg/util/validation/validation.go) for namespaced policies. The mutating
 * webhook fills an empty selector namespace with the policy's; the request's namespace is known here only
 * when the document names it in metadata.namespace.
 */
import { invalid, type AdmissionFinding } from '../fieldErrors';
import { asObj, str } from '../values';

export function selectorNamespaceFindings(selectors: unknown[], policyNamespace: string): AdmissionFinding[] {
  if (!policyNamespace) return [];
  return selectors.flatMap((selector, i) => {
    const namespace = str(asObj(selector)?.namespace);
    if (!namespace || namespace === policyNamespace) return [];
    return [invalid('karmada-selector-namespace', ['spec', 'resourceSelectors', i, 'namespace'], namespace, 'namespace of resource selector must be the same as the namespace of the policy')];
  });
}
