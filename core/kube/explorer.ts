/**
 * The federation explorer's content, independent of VS Code: which nodes exist, their labels, health,
 * tooltips, and when they change. Watches run while a node that shows them is expanded (WatchPool);
 * changes are coalesced per cluster into one `onChange` per expanded node. What a control plane shows
 * of itself comes from its federation's builders (core/karmada, core/ocm).
 */
import type { FederationSnapshot } from '../protocol';
import { templateNodes, workNodes } from '../karmada/explorerNodes';
import { KARMADA_PATHS } from '../karmada/labels';
import { manifestWorkClusterNodes, manifestWorkNodes, OCM_PATHS } from '../ocm/explorerNodes';
import { OCM_PLACEMENT_INPUTS, PLACEMENT_INPUT_PATHS } from '../ocm/placementInputs';
import type { ClusterClients } from './clients';
import { discoverFederations, federationLabel, MEMBERS_PATHS, membersPath, type FederationDiscovery } from './discovery';
import type { ExplorerNode } from './explorerNode';
import { buildSnapshot } from './explorerSnapshot';
import { errorNode, memberNode, standaloneClusterNodes, versionLine } from './clusterNodes';
import { WatchPool } from './explorerWatches';
import { CHOOSE_KUBECONFIGS } from './fixes';
import { applyLiveMembers } from './liveMembers';
import { listedSoon, namespaceNodes, workloadNodes } from './namespaceNodes';
import { POLICY_SOURCES } from './policies';
import { policyChildSource, policyNodes, policyPaths } from './policyNodes';
import { controlPlaneNode, controlPlaneObject, type ControlPlaneObject } from './revealManaged';
import type { KubeObject, ResourceWatch } from './watch';
import { NAMESPACES_PATH, WORKLOAD_KINDS } from './workloads';

export type { ExplorerNode, NodeIcon, NodeKind } from './explorerNode';

export interface ExplorerSettings {
  timeoutMs: number;
  concurrency: number;
  /** How long changes on one cluster are gathered before one refresh fires. */
  coalesceMs?: number;
  /** The least time between two refreshes of one cluster's nodes (default 1 s). */
  minRefreshIntervalMs?: number;
  watchBackoff?: { initialMs: number; maxMs: number };
}

export class ExplorerModel {
  private discovery: Promise<FederationDiscovery> | undefined;
  private discoveryValue: FederationDiscovery | undefined;
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly pool: WatchPool;
  private readonly running = (context: string, path: string) => this.pool.running(context, path);
  private readonly changeListeners = new Set<(node: ExplorerNode | undefined) => void>();
  private readonly snapshotListeners = new Set<(snapshot: FederationSnapshot) => void>();
  private readonly collectionListeners = new Set<(context: string, path: string) => void>();
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Nodes whose children are being computed. A change event for such a node is not fired: the children
   * it is about to return already reflect the change, and VS Code loses a node's children when asked to
   * refresh it while its getChildren is still pending.
   */
  private readonly loading = new Set<string>();
  /** Refreshes held back while a node under them was loading (VS Code would drop that node's children too). */
  private readonly deferred = new Map<string, string>();
  /** What each node's children looked like when VS Code last asked: a node is refreshed only when they differ. */
  private readonly shown = new Map<string, string>();
  private readonly healthyLook = new Map<string, Pick<ExplorerNode, 'description' | 'icon' | 'tooltip'>>();
  /** Namespaces of clusters no watch follows, listed once for the snapshot until the next refresh. */
  private readonly listedNamespaces = new Map<string, string[]>();

  constructor(
    readonly clients: ClusterClients,
    private readonly settings: ExplorerSettings,
  ) {
    this.pool = new WatchPool(clients, settings, (context, ids) => this.refreshNodes(context, ids), (context, path) => this.changed(context, path));
  }

