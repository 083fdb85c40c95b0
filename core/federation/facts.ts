/**
 * What the workspace's documents provide to one another, indexed so that a check or a placement lens asks
 * about one resource, policy, Service or namespace at the cost of its bucket, and so that a file can be
 * replaced without rebuilding the rest: resources by kind and by name; policies by what their selectors
 * name (a resource name, a matchLabels pair, else only a kind); Services and ServiceExports by
 * namespace/name; ManagedClusterSetBindings and OCM Placements by namespace.
 */
import { identityOf, asString, field, type ObjectIdentity } from '../placement/objects';
import { parseResourceSelectors, selectorMatches, type ResourceSelector } from '../placement/resourceSelectors';
import type { FederationDocument } from './types';
import { OVERRIDE_KINDS, PROPAGATION_KINDS } from './util';

export const SELECTING_KINDS = new Set([...PROPAGATION_KINDS, ...OVERRIDE_KINDS]);
/** Objects OCM placement reads besides the clusters (cluster sets, bindings, decisions, scores). */
const OCM_CONTEXT_KINDS = new Set(['ManagedClusterSet', 'ManagedClusterSetBinding', 'PlacementDecision', 'AddOnPlacementScore']);

export interface FactEntry {
  doc: FederationDocument;
  id: ObjectIdentity;
  /** Read from the control plane rather than the workspace; ordered after every document. */
  live: boolean;
  /** The resourceSelectors of a selecting policy. */
  selectors?: ResourceSelector[];
  /** The namespace a selecting policy is confined to (PropagationPolicy, OverridePolicy), else undefined. */
  scope?: string;
  removed?: boolean;
}

/** Workspace order: file by file (by URI), document by document, live objects last. */
export function compareEntries(a: FactEntry, b: FactEntry): number {
  if (a.live !== b.live) return a.live ? 1 : -1;
  if (a.doc.uri !== b.doc.uri) return a.doc.uri < b.doc.uri ? -1 : 1;
  return a.doc.index - b.doc.index;
}

const LIVE_URI = '\0live';
const ANY_NAMESPACE = '\0any';

export class WorkspaceFacts {
  private readonly files = new Map<string, FactEntry[]>();
  private readonly resourcesByKind = new Map<string, FactEntry[]>();
  private readonly resourcesByName = new Map<string, FactEntry[]>();
  private readonly resourcesByNamespace = new Map<string, FactEntry[]>();
  private readonly byNamespacedName = new Map<string, FactEntry[]>();
  private readonly policiesByName = new Map<string, FactEntry[]>();
  private readonly policiesByLabel = new Map<string, FactEntry[]>();
  private readonly policiesByKind = new Map<string, FactEntry[]>();
  private readonly services = new Map<string, number>();
  private readonly serviceExports = new Map<string, FactEntry[]>();
  private readonly bindings = new Map<string, FactEntry[]>();
  private readonly placements = new Map<string, FactEntry[]>();
  private readonly ocmContext = new Set<FactEntry>();

  constructor(documents: FederationDocument[] = [], liveObjects?: unknown[]) {
    const byUri = new Map<string, FederationDocument[]>();
    for (const doc of documents) {
      const list = byUri.get(doc.uri);
      if (list) list.push(doc);
      else byUri.set(doc.uri, [doc]);
    }
    for (const [uri, docs] of byUri) this.setFile(uri, docs);
    if (liveObjects) this.setLiveObjects(liveObjects);
  }

  /** Replaces a file's documents (undefined: the file is gone); returns the entries removed and added. */
  setFile(uri: string, docs: FederationDocument[] | undefined, live = false): { removed: FactEntry[]; added: FactEntry[] } {
    const removed = this.files.get(uri) ?? [];
    for (const entry of removed) this.unindex(entry);
    const added = (docs ?? []).map((doc) => entryOf(doc, live));
    if (added.length) this.files.set(uri, added);
    else this.files.delete(uri);
    for (const entry of added) this.index(entry);
    return { removed, added };
  }

  setLiveObjects(objects: unknown[] | undefined): void {
    this.setFile(LIVE_URI, objects?.map((value, index) => ({ uri: LIVE_URI, index, value })), true);
  }

