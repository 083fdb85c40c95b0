/**
 * Deliver through an OCM hub: one ManifestWork per ManagedCluster (in the cluster's namespace), for
 * clusters picked by name or decided by a Placement (its PlacementDecisions), server-side applied with the
 * same machinery as direct deploys; then follow each ManifestWork's Applied and Available conditions and
 * status feedback by watch. Withdrawing deletes the ManifestWorks and follows them (and the member
 * objects, where a context reaches the member) going away.
 */
import { assertControlPlaneAccess, type ControlPlaneSettings } from '../karmada/deploy';
import { memberResults, type ControlPlaneEvent, type MemberObjectResult } from '../karmada/events';
import type { ClusterClients } from '../kube/clients';
import { deleteFromClusters, deployToClusters } from '../kube/deploy';
import { ClusterError } from '../kube/errors';
import { EventChannel } from '../kube/eventChannel';
import { objectRef, type ResourceResolver } from '../kube/manifests';
import { untilGone } from '../kube/waitForObject';
import { ResourceWatch, type KubeObject } from '../kube/watch';
import { manifestWorkFor, settledWork, workEvents, workResult, workView, WORK_API, type WorkView } from './manifestWork';

export interface OcmTarget {
  /** ManifestWork name, the same in every cluster namespace. */
  name: string;
  clusters?: string[];
  placement?: { namespace: string; name: string };
}

export interface OcmSettings extends ControlPlaneSettings {
  memberContexts?: Record<string, string>;
}

const DECISIONS = '/apis/cluster.open-cluster-management.io/v1beta1';

/** The clusters a Placement decided, read from its PlacementDecisions as the work controllers do. */
export function decidedClusters(decisions: KubeObject[]): string[] {
  const names = decisions.flatMap((d) => ((d.status?.decisions ?? []) as { clusterName: string }[]).map((c) => c.clusterName));
  return [...new Set(names)].sort();
}

export async function placementDecisions(clients: ClusterClients, hub: string, placement: { namespace: string; name: string }, signal?: AbortSignal): Promise<string[]> {
  const list = await clients.request<{ items: KubeObject[] }>(hub, {
    path: `${DECISIONS}/namespaces/${encodeURIComponent(placement.namespace)}/placementdecisions`,
    query: { labelSelector: `cluster.open-cluster-management.io/placement=${placement.name}` },
    signal,
  });
  return decidedClusters(list.items);
}

/**
 * Whether the hub serves ManifestWorkReplicaSet. Serving the CRD is not running its controller (the
 * lab's hub has the CRD but no work hub controller), so Flotilla still writes one ManifestWork per decided
 * cluster and says so.
 */
export async function replicaSetServed(clients: ClusterClients, hub: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const list = await clients.request<{ resources?: { name: string }[] }>(hub, { path: '/apis/work.open-cluster-management.io/v1alpha1', signal });
    return (list.resources ?? []).some((r) => r.name === 'manifestworkreplicasets');
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'notFound') return false;
    throw err;
  }
}

async function targetClusters(clients: ClusterClients, hub: string, target: OcmTarget, signal?: AbortSignal): Promise<string[]> {
  if (target.clusters?.length) return [...target.clusters].sort();
  if (target.placement) return placementDecisions(clients, hub, target.placement, signal);
  throw new Error('pick ManagedClusters or a Placement to deliver to');
}

async function plurals(resolver: ResourceResolver, hub: string, objects: KubeObject[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (out.has(key)) continue;
    const found = await resolver.resolve(hub, o.apiVersion!, o.kind!, signal).catch(() => undefined);
    if (found) out.set(key, found.name);
  }
  return out;
}

export function manifestWorksFor(objects: KubeObject[], clusters: string[], name: string, resources: Map<string, string>): KubeObject[] {
  return clusters.map((c) => manifestWorkFor(objects, c, name, resources));
}

export function deliverThroughOcm(clients: ClusterClients, resolver: ResourceResolver, hub: string, objects: KubeObject[], target: OcmTarget, settings: OcmSettings): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  void (async () => {
    const clusters = await targetClusters(clients, hub, target, settings.signal);
    if (!clusters.length) {
      channel.push({ type: 'done', results: [], problems: [{ template: `ManifestWork ${target.name}`, message: `${hub}: Placement ${target.placement?.namespace}/${target.placement?.name} decided no cluster` }] });
      return channel.end();
    }
    const works = manifestWorksFor(objects, clusters, target.name, await plurals(resolver, hub, objects, settings.signal));
    await assertControlPlaneAccess(clients, resolver, hub, 'OCM hub', works, settings);
    const [outcome] = await deployToClusters(clients, resolver, [hub], works, settings);
    channel.push({ type: 'applied', controlPlane: hub, outcome });
    const failed = new Set(outcome.objects.filter((o) => o.result === 'failed').map((o) => o.ref));
    const followed = clusters.filter((c) => !failed.has(`ManifestWork ${c}/${target.name}`));
    for await (const e of followManifestWorks(clients, hub, target.name, followed, settings)) {
      if (e.type === 'done') {
        const lost = outcome.objects.filter((o) => o.result === 'failed').map((o) => ({ cluster: o.ref.split(' ')[1].split('/')[0], controlPlane: hub, ok: false, summary: `${hub}: ${o.reason}`, objects: [] }));
        channel.push({ ...e, results: [...e.results, ...lost].sort((a, b) => a.cluster.localeCompare(b.cluster)) });
      } else channel.push(e);
    }
    channel.end();
  })().catch((err) => channel.end(err));
  return channel;
}

