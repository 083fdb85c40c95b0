/**
 * Resource names and quantities as Karmada's webhook checks them (pkg/util/lifted/corehelpers.go,
 * corev1helpers.go, corevalidation.go, lifted from Kubernetes' core validation).
 */
import { isQualifiedName } from './names';

const QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_RESOURCES = new Set([...QUOTA_RESOURCES, 'storage']);
const INTEGER_RESOURCES = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isQuotaHugePages = (name: string) => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');

function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** validateResourceName: a qualified name; unprefixed names must be standard ones. */
function resourceNameProblems(name: string): string[] {
  const problems = isQualifiedName(name);
  if (problems.length) return problems;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isQuotaHugePages(name)) return ['must be a standard resource type or fully qualified'];
  return [];
}

/** ValidateResourceQuotaResourceName. */
export function quotaResourceNameProblems(name: string): string[] {
  const problems = resourceNameProblems(name);
  if (!name.includes('/') && !QUOTA_RESOURCES.has(name) && !isQuotaHugePages(name)) return [...problems, 'must be a standard resource for quota'];
  return problems;
}

/** ValidateContainerResourceName. */
export function containerResourceNameProblems(name: string): string[] {
  const problems = resourceNameProblems(name);
  if (!name.includes('/')) return CONTAINER_RESOURCES.has(name) || name.startsWith('hugepages-') ? problems : [...problems, 'must be a standard resource for containers'];
  if (!isNative(name) && !isExtended(name)) return [...problems, "doesn't follow extended resource name standard"];
  return problems;
}

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** -1, 0 or 1 for a well-formed quantity (a YAML number or a quantity string); undefined when malformed. */
export function quantitySign(value: unknown): -1 | 0 | 1 | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (Math.sign(value) as -1 | 0 | 1) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  if (!/[1-9]/.test(match[2])) return 0;
  return match[1] === '-' ? -1 : 1;
}

/** ValidateResourceQuantityValue: not negative; whole units for countable resources. */
export function quantityValueProblems(resource: string, value: unknown, milli: number | undefined): string[] {
  const problems: string[] = [];
  if (quantitySign(value) === -1) problems.push('must be greater than or equal to 0');
  const integer = INTEGER_RESOURCES.has(resource) || isExtended(resource);
  if (integer && milli !== undefined && milli % 1000 !== 0) problems.push('must be an integer');
  return problems;
}