  entriesOf(uri: string): FactEntry[] {
    return this.files.get(uri) ?? [];
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  *entries(): Generator<FactEntry> {
    for (const list of this.files.values()) yield* list;
  }

  /** Resources `selector` picks within `scope` (a namespaced policy's namespace), in workspace order; `excluded` kinds are never picked. */
  matching(selector: ResourceSelector, scope: string | undefined, excluded: Set<string> = SELECTING_KINDS): FactEntry[] {
    if (excluded.has(selector.kind)) return [];
    const key = kindKey(selector.apiVersion, selector.kind);
    const namespace = scope ?? selector.namespace;
    const pool = selector.name
      ? this.resourcesByName.get(`${key}\0${selector.name}`)
      : namespace ? this.resourcesByNamespace.get(`${key}\0${namespace}`) : this.resourcesByKind.get(key);
    if (!pool) return [];
    const out: FactEntry[] = [];
    for (const entry of pool) if (selectorMatches(selector, entry.id, scope)) out.push(entry);
    return out.sort(compareEntries);
  }

  /** Policies with a selector that may pick a resource of this identity (a superset: callers test the selectors). */
  policiesNaming(id: ObjectIdentity): Set<FactEntry> {
    const out = new Set<FactEntry>();
    for (const namespace of [id.namespace ?? 'default', ANY_NAMESPACE]) {
      const key = `${kindKey(id.apiVersion, id.kind)}\0${namespace}`;
      for (const p of this.policiesByName.get(`${key}\0${id.name}`) ?? []) out.add(p);
      for (const p of this.policiesByKind.get(key) ?? []) out.add(p);
      for (const [label, value] of Object.entries(id.labels)) for (const p of this.policiesByLabel.get(`${key}\0${label}=${value}`) ?? []) out.add(p);
    }
    return out;
  }

  /** Every document named `name` in `namespace`, in workspace order. */
  named(namespace: string, name: string): FactEntry[] {
    return [...(this.byNamespacedName.get(`${namespace}\0${name}`) ?? [])].sort(compareEntries);
  }

  hasService(namespacedName: string): boolean {
    return (this.services.get(namespacedName) ?? 0) > 0;
  }

  serviceExportsNamed(namespacedName: string): readonly FactEntry[] {
    return this.serviceExports.get(namespacedName) ?? [];
  }

  boundClusterSets(namespace: string): string[] {
    return [...(this.bindings.get(namespace) ?? [])].flatMap((b) => asString(field(b.doc.value, 'spec', 'clusterSet')) ?? []);
  }

  placementsIn(namespace: string): readonly FactEntry[] {
    return this.placements.get(namespace) ?? [];
  }

  /** ManagedClusterSets, bindings, PlacementDecisions and AddOnPlacementScores, for OCM placement. */
  ocmObjects(): unknown[] {
    return [...this.ocmContext].sort(compareEntries).map((e) => e.doc.value);
  }

  private index(entry: FactEntry): void {
    this.visit(entry, add);
  }

  private unindex(entry: FactEntry): void {
    entry.removed = true;
    this.visit(entry, remove);
  }

  private visit(entry: FactEntry, apply: (map: Map<string, FactEntry[]>, key: string, entry: FactEntry) => void): void {
    const { id } = entry;
    if (!id.kind) return;
    const key = kindKey(id.apiVersion, id.kind);
    if (id.name) {
      apply(this.resourcesByKind, key, entry);
      apply(this.resourcesByName, `${key}\0${id.name}`, entry);
      apply(this.resourcesByNamespace, `${key}\0${id.namespace ?? 'default'}`, entry);
      apply(this.byNamespacedName, `${id.namespace ?? 'default'}\0${id.name}`, entry);
    }
    for (const selector of entry.selectors ?? []) {
      const selected = `${kindKey(selector.apiVersion, selector.kind)}\0${entry.scope ?? selector.namespace ?? ANY_NAMESPACE}`;
      const firstLabel = Object.entries(selector.labelSelector?.matchLabels ?? {})[0];
      if (selector.name) apply(this.policiesByName, `${selected}\0${selector.name}`, entry);
      else if (firstLabel) apply(this.policiesByLabel, `${selected}\0${firstLabel[0]}=${firstLabel[1]}`, entry);
      else apply(this.policiesByKind, selected, entry);
    }
    const namespaced = `${id.namespace ?? 'default'}/${id.name}`;
    if (id.kind === 'Service' && id.apiVersion === 'v1') this.services.set(namespaced, (this.services.get(namespaced) ?? 0) + (apply === add ? 1 : -1));
    if (id.kind === 'ServiceExport') apply(this.serviceExports, namespaced, entry);
    if (id.kind === 'ManagedClusterSetBinding') apply(this.bindings, id.namespace ?? 'default', entry);
    if (id.kind === 'Placement') apply(this.placements, id.namespace ?? 'default', entry);
    if (OCM_CONTEXT_KINDS.has(id.kind)) {
      if (apply === add) this.ocmContext.add(entry);
      else this.ocmContext.delete(entry);
    }
  }
}

function entryOf(doc: FederationDocument, live: boolean): FactEntry {
  const id = identityOf(doc.value);
  const entry: FactEntry = { doc, id, live };
  if (SELECTING_KINDS.has(id.kind)) {
    entry.selectors = parseResourceSelectors(doc.value);
    entry.scope = id.kind === 'PropagationPolicy' || id.kind === 'OverridePolicy' ? (id.namespace ?? 'default') : undefined;
  }
  return entry;
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\0${kind}`;
}

/** Buckets are arrays, not Sets: most hold one entry, and 100,000 small Sets cost more than the lookups save. */
function add(map: Map<string, FactEntry[]>, key: string, entry: FactEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function remove(map: Map<string, FactEntry[]>, key: string, entry: FactEntry): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.lastIndexOf(entry);
  if (at >= 0) list.splice(at, 1);
  if (!list.length) map.delete(key);
}
