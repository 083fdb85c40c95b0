import { asArray, asObj, asString, asStringArray, field, identityOf } from './objects';
import { parseResourceList, type ResourceList } from './quantity';
import { parseResourceModels, type ResourceModels } from './karmada/resourceModels';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface ResourceSummary {
  allocatable: ResourceList;
  allocated: ResourceList;
  allocating: ResourceList;
}

/** A member cluster as the schedulers see it, read from a Karmada Cluster, KubeFedCluster or OCM ManagedCluster. */
export interface MemberCluster {
  name: string;
  kind: string;
  labels: Record<string, string>;
  provider?: string;
  region?: string;
  zones: string[];
  taints: Taint[];
  /** groupVersion -> kinds; undefined when the cluster reports no API enablements. */
  apiEnablements?: Map<string, Set<string>>;
  resourceSummary?: ResourceSummary;
  /** Karmada's resource models with the node count per grade, when the cluster reports them. */
  resourceModels?: ResourceModels;
  deleting: boolean;
  /** OCM cluster claims (status.clusterClaims). */
  claims: Record<string, string>;
  /** OCM ManagedCluster status.allocatable and status.capacity (milli-units), for the resource prioritizers. */
  allocatable?: ResourceList;
  capacity?: ResourceList;
  /** The Ready condition (Karmada Ready, KubeFed Ready, OCM ManagedClusterConditionAvailable); undefined if unreported. */
  ready?: boolean;
}

export const MEMBER_KINDS = new Set(['Cluster', 'KubeFedCluster', 'ManagedCluster']);

function parseTaints(value: unknown): Taint[] {
  return asArray(value).flatMap((raw) => {
    const o = asObj(raw);
    const key = asString(o?.key);
    const effect = asString(o?.effect);
    return o && key !== undefined && effect ? [{ key, value: asString(o.value), effect }] : [];
  });
}

function parseApiEnablements(value: unknown): Map<string, Set<string>> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Map<string, Set<string>>();
  for (const raw of value) {
    const groupVersion = asString(field(raw, 'groupVersion'));
    if (groupVersion === undefined) continue;
    const kinds = out.get(groupVersion) ?? new Set<string>();
    for (const resource of asArray(field(raw, 'resources'))) {
      const kind = asString(field(resource, 'kind'));
      if (kind) kinds.add(kind);
    }
    out.set(groupVersion, kinds);
  }
  return out;
}

function parseResourceSummary(value: unknown): ResourceSummary | undefined {
  const o = asObj(value);
  if (!o) return undefined;
  return {
    allocatable: parseResourceList(o.allocatable),
    allocated: parseResourceList(o.allocated),
    allocating: parseResourceList(o.allocating),
  };
}

function readyCondition(conditions: unknown, types: string[]): boolean | undefined {
  for (const raw of asArray(conditions)) {
    const type = asString(field(raw, 'type'));
    if (type && types.includes(type)) return asString(field(raw, 'status')) === 'True';
  }
  return undefined;
}

function parseClaims(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of asArray(value)) {
    const name = asString(field(raw, 'name'));
    if (name) out[name] = asString(field(raw, 'value')) ?? '';
  }
  return out;
}

/** Reads one member cluster object; undefined when it is not a Cluster/KubeFedCluster/ManagedCluster with a name. */
export function parseMemberCluster(object: unknown): MemberCluster | undefined {
  const id = identityOf(object);
  if (!MEMBER_KINDS.has(id.kind) || !id.name) return undefined;
  const spec = asObj(field(object, 'spec')) ?? {};
  const status = asObj(field(object, 'status')) ?? {};
  const zone = asString(spec.zone);
  const zones = asStringArray(spec.zones);
  return {
    name: id.name,
    kind: id.kind,
    labels: id.labels,
    provider: asString(spec.provider) || undefined,
    region: asString(spec.region) || undefined,
    zones: zones.length ? zones : zone ? [zone] : [],
    taints: parseTaints(spec.taints),
    apiEnablements: id.kind === 'Cluster' ? parseApiEnablements(status.apiEnablements) : undefined,
    resourceSummary: parseResourceSummary(status.resourceSummary),
    resourceModels: id.kind === 'Cluster' ? parseResourceModels(object) : undefined,
    deleting: field(object, 'metadata', 'deletionTimestamp') !== undefined,
    claims: parseClaims(status.clusterClaims),
    ...(id.kind === 'ManagedCluster' ? { allocatable: parseResourceList(status.allocatable), capacity: parseResourceList(status.capacity) } : {}),
    ready: readyCondition(status.conditions, ['Ready', 'ManagedClusterConditionAvailable']),
  };
}

/** Flattens documents and `List`s (kind ending in List with items) into member clusters, in input order. */
export function parseMemberClusters(documents: unknown[]): MemberCluster[] {
  const out: MemberCluster[] = [];
  for (const doc of documents) {
    const items = field(doc, 'items');
    if (Array.isArray(items)) out.push(...parseMemberClusters(items));
    else {
      const member = parseMemberCluster(doc);
      if (member) out.push(member);
    }
  }
  return out;
}