/** One watch over every cluster namespace's ManifestWork of that name; ends with a result per cluster. */
export function followManifestWorks(clients: ClusterClients, hub: string, name: string, clusters: string[], settings: OcmSettings): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  const template = `ManifestWork ${name}`;
  const views = new Map<string, WorkView>();
  const watch = new ResourceWatch(clients, hub, `/apis/${WORK_API}/manifestworks?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`, {
    timeoutMs: settings.timeoutMs,
    backoff: { initialMs: 200, maxMs: 5_000 },
  });
  let finished = false;
  const finish = (why?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    settings.signal?.removeEventListener('abort', onAbort);
    watch.stop();
    const perMember = new Map<string, MemberObjectResult[]>();
    const reason = why && watch.error ? `${why}; ${hub}: ${watch.error.describe()}` : why;
    for (const c of clusters) perMember.set(c, [workResult(template, views.get(c) ?? workView(undefined), reason)]);
    channel.push({ type: 'done', results: memberResults(hub, perMember), problems: [] });
    channel.end();
  };
  watch.onChange(() => {
    if (finished || watch.state !== 'live') return;
    const byCluster = new Map(watch.items().map((w) => [w.metadata.namespace!, w]));
    for (const c of clusters) {
      const next = workView(byCluster.get(c));
      channel.push(...workEvents(template, c, views.get(c), next));
      views.set(c, next);
    }
    if (clusters.every((c) => settledWork(views.get(c)!))) finish();
  });
  const onAbort = () => finish('stopped following');
  const timer = setTimeout(() => finish(`not done after ${Math.round((settings.followMs ?? 300_000) / 1000)} s`), settings.followMs ?? 300_000);
  if (settings.signal?.aborted) onAbort();
  else settings.signal?.addEventListener('abort', onAbort, { once: true });
  if (!clusters.length) finish();
  else watch.start();
  return channel;
}

/** Deletes the ManifestWorks and follows them, and the member objects where a context reaches the member, going away. */
export function withdrawThroughOcm(clients: ClusterClients, resolver: ResourceResolver, hub: string, objects: KubeObject[], target: OcmTarget, settings: OcmSettings): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  const following = AbortSignal.any([settings.signal ?? new AbortController().signal, AbortSignal.timeout(settings.followMs ?? 300_000)]);
  const watchOptions = { timeoutMs: settings.timeoutMs, backoff: { initialMs: 200, maxMs: 5_000 } };
  const template = `ManifestWork ${target.name}`;
  void (async () => {
    const clusters = await targetClusters(clients, hub, target, settings.signal);
    const works = clusters.map((c) => ({ apiVersion: WORK_API, kind: 'ManifestWork', metadata: { name: target.name, namespace: c } }));
    await assertControlPlaneAccess(clients, resolver, hub, 'OCM hub', works, settings, ['delete']);
    const [outcome] = await deleteFromClusters(clients, resolver, [hub], works, settings);
    channel.push({ type: 'applied', controlPlane: hub, outcome });
    const perMember = new Map<string, MemberObjectResult[]>();
    await Promise.all(clusters.map(async (cluster) => {
      const gone = await untilGone(new ResourceWatch(clients, hub, `/apis/${WORK_API}/namespaces/${cluster}/manifestworks?fieldSelector=${encodeURIComponent(`metadata.name=${target.name}`)}`, watchOptions), following);
      if (!gone) return void perMember.set(cluster, [{ ref: template, ok: false, state: `ManifestWork ${cluster}/${target.name} still there (${settings.signal?.aborted ? 'stopped following' : 'not removed in time'})` }]);
      const context = settings.memberContexts?.[cluster];
      const results: MemberObjectResult[] = [{ ref: template, ok: true, state: 'ManifestWork removed' }];
      for (const o of context ? objects.filter((x) => x.kind !== 'Namespace') : []) {
        const { path } = await resolver.pathFor(context!, o, following);
        const collection = `${path.slice(0, path.lastIndexOf('/'))}?fieldSelector=${encodeURIComponent(`metadata.name=${o.metadata.name}`)}`;
        const left = await untilGone(new ResourceWatch(clients, context!, collection, watchOptions), following);
        results.push({ ref: objectRef(o), ok: left, state: left ? 'removed' : `still on ${cluster}` });
      }
      if (results.every((r) => r.ok)) channel.push({ type: 'cleared', template, cluster });
      perMember.set(cluster, results);
    }));
    channel.push({ type: 'done', results: memberResults(hub, perMember), problems: [] });
    channel.end();
  })().catch((err) => channel.end(err));
  return channel;
}
