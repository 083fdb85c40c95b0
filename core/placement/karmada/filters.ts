import { requirementMismatch, selectorMismatch } from '../labelSelector';
import type { MemberCluster } from '../members';
import type { ClusterAffinity, SpreadConstraint, Toleration } from './policy';

/** Each filter returns why the cluster is rejected, or undefined when it passes. */

function fieldValues(cluster: MemberCluster, key: string): string[] | undefined {
  switch (key) {
    case 'provider':
      return cluster.provider ? [cluster.provider] : [];
    case 'region':
      return cluster.region ? [cluster.region] : [];
    case 'zone':
      return cluster.zones;
    default:
      return undefined;
  }
}

function fieldSelectorMismatch(affinity: ClusterAffinity, cluster: MemberCluster): string | undefined {
  for (const req of affinity.fieldSelector) {
    const values = fieldValues(cluster, req.key);
    if (values === undefined) return `fieldSelector key ${req.key} is not one of provider, region, zone`;
    const shown = values.length ? values.join(',') : '<unset>';
    if (req.operator === 'In') {
      if (values.length === 0 || !values.every((v) => req.values.includes(v))) return `${req.key} ${shown} is not in [${req.values.join(', ')}]`;
    } else if (req.operator === 'NotIn') {
      if (values.some((v) => req.values.includes(v))) return `${req.key} ${shown} is in [${req.values.join(', ')}]`;
    } else {
      const why = requirementMismatch(req, values.length ? { [req.key]: values[0] } : {});
      if (why) return `fieldSelector: ${why}`;
    }
  }
  return undefined;
}

export function affinityMismatch(affinity: ClusterAffinity, cluster: MemberCluster): string | undefined {
  if (affinity.exclude.includes(cluster.name)) return 'listed in clusterAffinity.exclude';
  if (affinity.clusterNames.length && !affinity.clusterNames.includes(cluster.name)) return 'not listed in clusterAffinity.clusterNames';
  const label = selectorMismatch(affinity.labelSelector, cluster.labels);
  if (label) return `labelSelector: ${label}`;
  return fieldSelectorMismatch(affinity, cluster);
}

export function tolerates(toleration: Toleration, taint: { key: string; value?: string; effect: string }): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

export function taintMismatch(tolerations: Toleration[], cluster: MemberCluster): string | undefined {
  for (const taint of cluster.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => tolerates(t, taint))) {
      return `untolerated taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
    }
  }
  return undefined;
}

export function apiEnablementMismatch(apiVersion: string, kind: string, cluster: MemberCluster): string | undefined {
  if (!cluster.apiEnablements) return undefined;
  if (cluster.apiEnablements.get(apiVersion)?.has(kind)) return undefined;
  return `API ${apiVersion} ${kind} is not enabled in the cluster (status.apiEnablements)`;
}

export function spreadValue(constraint: SpreadConstraint, cluster: MemberCluster): string | undefined {
  if (constraint.byLabel) return cluster.labels[constraint.byLabel] || undefined;
  switch (constraint.byField) {
    case 'cluster':
      return cluster.name;
    case 'region':
      return cluster.region;
    case 'zone':
      return cluster.zones.length ? [...cluster.zones].sort().join(',') : undefined;
    case 'provider':
      return cluster.provider;
    default:
      return undefined;
  }
}

/** As karmada-scheduler's SpreadConstraint filter: a cluster lacking the provider, region or zones a constraint spreads by is out; labels are never checked. */
export function spreadMismatch(constraints: SpreadConstraint[], cluster: MemberCluster): string | undefined {
  for (const c of constraints) {
    if (!c.byLabel && spreadValue(c, cluster) === undefined) return `has no ${c.byField} to spread by`;
  }
  return undefined;
}