  onDidChange(listener: (node: ExplorerNode | undefined) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onSnapshot(listener: (snapshot: FederationSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Forget everything and rediscover on the next `roots()`. */
  refresh(): void {
    this.pool.dispose();
    this.nodes.clear();
    this.deferred.clear();
    this.shown.clear();
    this.listedNamespaces.clear();
    this.discovery = undefined;
    this.fire(undefined);
  }

  dispose(): void {
    this.refresh();
    this.changeListeners.clear();
    this.snapshotListeners.clear();
    this.collectionListeners.clear();
    clearTimeout(this.snapshotTimer);
  }

  discover(): Promise<FederationDiscovery> {
    this.discovery ??= discoverFederations(this.clients, this.settings).then((d) => {
      this.discoveryValue = d;
      this.scheduleSnapshot();
      return d;
    });
    return this.discovery;
  }

  /** The node a node is listed under, for VS Code's reveal. */
  parent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parentId ? this.nodes.get(node.parentId) : undefined;
  }

  private node(fields: ExplorerNode): ExplorerNode {
    this.healthyLook.delete(fields.id);
    const existing = this.nodes.get(fields.id);
    if (existing) {
      for (const key of Object.keys(existing)) delete (existing as unknown as Record<string, unknown>)[key];
      return Object.assign(existing, fields);
    }
    this.nodes.set(fields.id, fields);
    return fields;
  }

  async roots(): Promise<ExplorerNode[]> {
    const d = await this.discover();
    const out = d.federations.map((f) =>
      this.node({
        id: `fed/${f.kind}/${f.context}`,
        kind: 'federation',
        label: federationLabel(f),
        description: `${f.members.length} member${f.members.length === 1 ? '' : 's'}`,
        tooltip: `${f.kind} control plane\ncontext: ${f.context}\nserver: ${f.server}${versionLine(d, f.context)}`,
        icon: 'federation',
        contextValue: `federation.${f.kind}`,
        collapsible: true,
        context: f.context,
        clusterName: f.context,
        federation: f,
      }),
    );
    // Nothing to show: the view's welcome content says where Flotilla looks and how to choose files.
    if (!this.clients.config.contexts.length && !this.clients.config.fileProblems.length) return [];
    if (!out.length) {
      out.push(this.node({
        id: 'no-federation', kind: 'info', label: 'No federation control plane found', description: 'choose kubeconfig files',
        tooltip: `None of your ${this.clients.config.contexts.length} contexts answered with Karmada's Cluster API, OCM's ManagedClusters or KubeFed's KubeFedClusters.\nAdd the control plane's kubeconfig: click to choose files (flotilla.kubeconfigs).`,
        icon: 'unknown', contextValue: 'info', collapsible: false, fix: CHOOSE_KUBECONFIGS,
      }));
    }
    if (d.standalone.length || this.clients.config.fileProblems.length || !d.federations.length) {
      out.push(
        this.node({ id: 'clusters', kind: 'clusters', label: 'Clusters', description: `${d.standalone.length}`, icon: 'folder', contextValue: 'clusters', collapsible: true }),
      );
    }
    return out;
  }

  async children(parent: ExplorerNode): Promise<ExplorerNode[]> {
    this.loading.add(parent.id);
    this.deferred.delete(parent.id);
    try {
      const children = (await this.computeChildren(parent)).map((fields) => this.node({ parentId: parent.id, ...fields }));
      this.shown.set(parent.id, signature(children));
      return children;
    } finally {
      this.loading.delete(parent.id);
      this.fireDeferred();
    }
  }

  private async computeChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    switch (parent.kind) {
      case 'federation': {
        const f = parent.federation!;
        const [members] = this.pool.use(parent.id, f.context, [membersPath(f.kind)]);
        await members.ready();
        if (this.discoveryValue) applyLiveMembers(this.discoveryValue, this.running, this.clients);
        return this.federationChildren(parent);
      }
      case 'clusters':
        return standaloneClusterNodes(await this.discover(), this.clients);
      case 'member':
      case 'cluster':
        return this.clusterChildren(parent);
      case 'namespace':
        return this.namespaceChildren(parent);
      case 'policies':
        return this.policyChildren(parent);
      case 'policy':
        return this.policyDecisions(parent);
      case 'templates':
        return this.fromControlPlane(parent, [KARMADA_PATHS.resourceBindings, KARMADA_PATHS.clusterResourceBindings], ([rb, crb]) => templateNodes(parent, [...rb.items(), ...crb.items()]));
      case 'template': {
        const path = parent.resourceKind === 'ClusterResourceBinding' ? KARMADA_PATHS.clusterResourceBindings : KARMADA_PATHS.resourceBindings;
        return this.fromControlPlane(parent, [path, KARMADA_PATHS.works], ([bindings, works]) => {
          const binding = bindings.items().find((b) => b.metadata.name === parent.name && (b.metadata.namespace ?? '') === (parent.namespace ?? ''));
          return binding ? workNodes(parent, binding, works.items()) : [];
        });
      }
      case 'manifestWorks':
        return this.fromControlPlane(parent, [OCM_PATHS.manifestWorks], ([works]) => manifestWorkClusterNodes(parent, works.items()));
      case 'manifestWorkCluster':
        return this.fromControlPlane(parent, [OCM_PATHS.manifestWorks], ([works]) => manifestWorkNodes(parent, works.items()));
      default:
        return [];
    }
  }

  /** Call when VS Code collapses a node: watches that no expanded node shows any more stop. */
  collapsed(node: ExplorerNode): void {
    this.pool.collapsed(node.id);
  }

  /** Children computed from collections of the node's control plane, watched while the node is expanded. */
  private async fromControlPlane(parent: ExplorerNode, paths: string[], build: (watches: ResourceWatch[]) => ExplorerNode[]): Promise<ExplorerNode[]> {
    const watches = this.pool.use(parent.id, parent.context!, paths);
    await Promise.all(watches.map((w) => w.ready()));
    const failed = watches.find((w) => w.state === 'error' && w.error?.kind !== 'notFound');
    if (failed) return [errorNode(parent, this.clients, failed.error!)];
    return build(watches);
  }

  private federationChildren(parent: ExplorerNode): ExplorerNode[] {
    const f = parent.federation!;
    const out = f.members.map((m) => memberNode(parent, f, m, this.clients, this.discoveryValue));
    const folder = (kind: ExplorerNode['kind'], label: string, description: string, tooltip: string): ExplorerNode => ({
      id: `${parent.id}/${kind}`, kind, label, description, tooltip, icon: 'folder', contextValue: kind, collapsible: true, context: f.context, clusterName: f.context, federation: f,
    });
    if (f.kind === 'Karmada') out.push(folder('templates', 'Resource Templates', 'ResourceBindings', `The objects Karmada on ${f.context} propagates (each has a ResourceBinding or ClusterResourceBinding): where they run, their health, their Works per member.`));
    if (f.kind === 'OCM') out.push(folder('manifestWorks', 'ManifestWorks', 'per cluster', `ManifestWorks on the hub ${f.context}, by managed cluster, with their Applied, Available and Degraded conditions.`));
    if (POLICY_SOURCES[f.kind]) out.push(folder('policies', 'Policies', POLICY_SOURCES[f.kind]!.title, `${POLICY_SOURCES[f.kind]!.title} on ${f.context} and where they place.`));
    return out;
  }

  /** Every change a watch of the tree delivers, before coalescing (what a refresh could follow from). */
  onCollectionChange(listener: (context: string, path: string) => void): () => void {
    this.collectionListeners.add(listener);
    return () => this.collectionListeners.delete(listener);
  }

  /** Every change seen by a watch, before coalescing. */
  private changed(context: string, path: string): void {
    for (const l of this.collectionListeners) l(context, path);
    if (path === NAMESPACES_PATH || MEMBERS_PATHS.has(path) || PLACEMENT_INPUT_PATHS.has(path)) this.scheduleSnapshot();
  }

  /**
   * Refreshes the expanded nodes that show a changed collection (ancestors first), but only those whose
   * row or children look different now, and not under a node refreshed in the same batch (that refresh
   * covers its subtree). Every needless refresh is another chance for VS Code to drop an expanding row's
   * children.
   */
  private async refreshNodes(context: string, ids: string[]): Promise<void> {
    const fired: string[] = [];
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (!node || this.loading.has(id) || fired.some((f) => id.startsWith(`${f}/`))) continue;
      if (this.loadingUnder(id)) {
        this.deferred.set(id, context);
        continue;
      }
      const row = rowSignature(node);
      this.showConnection(node, context);
      if (row === rowSignature(node) && !(await this.childrenChanged(node))) continue;
      if (this.loading.has(id) || this.loadingUnder(id)) {
        this.deferred.set(id, context);
        continue;
      }
      fired.push(id);
      this.fire(node);
    }
  }

