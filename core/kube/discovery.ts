/**
 * Finds federation control planes among the kubeconfig's contexts (Karmada, OCM, KubeFed), lists their
 * member clusters with health from conditions, and matches each member to a kubeconfig context by
 * server URL (normalized) or by name. Contexts that play no part in a federation are "standalone".
 */
import type { ClusterClients } from './clients';
import { ClusterError } from './errors';
import { itemsWithKinds } from './listItems';
import { karmadaProxyRoute } from '../karmada/proxyRoute';
import { fanOut } from './fanout';
import { normalizeServer } from './kubeconfig';
import type { KubeList, KubeObject } from './watch';
import type { Health } from './workloads';

export type FederationKind = 'Karmada' | 'OCM' | 'KubeFed';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface FederationMember {
  name: string;
  /** The kubeconfig context that reaches this member, if any. */
  context?: string;
  server?: string;
  health: Health;
  healthDetail: string;
  labels: Record<string, string>;
  taints: Taint[];
  object: KubeObject;
}

export interface Federation {
  kind: FederationKind;
  /** Context of the control plane. */
  context: string;
  server: string;
  members: FederationMember[];
}

export interface FederationDiscovery {
  federations: Federation[];
  /** Contexts that are neither a control plane nor a matched member, in kubeconfig order. */
  standalone: string[];
  /** Contexts whose discovery failed, with why. */
  errors: Map<string, ClusterError>;
  /** Server version per reachable context ("v1.34.1"). */
  versions: Map<string, string>;
}

interface KindSpec {
  kind: FederationKind;
  /** Every group that must be served for the control plane to count. */
  groups: string[];
  membersPath: string;
  endpoint: (o: KubeObject) => string | undefined;
  readyCondition: string;
}

const KINDS: KindSpec[] = [
  {
    kind: 'Karmada',
    groups: ['policy.karmada.io', 'cluster.karmada.io'],
    membersPath: '/apis/cluster.karmada.io/v1alpha1/clusters',
    endpoint: (o) => o.spec?.apiEndpoint as string | undefined,
    readyCondition: 'Ready',
  },
  {
    kind: 'OCM',
    groups: ['cluster.open-cluster-management.io'],
    membersPath: '/apis/cluster.open-cluster-management.io/v1/managedclusters',
    endpoint: (o) => (o.spec?.managedClusterClientConfigs as { url?: string }[] | undefined)?.[0]?.url,
    readyCondition: 'ManagedClusterConditionAvailable',
  },
  {
    kind: 'KubeFed',
    groups: ['core.kubefed.io'],
    membersPath: '/apis/core.kubefed.io/v1beta1/kubefedclusters',
    endpoint: (o) => o.spec?.apiEndpoint as string | undefined,
    readyCondition: 'Ready',
  },
];

/** The control plane's collection of member objects (Clusters, ManagedClusters, KubeFedClusters). */
export function membersPath(kind: FederationKind): string {
  return KINDS.find((k) => k.kind === kind)!.membersPath;
}

export const MEMBERS_PATHS: ReadonlySet<string> = new Set(KINDS.map((k) => k.membersPath));

/** The members of a federation as `objects` (a fresh list or a watch's items) describe them. */
export function membersFrom(f: Pick<Federation, 'kind' | 'context'>, objects: KubeObject[], clients: ClusterClients): FederationMember[] {
  const spec = KINDS.find((k) => k.kind === f.kind)!;
  return objects.map((o) => toMember(o, spec, clients, f.context));
}

export function federationLabel(f: Pick<Federation, 'kind' | 'context'>): string {
  return `${f.kind} on ${f.context}`;
}

export function memberHealth(obj: KubeObject, readyCondition: string): { health: Health; detail: string } {
  const conditions = (obj.status?.conditions ?? []) as { type?: string; status?: string; reason?: string; message?: string }[];
  const ready = conditions.find((c) => c.type === readyCondition);
  if (!ready) return { health: 'unknown', detail: 'no status reported' };
  const text = `${ready.type}=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}${ready.message ? `: ${ready.message}` : ''}`;
  return { health: ready.status === 'True' ? 'healthy' : 'degraded', detail: text };
}

interface Probe {
  version?: string;
  found: { spec: KindSpec; members: KubeObject[] }[];
}

