/**
 * Every admission rule Flotilla reports: its diagnostic code, the kinds it applies to and where the server
 * enforces it (file:function in Karmada v1.18.2, or in Kubernetes for built-in kinds).
 * test/unit/admission/RULES.md is this table for people; a test keeps the two in step.
 */

const PROPAGATION = ['PropagationPolicy', 'ClusterPropagationPolicy'];
const OVERRIDE = ['OverridePolicy', 'ClusterOverridePolicy'];
const POLICIES = [...PROPAGATION, ...OVERRIDE];
const V = 'pkg/util/validation/validation.go';
const MCS = 'pkg/webhook/multiclusterservice/validating.go';
const FHPA = 'pkg/util/lifted/validatingfhpa.go';
const CRON = 'pkg/webhook/cronfederatedhpa/validating.go';
const FRQ = 'pkg/webhook/federatedresourcequota/validating.go';
const MCI = 'pkg/util/lifted/validatingmci.go';

export interface AdmissionRule {
  kinds: readonly string[];
  source: string;
}

export const ADMISSION_RULES = {
  'karmada-affinity-exclusive': { kinds: PROPAGATION, source: `${V}:ValidatePlacement` },
  'karmada-overflow-scheduling': { kinds: PROPAGATION, source: `${V}:ValidatePlacement` },
  'karmada-field-selector-key': { kinds: POLICIES, source: `${V}:ValidatePolicyFieldSelector` },
  'karmada-field-selector-operator': { kinds: POLICIES, source: `${V}:ValidatePolicyFieldSelector` },
  'karmada-affinity-name': { kinds: PROPAGATION, source: `${V}:ValidateClusterAffinities, ValidateOverflowAffinities` },
  'karmada-affinity-name-unique': { kinds: PROPAGATION, source: `${V}:ValidateClusterAffinities` },
  'karmada-overflow-needs-affinity': { kinds: PROPAGATION, source: `${V}:ValidateOverflowAffinities` },
  'karmada-overflow-name-unique': { kinds: PROPAGATION, source: `${V}:ValidateOverflowAffinities` },
  'karmada-spread-field-and-label': { kinds: PROPAGATION, source: `${V}:ValidateSpreadConstraint` },
  'karmada-spread-negative-groups': { kinds: PROPAGATION, source: `${V}:ValidateSpreadConstraint` },
  'karmada-spread-max-below-min': { kinds: PROPAGATION, source: `${V}:ValidateSpreadConstraint` },
  'karmada-spread-field-repeated': { kinds: PROPAGATION, source: `${V}:ValidateSpreadConstraint` },
  'karmada-spread-cluster-required': { kinds: PROPAGATION, source: `${V}:ValidateSpreadConstraint` },
  'karmada-workload-affinity-key': { kinds: PROPAGATION, source: `${V}:ValidateWorkloadAffinity` },
  'karmada-workload-affinity-same-key': { kinds: PROPAGATION, source: `${V}:ValidateWorkloadAffinity` },
  'karmada-toleration-operator': { kinds: PROPAGATION, source: `${V}:validateClusterTolerations` },
  'karmada-failover-propagate-deps': { kinds: PROPAGATION, source: `${V}:ValidatePropagationSpec` },
  'karmada-failover-toleration-seconds': { kinds: PROPAGATION, source: `${V}:ValidateApplicationFailover` },
  'karmada-failover-grace-period-purge-mode': { kinds: PROPAGATION, source: `${V}:ValidateApplicationFailover` },
  'karmada-failover-grace-period': { kinds: PROPAGATION, source: `${V}:ValidateApplicationFailover` },
  'karmada-state-preservation-label': { kinds: PROPAGATION, source: `${V}:validateStatePreservationRule` },
  'karmada-selector-namespace': { kinds: ['PropagationPolicy', 'OverridePolicy'], source: `${V}:validateResourceSelectors` },
  'karmada-preemption-selector-name': { kinds: PROPAGATION, source: `${V}:validateResourceSelectorsIfPreemptionEnabled` },
  'karmada-suspension-conflict': { kinds: PROPAGATION, source: `${V}:validateSuspension` },
  'karmada-override-target-cluster-conflict': { kinds: OVERRIDE, source: `${V}:ValidateOverrideSpec` },
  'karmada-override-overriders-conflict': { kinds: OVERRIDE, source: `${V}:ValidateOverrideSpec` },
  'karmada-override-annotations': { kinds: OVERRIDE, source: `${V}:ValidateOverrideRules` },
  'karmada-override-labels': { kinds: OVERRIDE, source: `${V}:ValidateOverrideRules` },
  'karmada-override-image-path': { kinds: OVERRIDE, source: `${V}:ValidateOverrideRules` },
  'karmada-field-overrider-format': { kinds: OVERRIDE, source: `${V}:ValidateOverrideRules` },
  'karmada-field-overrider-path': { kinds: OVERRIDE, source: `${V}:ValidateOverrideRules, validateJSONPatchSubPaths, validateYAMLPatchSubPaths` },
  'karmada-override-operator-value': { kinds: OVERRIDE, source: `${V}:validateOverrideOperator` },
  'karmada-mcs-name': { kinds: ['MultiClusterService'], source: `${MCS}:validateMCS` },
  'karmada-mcs-port-name': { kinds: ['MultiClusterService'], source: `${MCS}:validateExposurePort` },
  'karmada-mcs-port-number': { kinds: ['MultiClusterService'], source: `${MCS}:validateExposurePort` },
  'karmada-mcs-type': { kinds: ['MultiClusterService'], source: `${MCS}:validateExposureType` },
  'karmada-mcs-types-single': { kinds: ['MultiClusterService'], source: `${MCS}:validateMultiClusterServiceSpec` },
  'karmada-mcs-cluster-name': { kinds: ['MultiClusterService'], source: `${MCS}:validateMultiClusterServiceSpec` },
  'karmada-mci-backend': { kinds: ['MultiClusterIngress'], source: `${MCI}:ValidateIngressSpec, validateIngressBackend, validateIngressTypedLocalObjectReference` },
  'karmada-mci-host': { kinds: ['MultiClusterIngress'], source: `${MCI}:validateIngressRules` },
  'karmada-mci-path': { kinds: ['MultiClusterIngress'], source: `${MCI}:validateHTTPIngressRuleValue, validateHTTPIngressPath` },
  'karmada-mci-tls': { kinds: ['MultiClusterIngress'], source: `${MCI}:validateIngressTLS` },
  'karmada-mci-class-name': { kinds: ['MultiClusterIngress'], source: `${MCI}:ValidateIngressSpec` },
  'karmada-fhpa-min-replicas': { kinds: ['FederatedHPA'], source: `${FHPA}:validateFederatedHPASpec` },
  'karmada-fhpa-max-replicas': { kinds: ['FederatedHPA'], source: `${FHPA}:validateFederatedHPASpec` },
  'karmada-fhpa-max-below-min': { kinds: ['FederatedHPA'], source: `${FHPA}:validateFederatedHPASpec` },
  'karmada-scale-target-ref': { kinds: ['FederatedHPA', 'CronFederatedHPA'], source: `${FHPA}:ValidateCrossVersionObjectReference` },
  'karmada-fhpa-metric-type': { kinds: ['FederatedHPA'], source: `${FHPA}:validateMetricSpec` },
  'karmada-fhpa-metric-source': { kinds: ['FederatedHPA'], source: `${FHPA}:validateMetricSpec` },
  'karmada-fhpa-metric-target': { kinds: ['FederatedHPA'], source: `${FHPA}:validateMetricTarget and the per-source validators` },
  'karmada-fhpa-metric-name': { kinds: ['FederatedHPA'], source: `${FHPA}:validateMetricIdentifier, validateResourceSource, validateContainerResourceSource` },
  'karmada-fhpa-stabilization-window': { kinds: ['FederatedHPA'], source: `${FHPA}:validateScalingRules` },
  'karmada-fhpa-select-policy': { kinds: ['FederatedHPA'], source: `${FHPA}:validateScalingRules` },
  'karmada-fhpa-scaling-policies': { kinds: ['FederatedHPA'], source: `${FHPA}:validateScalingRules` },
  'karmada-fhpa-scaling-policy': { kinds: ['FederatedHPA'], source: `${FHPA}:validateScalingPolicy` },
  'karmada-cronfhpa-target-kind': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPASpec` },
  'karmada-cronfhpa-rule-name': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPARules` },
  'karmada-cronfhpa-schedule': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPARules` },
  'karmada-cronfhpa-time-zone': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPARules` },
  'karmada-cronfhpa-min-max-missing': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPAScalingReplicas` },
  'karmada-cronfhpa-min-max-positive': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPAScalingReplicas` },
  'karmada-cronfhpa-min-above-max': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPAScalingReplicas` },
  'karmada-cronfhpa-target-replicas': { kinds: ['CronFederatedHPA'], source: `${CRON}:validateCronFederatedHPAScalingReplicas` },
  'karmada-frq-name': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateFederatedResourceQuotaName` },
  'karmada-frq-resource-name': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateResourceList (lifted ValidateResourceQuotaResourceName)` },
  'karmada-frq-quantity': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateResourceList (lifted ValidateResourceQuantityValue)` },
  'karmada-frq-cluster-name': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateStaticAssignment` },
  'karmada-frq-overall-below-assignments': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateOverallAndAssignments` },
  'karmada-frq-assignment-outside-overall': { kinds: ['FederatedResourceQuota'], source: `${FRQ}:validateOverallAndAssignments` },
  'karmada-taint-policy-no-execute': { kinds: ['ClusterTaintPolicy'], source: 'pkg/webhook/clustertaintpolicy/validating.go:validatePolicyTaints' },
  'karmada-taint-policy-duplicate': { kinds: ['ClusterTaintPolicy'], source: 'pkg/webhook/clustertaintpolicy/validating.go:validatePolicyTaints' },
  'job-restart-policy': { kinds: ['Job', 'CronJob'], source: 'kubernetes pkg/apis/batch/validation/validation.go:validateJobSpec' },
} as const satisfies Record<string, AdmissionRule>;

export type AdmissionCode = keyof typeof ADMISSION_RULES;