  private async childrenChanged(node: ExplorerNode): Promise<boolean> {
    const before = this.shown.get(node.id);
    if (before === undefined) return true;
    try {
      return signature((await this.computeChildren(node)).map((fields) => ({ parentId: node.id, ...fields }))) !== before;
    } catch {
      return true;
    }
  }

  private loadingUnder(id: string): boolean {
    for (const loading of this.loading) if (loading.startsWith(`${id}/`)) return true;
    return false;
  }

  private fireDeferred(): void {
    for (const [id, context] of this.deferred) {
      if (this.loading.has(id) || this.loadingUnder(id)) continue;
      this.deferred.delete(id);
      void this.refreshNodes(context, [id]);
    }
  }

  /** A member or cluster node says on its own row when its cluster stops answering, and recovers. */
  private showConnection(node: ExplorerNode, context: string): void {
    if (node.kind !== 'member' && node.kind !== 'cluster') return;
    const healthy = this.healthyLook.get(node.id) ?? { description: node.description, icon: node.icon, tooltip: node.tooltip };
    this.healthyLook.set(node.id, healthy);
    const namespaces = this.pool.running(context, NAMESPACES_PATH);
    const error = namespaces?.state === 'error' ? namespaces.error : undefined;
    node.description = error ? error.describe() : healthy.description;
    node.icon = error ? 'error' : healthy.icon;
    node.tooltip = error ? `${healthy.tooltip ?? ''}\nerror: ${error.describe()}` : healthy.tooltip;
  }