async function probe(clients: ClusterClients, context: string, signal: AbortSignal): Promise<Probe> {
  const [groups, version] = await Promise.all([
    clients.request<{ groups?: { name: string }[] }>(context, { path: '/apis', signal }),
    clients.request<{ gitVersion?: string }>(context, { path: '/version', signal }).catch(() => undefined),
  ]);
  const served = new Set((groups.groups ?? []).map((g) => g.name));
  const found: Probe['found'] = [];
  for (const spec of KINDS) {
    if (!spec.groups.every((g) => served.has(g))) continue;
    // An OCM member serves the OCM cluster group too (ClusterClaims), but no ManagedClusters.
    const list = await clients.request<KubeList>(context, { path: spec.membersPath, signal }).catch((err: unknown) => {
      if (err instanceof ClusterError && err.kind === 'notFound') return undefined;
      throw err;
    });
    if (list) found.push({ spec, members: itemsWithKinds(list) });
  }
  return { version: version?.gitVersion, found };
}

export async function discoverFederations(
  clients: ClusterClients,
  options: { concurrency: number; timeoutMs: number; signal?: AbortSignal },
): Promise<FederationDiscovery> {
  const contexts = clients.config.contexts;
  const usable = contexts.filter((c) => !clients.problem(c.name)).map((c) => c.name);
  const results = await fanOut(usable, (ctx, signal) => probe(clients, ctx, signal), options);
  const errors = new Map<string, ClusterError>();
  const versions = new Map<string, string>();
  const federations: Federation[] = [];
  const seen = new Set<string>();
  const used = new Set<string>();
  for (const result of results) {
    if (!result.ok) {
      errors.set(result.cluster, result.error);
      continue;
    }
    if (result.value.version) versions.set(result.cluster, result.value.version);
    const server = clients.context(result.cluster)?.server ?? '';
    for (const { spec, members } of result.value.found) {
      const id = `${spec.kind}@${normalizeServer(server)}`;
      if (seen.has(id)) continue; // a second context (e.g. a viewer) onto the same control plane
      seen.add(id);
      used.add(result.cluster);
      federations.push({
        kind: spec.kind,
        context: result.cluster,
        server,
        members: members.map((m) => toMember(m, spec, clients, result.cluster)),
      });
    }
  }
  reachThroughKarmada(federations);
  for (const f of federations) for (const m of f.members) if (m.context) used.add(m.context);
  const standalone = contexts.map((c) => c.name).filter((n) => !used.has(n));
  return { federations, standalone, errors, versions };
}

/** A member of another federation (OCM) that no context reaches takes the Karmada proxy route to the same server. */
export function reachThroughKarmada(federations: Federation[]): void {
  const routed = new Map<string, string>();
  for (const f of federations) {
    if (f.kind !== 'Karmada') continue;
    for (const m of f.members) if (m.context && m.server) routed.set(normalizeServer(m.server), m.context);
  }
  for (const f of federations) {
    for (const m of f.members) if (!m.context && m.server) m.context = routed.get(normalizeServer(m.server));
  }
}

/** A Karmada member no context reaches is reached through the control plane's cluster proxy. */
function toMember(obj: KubeObject, spec: KindSpec, clients: ClusterClients, controlPlane: string): FederationMember {
  const server = spec.endpoint(obj);
  const { health, detail } = memberHealth(obj, spec.readyCondition);
  const context = matchContext(obj.metadata.name, server, clients);
  return {
    name: obj.metadata.name,
    context: context ?? (spec.kind === 'Karmada' ? clients.addRoute(karmadaProxyRoute(controlPlane, obj.metadata.name)) : undefined),
    server,
    health,
    healthDetail: detail,
    labels: obj.metadata.labels ?? {},
    taints: ((obj.spec?.taints ?? []) as Taint[]).filter((t) => t && t.key),
    object: obj,
  };
}

/** Same server wins (the context named like the member first); otherwise a context with the member's name. */
export function matchContext(member: string, server: string | undefined, clients: ClusterClients): string | undefined {
  const contexts = clients.config.contexts;
  const wanted = normalizeServer(server);
  const sameServer = wanted ? contexts.filter((c) => normalizeServer(c.server) === wanted) : [];
  const pick =
    sameServer.find((c) => c.name === member) ??
    sameServer.find((c) => !clients.problem(c.name)) ??
    sameServer[0] ??
    contexts.find((c) => c.name === member);
  return pick?.name;
}
