/**
 * The federation explorer's content, independent of VS Code: which nodes exist, their labels, health,
 * tooltips, and when they change. Watches run per cluster and resource type while a cluster node is
 * expanded; changes are coalesced per cluster into one `onChange` per expanded node.
 */
import type { FederationSnapshot, SnapshotCluster } from '../protocol';
import type { ClusterClients } from './clients';
import { discoverFederations, federationLabel, type Federation, type FederationDiscovery, type FederationMember } from './discovery';
import type { ClusterError } from './errors';
import { CHOOSE_KUBECONFIGS, fixForError, fixForProblem, NO_MEMBER_CONTEXT, openKubeconfig, type ProblemFix } from './fixes';
import { placementsFor, POLICY_SOURCES } from './policies';
import { fanOut } from './fanout';
import { ResourceWatch, type KubeList } from './watch';
import { NAMESPACES_PATH, summarize, WORKLOAD_KINDS, workloadLabel, type Health } from './workloads';

/** The label OCM puts on a ManagedCluster naming its ManagedClusterSet. */
const CLUSTER_SET_LABEL = 'cluster.open-cluster-management.io/clusterset';
const MANAGED_CLUSTER_SETS_PATH = '/apis/cluster.open-cluster-management.io/v1beta2/managedclustersets';

export type NodeIcon = Health | 'federation' | 'folder' | 'namespace' | 'policy' | 'cluster';

export type NodeKind = 'federation' | 'member' | 'cluster' | 'policies' | 'policy' | 'clusters' | 'namespace' | 'workload' | 'error' | 'info';

export interface ExplorerNode {
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  icon: NodeIcon;
  /** VS Code contextValue: node kind plus, for workloads, the resource kind ("workload.Deployment"). */
  contextValue: string;
  collapsible: boolean;
  /** Context the node's data comes from. */
  context?: string;
  /** Member or context name shown to the user. */
  clusterName?: string;
  federation?: Federation;
  namespace?: string;
  resourceKind?: string;
  name?: string;
  /** What clicking the row does about the problem it shows. */
  fix?: ProblemFix;
}

export interface ExplorerSettings {
  timeoutMs: number;
  concurrency: number;
  /** How long changes on one cluster are gathered before one refresh fires. */
  coalesceMs?: number;
  watchBackoff?: { initialMs: number; maxMs: number };
}

interface ClusterState {
  watches: Map<string, ResourceWatch>;
  expanded: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
}

export class ExplorerModel {
  private discovery: Promise<FederationDiscovery> | undefined;
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly clusters = new Map<string, ClusterState>();
  private readonly changeListeners = new Set<(node: ExplorerNode | undefined) => void>();
  private readonly snapshotListeners = new Set<(snapshot: FederationSnapshot) => void>();
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Nodes whose children are being computed. A change event for such a node is not fired: the children
   * it is about to return already reflect the change, and VS Code loses a node's children when asked to
   * refresh it while its getChildren is still pending.
   */
  private readonly loading = new Set<string>();

