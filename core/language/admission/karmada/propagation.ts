/**
 * Karmada's validating webhook for PropagationPolicy and ClusterPropagationPolicy
 * (pkg/webhook/propagationpolicy, pkg/webhook/clusterpropagationpolicy: ValidatePropagationSpec in
 * pkg/util/validation/validation.go), on the policy as the CRD defaults and the mutating webhook leave it.
 * The rules about updates (schedulerName and the permanent-id label are immutable) need the stored object
 * and are not checked here.
 */
import { invalid, invalidEach, type AdmissionFinding, type FieldPath } from '../fieldErrors';
import { isQualifiedName } from '../names';
import { roundTripped } from '../../nullValues';
import { asArray, asObj, isSet, optionalInt, str, type Obj } from '../values';
import { placementFindings } from './placement';
import { selectorNamespaceFindings } from './resourceSelectors';

const SPEC = ['spec'];

export function propagationPolicyFindings(policy: Obj): AdmissionFinding[] {
  const namespace = str(asObj(policy.metadata)?.namespace);
  const afterRoundTrip = roundTripped(String(policy.apiVersion), String(policy.kind));
  return propagationSpecFindings(asObj(policy.spec) ?? {}, policy.kind === 'PropagationPolicy' ? namespace : '', afterRoundTrip);
}

function propagationSpecFindings(spec: Obj, policyNamespace: string, afterRoundTrip: boolean): AdmissionFinding[] {
  return [
    ...placementFindings(spec.placement, [...SPEC, 'placement'], afterRoundTrip),
    ...propagateDepsFindings(spec),
    ...failoverFindings(asObj(spec.failover)),
    ...selectorNamespaceFindings(asArray(spec.resourceSelectors), policyNamespace),
    ...preemptionFindings(spec),
    ...suspensionFindings(asObj(spec.suspension)),
  ];
}

/** The mutating webhook turns propagateDeps on when a resource selector picks a ServiceImport. */
function propagateDepsFindings(spec: Obj): AdmissionFinding[] {
  if (!isSet(asObj(spec.failover)?.application)) return [];
  const selectsServiceImport = asArray(spec.resourceSelectors).some((s) => asObj(s)?.kind === 'ServiceImport' && asObj(s)?.apiVersion === 'multicluster.x-k8s.io/v1alpha1');
  if (spec.propagateDeps === true || selectsServiceImport) return [];
  const at = spec.propagateDeps !== undefined ? [...SPEC, 'propagateDeps'] : [...SPEC, 'failover', 'application'];
  return [invalid('karmada-failover-propagate-deps', at, false, 'application failover is set, propagateDeps must be true', 'spec.propagateDeps')];
}

function failoverFindings(failover: Obj | undefined): AdmissionFinding[] {
  if (!failover) return [];
  const path = [...SPEC, 'failover'];
  return [...applicationFailoverFindings(asObj(failover.application), [...path, 'application']), ...statePreservationFindings(asObj(failover.cluster)?.statePreservation, [...path, 'cluster', 'statePreservation'])];
}

const GRACEFUL_PURGE_MODES = ['Graciously', 'Gracefully'];

/**
 * ValidateApplicationFailover. purgeMode defaults to Gracefully (CRD) and the mutating webhook then sets
 * gracePeriodSeconds to 600, so "should not be empty when purgeMode is gracefully" cannot happen.
 */
function applicationFailoverFindings(application: Obj | undefined, path: FieldPath): AdmissionFinding[] {
  if (!application) return [];
  const out: AdmissionFinding[] = [];
  const toleration = optionalInt(asObj(application.decisionConditions)?.tolerationSeconds);
  if (toleration !== undefined && toleration < 0) {
    out.push(invalid('karmada-failover-toleration-seconds', [...path, 'decisionConditions', 'tolerationSeconds'], toleration, 'must be greater than or equal to 0'));
  }
  const purgeMode = str(application.purgeMode) || 'Gracefully';
  const grace = optionalInt(application.gracePeriodSeconds);
  if (grace !== undefined && !GRACEFUL_PURGE_MODES.includes(purgeMode)) {
    out.push(invalid('karmada-failover-grace-period-purge-mode', [...path, 'gracePeriodSeconds'], grace, 'only takes effect when purgeMode is gracefully'));
  }
  if (grace !== undefined && grace <= 0) out.push(invalid('karmada-failover-grace-period', [...path, 'gracePeriodSeconds'], grace, 'must be greater than 0'));
  out.push(...statePreservationFindings(application.statePreservation, [...path, 'statePreservation']));
  return out;
}

function statePreservationFindings(statePreservation: unknown, path: FieldPath): AdmissionFinding[] {
  return asArray(asObj(statePreservation)?.rules).flatMap((rule, i) => {
    const alias = str(asObj(rule)?.aliasLabelName);
    return invalidEach('karmada-state-preservation-label', [...path, 'rules', i, 'aliasLabelName'], alias, isQualifiedName(alias));
  });
}

function preemptionFindings(spec: Obj): AdmissionFinding[] {
  if (spec.preemption !== 'Always') return [];
  return asArray(spec.resourceSelectors).flatMap((selector, i) => {
    if (str(asObj(selector)?.name)) return [];
    const at = asObj(selector)?.name !== undefined ? [...SPEC, 'resourceSelectors', i, 'name'] : [...SPEC, 'resourceSelectors', i];
    return [invalid('karmada-preemption-selector-name', at, '', 'name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption', `spec.resourceSelectors[${i}].name`)];
  });
}

/** The webhook names the field `spec.suspension.suspension`. */
function suspensionFindings(suspension: Obj | undefined): AdmissionFinding[] {
  if (suspension?.dispatching !== true || !asArray(asObj(suspension.dispatchingOnClusters)?.clusterNames).length) return [];
  return [invalid('karmada-suspension-conflict', [...SPEC, 'suspension', 'dispatchingOnClusters'], undefined, 'suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames', 'spec.suspension.suspension')];
}