  private fire(node: ExplorerNode | undefined): void {
    for (const l of this.changeListeners) l(node);
  }

  private async clusterChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const context = parent.context!;
    const [namespaces, ...workloads] = this.pool.use(parent.id, context, [NAMESPACES_PATH, ...WORKLOAD_KINDS.map((k) => k.path)]);
    await namespaces.ready();
    if (namespaces.state === 'error') return [errorNode(parent, this.clients, namespaces.error!)];
    return namespaceNodes(parent, namespaces, await listedSoon(workloads));
  }

  /** Reads the member's watches; registering them too keeps them until this node collapses as well. */
  private async namespaceChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const watches = this.pool.use(parent.id, parent.context!, WORKLOAD_KINDS.map((k) => k.path));
    await Promise.all(watches.map((w) => w.ready()));
    return workloadNodes(parent, watches);
  }

  private async policyChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const watches = this.pool.use(parent.id, parent.context!, policyPaths(parent.federation!.kind));
    await Promise.all(watches.map((w) => w.ready()));
    return policyNodes(parent, watches, this.clients);
  }

  /** A Karmada policy's bindings; an OCM Placement's decisions. */
  private policyDecisions(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const { paths, build } = policyChildSource(parent);
    return this.fromControlPlane(parent, paths, build);
  }

  /** The control plane node a member's managed object comes from (see revealManaged.ts). */
  async controlPlaneNode(node: ExplorerNode): Promise<ExplorerNode | undefined> {
    return controlPlaneNode({ roots: () => this.roots(), children: (n) => this.children(n) }, node);
  }

  /** Where the object behind a managed node can be read: its binding or ManifestWork on the control plane. */
  async controlPlaneObject(node: ExplorerNode): Promise<ControlPlaneObject | undefined> {
    return controlPlaneObject(await this.roots(), node);
  }

  private scheduleSnapshot(): void {
    if (this.snapshotTimer || !this.snapshotListeners.size) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.snapshot().then((s) => {
        for (const l of this.snapshotListeners) l(s);
      });
    }, this.settings.coalesceMs ?? 150);
  }

  /** Members and standalone clusters with labels, taints and (once listed) namespaces. */
  async snapshot(): Promise<FederationSnapshot> {
    const d = await this.discover();
    applyLiveMembers(d, this.running, this.clients);
    const watched = (ctx: string) => this.pool.running(ctx, NAMESPACES_PATH)?.items().map((n) => n.metadata.name).sort();
    if (this.snapshotListeners.size) this.watchPlacementInputs(d);
    return buildSnapshot(d, this.clients, this.settings, (ctx) => watched(ctx) ?? this.listedNamespaces.get(ctx), (ctx, names) => this.listedNamespaces.set(ctx, names), (hub) => this.watchedPlacementInputs(hub));
  }

  /** While someone follows the snapshot, the OCM hubs' decisions, scores, sets and bindings are watched: a new decision updates the lens. */
  private watchPlacementInputs(d: FederationDiscovery): void {
    for (const f of d.federations) {
      if (f.kind === 'OCM' && !this.clients.problem(f.context)) this.pool.use(`placement-inputs:${f.context}`, f.context, [...PLACEMENT_INPUT_PATHS]);
    }
  }

  /** A hub's placement inputs from its watches once all have listed; an optional API the hub lacks counts as empty. */
  private watchedPlacementInputs(hub: string): KubeObject[] | undefined {
    const out: KubeObject[] = [];
    for (const source of OCM_PLACEMENT_INPUTS) {
      const w = this.pool.running(hub, source.path);
      if (w?.state === 'live') out.push(...w.items());
      else if (!(w?.state === 'error' && source.optional && w.error?.kind === 'notFound')) return undefined;
    }
    return out;
  }
}

const rowSignature = (n: ExplorerNode) => JSON.stringify([n.label, n.description, n.icon, n.tooltip, n.collapsible, n.contextValue]);
const signature = (nodes: ExplorerNode[]) => JSON.stringify(nodes.map((n) => [n.id, rowSignature(n)]));