  constructor(
    readonly clients: ClusterClients,
    private readonly settings: ExplorerSettings,
  ) {}

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
    for (const state of this.clusters.values()) for (const w of state.watches.values()) w.stop();
    this.clusters.clear();
    this.nodes.clear();
    this.discovery = undefined;
    this.fire(undefined);
  }

  dispose(): void {
    this.refresh();
    this.changeListeners.clear();
    this.snapshotListeners.clear();
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
    try {
      return await this.computeChildren(parent);
    } finally {
      this.loading.delete(parent.id);
    }
  }

  private async computeChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    switch (parent.kind) {
      case 'federation':
        return this.federationChildren(parent);
      case 'clusters':
        return this.standaloneClusters();
      case 'member':
      case 'cluster':
        return this.clusterChildren(parent);
      case 'namespace':
        return this.namespaceChildren(parent);
      case 'policies':
        return this.policyChildren(parent);
      default:
        return [];
    }
  }

  /** Call when VS Code collapses a node: watches stop once no node of that cluster is expanded. */
  collapsed(node: ExplorerNode): void {
    if (!node.context || (node.kind !== 'member' && node.kind !== 'cluster' && node.kind !== 'policies')) return;
    const state = this.clusters.get(node.context);
    if (!state) return;
    state.expanded.delete(node.id);
    if (!state.expanded.size) {
      for (const w of state.watches.values()) w.stop();
      clearTimeout(state.timer);
      this.clusters.delete(node.context);
    }
  }

  private federationChildren(parent: ExplorerNode): ExplorerNode[] {
    const f = parent.federation!;
    const members = f.members.map((m) => this.memberNode(parent, f, m));
    if (POLICY_SOURCES[f.kind]) {
      members.push(
        this.node({
          id: `${parent.id}/policies`,
          kind: 'policies',
          label: 'Policies',
          description: POLICY_SOURCES[f.kind]!.title,
          icon: 'folder',
          contextValue: 'policies',
          collapsible: true,
          context: f.context,
          clusterName: f.context,
          federation: f,
        }),
      );
    }
    return members;
  }

  private memberNode(parent: ExplorerNode, f: Federation, m: FederationMember): ExplorerNode {
    const problem = m.context ? this.clients.problem(m.context) : NO_MEMBER_CONTEXT;
    const detail = [`${f.kind} member ${m.name}`, `server: ${m.server ?? 'unknown'}`, `context: ${m.context ?? 'none'}`, `health: ${m.healthDetail}`];
    if (problem) detail.push(`not connected: ${problem}`);
    return this.node({
      id: `${parent.id}/member/${m.name}`,
      kind: m.context && !problem ? 'member' : 'info',
      label: m.name,
      description: problem ? `not connected: ${problem}` : m.context !== m.name ? `${healthWord(m.health)} · ${m.context}` : healthWord(m.health),
      tooltip: detail.join('\n') + this.versionTooltip(m.context),
      icon: problem ? 'unknown' : m.health,
      contextValue: m.context && !problem ? 'member' : 'member.disconnected',
      collapsible: !!m.context && !problem,
      context: m.context,
      clusterName: m.name,
      federation: f,
      fix: problem ? fixForProblem(problem, m.context && this.clients.context(m.context)?.file) : undefined,
    });
  }

  private versionTooltip(context: string | undefined): string {
    return context && this.discoveryValue ? versionLine(this.discoveryValue, context) : '';
  }

  private discoveryValue: FederationDiscovery | undefined;

  private async standaloneClusters(): Promise<ExplorerNode[]> {
    const d = await this.discover();
    const out: ExplorerNode[] = [];
    for (const name of d.standalone) {
      const ctx = this.clients.context(name)!;
      const problem = this.clients.problem(name);
      const error = d.errors.get(name);
      out.push(
        this.node({
          id: `cluster/${name}`,
          kind: problem ? 'info' : 'cluster',
          label: name,
          description: problem ? `not connected: ${problem}` : error ? error.describe() : d.versions.get(name) ?? '',
          tooltip: [`context: ${name}`, `server: ${ctx.server ?? 'unknown'}`, `file: ${ctx.file}`, problem ? `not connected: ${problem}` : '', error ? `error: ${error.describe()}` : '']
            .filter(Boolean)
            .join('\n') + versionLine(d, name),
          icon: problem || error ? 'error' : 'cluster',
          contextValue: problem ? 'cluster.disconnected' : 'cluster',
          collapsible: !problem,
          context: name,
          clusterName: name,
          fix: problem ? fixForProblem(problem, ctx.file) : undefined,
        }),
      );
    }
    for (const p of this.clients.config.fileProblems) {
      out.push(this.node({ id: `file/${p.file}`, kind: 'error', label: `${p.file}: ${p.reason}`, icon: 'error', contextValue: 'error', collapsible: false, fix: openKubeconfig(p.file, 'to fix it') }));
    }
    return out;
  }

  private state(context: string): ClusterState {
    let state = this.clusters.get(context);
    if (!state) {
      state = { watches: new Map(), expanded: new Set() };
      this.clusters.set(context, state);
    }
    return state;
  }

  private watch(context: string, path: string): ResourceWatch {
    const state = this.state(context);
    let w = state.watches.get(path);
    if (!w) {
      w = new ResourceWatch(this.clients, context, path, { timeoutMs: this.settings.timeoutMs, backoff: this.settings.watchBackoff }).start();
      w.onChange(() => this.changed(context, path));
      state.watches.set(path, w);
    }
    return w;
  }

  /** Coalesces change bursts on one cluster into one refresh of each expanded node of that cluster. */
  private changed(context: string, path: string): void {
    const state = this.clusters.get(context);
    if (!state) return;
    if (path === NAMESPACES_PATH) this.scheduleSnapshot();
    if (state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      for (const id of state.expanded) {
        const node = this.nodes.get(id);
        if (!node || this.loading.has(id)) continue;
        this.showConnection(node, state);
        this.fire(node);
      }
    }, this.settings.coalesceMs ?? 150);
  }

  /** A member or cluster node says on its own row when its cluster stops answering, and recovers. */
  private showConnection(node: ExplorerNode, state: ClusterState): void {
    if (node.kind !== 'member' && node.kind !== 'cluster') return;
    const healthy = this.healthyLook.get(node.id) ?? { description: node.description, icon: node.icon, tooltip: node.tooltip };
    this.healthyLook.set(node.id, healthy);
    const error = state.watches.get(NAMESPACES_PATH)?.state === 'error' ? state.watches.get(NAMESPACES_PATH)!.error : undefined;
    node.description = error ? error.describe() : healthy.description;
    node.icon = error ? 'error' : healthy.icon;
    node.tooltip = error ? `${healthy.tooltip ?? ''}\nerror: ${error.describe()}` : healthy.tooltip;
  }

  private readonly healthyLook = new Map<string, Pick<ExplorerNode, 'description' | 'icon' | 'tooltip'>>();

  private fire(node: ExplorerNode | undefined): void {
    for (const l of this.changeListeners) l(node);
  }

  private errorNode(parent: ExplorerNode, error: ClusterError): ExplorerNode {
    return this.node({
      id: `${parent.id}/error`,
      kind: 'error',
      label: `${parent.clusterName}: ${error.describe()}`,
      tooltip: `${parent.clusterName} (${parent.context}): ${error.describe()}\nFlotilla keeps retrying and shows the cluster again when it answers.`,
      icon: 'error',
      contextValue: 'error',
      collapsible: false,
      context: parent.context,
      clusterName: parent.clusterName,
      fix: fixForError(error, parent.context && this.clients.context(parent.context)?.file),
    });
  }

  private async clusterChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const context = parent.context!;
    this.state(context).expanded.add(parent.id);
    const namespaces = this.watch(context, NAMESPACES_PATH);
    const workloads = WORKLOAD_KINDS.map((k) => this.watch(context, k.path));
    await Promise.all([namespaces.ready(), ...workloads.map((w) => w.ready())]);
    if (namespaces.state === 'error') return [this.errorNode(parent, namespaces.error!)];
    const counts = new Map<string, number>();
    for (const w of workloads) for (const o of w.items()) counts.set(o.metadata.namespace ?? '', (counts.get(o.metadata.namespace ?? '') ?? 0) + 1);
    return namespaces
      .items()
      .map((ns) => ns.metadata.name)
      .sort()
      .map((name) =>
        this.node({
          id: `${parent.id}/ns/${name}`,
          kind: 'namespace',
          label: name,
          description: counts.get(name) ? `${counts.get(name)}` : '',
          icon: 'namespace',
          contextValue: 'namespace',
          collapsible: true,
          context,
          clusterName: parent.clusterName,
          federation: parent.federation,
          namespace: name,
        }),
      );
  }

  private namespaceChildren(parent: ExplorerNode): ExplorerNode[] {
    const context = parent.context!;
    const out: ExplorerNode[] = [];
    for (const kind of WORKLOAD_KINDS) {
      const w = this.watch(context, kind.path);
      if (w.state === 'error' && !(kind.optional && w.error?.kind === 'notFound')) {
        out.push(this.node({ id: `${parent.id}/error/${kind.kind}`, kind: 'error', label: `${kind.kind}s: ${w.error!.describe()}`, icon: 'error', contextValue: 'error', collapsible: false, context }));
        continue;
      }
      const items = w
        .items()
        .filter((o) => o.metadata.namespace === parent.namespace)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      for (const obj of items) {
        const s = summarize(kind.kind, obj);
        out.push(
          this.node({
            id: `${parent.id}/${kind.kind}/${s.name}`,
            kind: 'workload',
            label: workloadLabel(s),
            description: kind.kind,
            tooltip: `${kind.kind} ${s.namespace}/${s.name} on ${parent.clusterName}\n${s.detail}`,
            icon: s.health,
            contextValue: `workload.${kind.kind}`,
            collapsible: false,
            context,
            clusterName: parent.clusterName,
            federation: parent.federation,
            namespace: s.namespace,
            resourceKind: kind.kind,
            name: s.name,
          }),
        );
      }
    }
    return out;
  }

  private async policyChildren(parent: ExplorerNode): Promise<ExplorerNode[]> {
    const f = parent.federation!;
    const source = POLICY_SOURCES[f.kind]!;
    this.state(f.context).expanded.add(parent.id);
    const watches = [...source.policies, ...source.decisions].map((p) => this.watch(f.context, p.path));
    await Promise.all(watches.map((w) => w.ready()));
    const failed = watches.slice(0, source.policies.length).find((w) => w.state === 'error' && w.error?.kind !== 'notFound');
    if (failed) return [this.errorNode(parent, failed.error!)];
    const policies = source.policies.flatMap((p, i) => watches[i].items().map((o) => ({ kind: p.kind, obj: o })));
    const decisions = watches.slice(source.policies.length).flatMap((w) => w.items());
    return placementsFor(f.kind, policies, decisions, f.members).map((p) =>
      this.node({
        id: `${parent.id}/${p.kind}/${p.namespace ?? ''}/${p.name}`,
        kind: 'policy',
        label: p.namespace ? `${p.namespace}/${p.name}` : p.name,
        description: p.clusters.length ? `→ ${p.clusters.join(', ')}` : '→ no members',
        tooltip: `${p.kind} ${p.namespace ? p.namespace + '/' : ''}${p.name}\nplaces to: ${p.clusters.join(', ') || 'none'}\n(${p.source})`,
        icon: 'policy',
        contextValue: `policy.${p.kind}`,
        collapsible: false,
        context: f.context,
        federation: f,
        namespace: p.namespace,
        resourceKind: p.kind,
        name: p.name,
      }),
    );
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
    const clusters = new Map<string, SnapshotCluster>();
    // Namespaces come from the running watches; clusters nobody has expanded get one list each.
    const contexts = [...new Set([...d.federations.flatMap((f) => f.members.map((m) => m.context)), ...d.standalone])].filter(
      (c): c is string => !!c && !this.clients.problem(c) && !this.clusters.get(c)?.watches.get(NAMESPACES_PATH),
    );
    const listed = new Map<string, string[]>();
    const hubs = d.federations.filter((f) => f.kind === 'OCM' && !this.clients.problem(f.context)).map((f) => f.context);
    const [results, setLists] = await Promise.all([
      fanOut(contexts, (ctx, signal) => this.clients.request<KubeList>(ctx, { path: NAMESPACES_PATH, signal }), this.settings),
      // ManagedClusterSets with no member yet exist only on the hub, not in any member's labels.
      fanOut(hubs, (ctx, signal) => this.clients.request<KubeList>(ctx, { path: MANAGED_CLUSTER_SETS_PATH, signal }), this.settings),
    ]);
    for (const r of results) if (r.ok) listed.set(r.cluster, r.value.items.map((n) => n.metadata.name).sort());
    const namespacesOf = (ctx?: string) =>
      ctx ? (this.clusters.get(ctx)?.watches.get(NAMESPACES_PATH)?.items().map((n) => n.metadata.name).sort() ?? listed.get(ctx) ?? []) : [];
    const karmadaClusters: unknown[] = [];
    const clusterSets = new Set<string>(setLists.flatMap((r) => (r.ok ? r.value.items.map((set) => set.metadata.name) : [])));
    for (const f of d.federations) {
      for (const m of f.members) {
        const clusterSet = f.kind === 'OCM' ? m.labels[CLUSTER_SET_LABEL] : undefined;
        if (clusterSet) clusterSets.add(clusterSet);
        const entry = clusters.get(m.name) ?? {
          name: m.name,
          context: m.context,
          server: m.server,
          labels: m.labels,
          taints: m.taints,
          namespaces: namespacesOf(m.context),
          federations: [],
        };
        entry.federations.push(federationLabel(f));
        clusters.set(m.name, entry);
        if (f.kind === 'Karmada') karmadaClusters.push(m.object);
      }
    }
    for (const name of d.standalone) {
      if (clusters.has(name)) continue;
      clusters.set(name, { name, context: name, server: this.clients.context(name)?.server, labels: {}, taints: [], namespaces: namespacesOf(name), federations: [] });
    }
    return { clusters: [...clusters.values()], karmadaClusters, clusterSets: [...clusterSets].sort() };
  }
}

function healthWord(h: Health): string {
  return h === 'healthy' ? 'Ready' : h === 'degraded' ? 'NotReady' : h === 'unknown' ? 'unknown' : h;
}

function versionLine(d: FederationDiscovery, context: string): string {
  const v = d.versions.get(context);
  return v ? `\nversion: ${v}` : '';
}
