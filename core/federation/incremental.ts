/**
 * The federation checks kept current file by file. Each document's findings are stored; replacing a file
 * reruns the checks only for the documents whose findings can depend on what changed:
 *   - the file's own documents;
 *   - for each resource it had or has: the policies whose selectors pick it (unmatched selectors, override
 *     paths, equal-priority rivals);
 *   - for each propagation policy it had or has: every policy claiming a resource it claimed or claims
 *     (their rivals changed);
 *   - for each Service: the ServiceExports of its namespace/name; for each ManagedClusterSetBinding: the
 *     Placements of its namespace.
 * Members changing rerun the documents that read them (memberChange.ts); live objects or the documents'
 * label changing rerun everything (both are rare next to edits); a member whose status alone changed
 * (what Karmada rewrites as pods come and go) reruns nothing.
 */
import { DOCUMENT_CHECKS } from './documentChecks';
import { mayNameClusters } from './clusterNames';
import { entriesAffectedByMembers, MEMBER_CHECKS } from './memberChange';
import { checkedFields, environmentOf } from './environment';
import { parseMemberClusters } from '../placement/members';
import { WorkspaceFacts, type FactEntry } from './facts';
import { claimants, claimedResources } from './resourceSelectors';
import type { CheckEnvironment, DocumentCheck, FederationDocument, FederationFinding } from './types';
import { PROPAGATION_KINDS } from './util';

export interface FederationSetting {
  clusters?: unknown[];
  liveObjects?: unknown[];
  documentsLabel?: string;
}

export class IncrementalFederation {
  readonly facts = new WorkspaceFacts();
  private env: CheckEnvironment;
  private membersKey = '';
  private restKey = '';
  /** Each document's findings, one list per check of DOCUMENT_CHECKS; documents without findings are absent. */
  private readonly findings = new Map<FactEntry, FederationFinding[][]>();
  /** The entries of kinds that can read members, kept from the first change of members on. */
  private memberReaders: Set<FactEntry> | undefined;
  /** Documents whose findings were rerun by the last change (for figures and tests). */
  lastRerun = 0;

  constructor(setting: FederationSetting = {}) {
    this.env = environmentOf(this.facts, setting);
    [this.membersKey, this.restKey] = keysOf(setting);
  }

  /** New members, live objects or label; returns the URIs whose findings changed (every file when it changed). */
  setSetting(setting: FederationSetting): Set<string> {
    const [membersKey, restKey] = keysOf(setting);
    if (membersKey === this.membersKey && restKey === this.restKey) {
      this.lastRerun = 0;
      return new Set();
    }
    const membersOnly = restKey === this.restKey;
    const previousMembers = this.env.members;
    [this.membersKey, this.restKey] = [membersKey, restKey];
    if (!membersOnly) {
      this.facts.setLiveObjects(setting.liveObjects);
      this.memberReaders = undefined;
    }
    this.env = environmentOf(this.facts, setting);
    const affected = membersOnly
      ? entriesAffectedByMembers(previousMembers, this.env.members, this.readersOfMembers(), (entry) => !!this.findings.get(entry)?.some((list) => list.some((f) => f.code === 'unknown-cluster')))
      : undefined;
    return affected ? this.rerun(affected, [], MEMBER_CHECKS) : this.rerun(new Set(this.facts.entries()), []);
  }

  /** Replaces a file's documents (undefined: gone); returns the URIs whose findings changed. */
  setFile(uri: string, docs: FederationDocument[] | undefined): Set<string> {
    const dirty = new Set<FactEntry>();
    const before = this.facts.entriesOf(uri);
    this.collectDependents(before, dirty);
    const { removed, added } = this.facts.setFile(uri, docs);
    if (this.memberReaders) {
      for (const entry of removed) this.memberReaders.delete(entry);
      for (const entry of added) if (mayNameClusters(entry.id.kind)) this.memberReaders.add(entry);
    }
    for (const entry of added) dirty.add(entry);
    this.collectDependents(added, dirty);
    return this.rerun(dirty, removed);
  }

  /**
   * Replaces many files at once (the workspace scan, a branch switch): their facts first, then one rerun
   * of every document, cheaper than following dependents file by file when most of the workspace changed.
   */
  setFiles(files: Iterable<[string, FederationDocument[] | undefined]>): Set<string> {
    const removed: FactEntry[] = [];
    for (const [uri, docs] of files) removed.push(...this.facts.setFile(uri, docs).removed);
    this.memberReaders = undefined;
    return this.rerun(new Set(this.facts.entries()), removed);
  }

  /** The file's findings, document by document, each document's in check order. */
  findingsOf(uri: string): FederationFinding[] {
    return this.facts.entriesOf(uri).flatMap((entry) => this.findings.get(entry)?.flat() ?? []);
  }

  /** URIs with at least one finding. */
  urisWithFindings(): string[] {
    const out = new Set<string>();
    for (const entry of this.findings.keys()) if (!entry.live) out.add(entry.doc.uri);
    return [...out];
  }

  private readersOfMembers(): Set<FactEntry> {
    this.memberReaders ??= new Set([...this.facts.entries()].filter((entry) => mayNameClusters(entry.id.kind)));
    return this.memberReaders;
  }

  private collectDependents(entries: FactEntry[], dirty: Set<FactEntry>): void {
    const facts = this.facts;
    for (const entry of entries) {
      const { id } = entry;
      if (id.kind && id.name) for (const policy of facts.policiesNaming(id)) dirty.add(policy);
      if (PROPAGATION_KINDS.has(id.kind)) {
        for (const resource of claimedResources(entry, facts)) for (const rival of claimants(resource, facts)) dirty.add(rival);
      }
      if (id.kind === 'Service') for (const exported of facts.serviceExportsNamed(`${id.namespace ?? 'default'}/${id.name}`)) dirty.add(exported);
      if (id.kind === 'ManagedClusterSetBinding') for (const placement of facts.placementsIn(id.namespace ?? 'default')) dirty.add(placement);
    }
  }

  /** Reruns `only` those checks (the others' findings are kept), else all of them, for the dirty entries. */
  private rerun(dirty: Set<FactEntry>, removed: FactEntry[], only?: ReadonlySet<DocumentCheck>): Set<string> {
    const changed = new Set<string>();
    for (const entry of removed) {
      if (this.findings.has(entry)) changed.add(entry.doc.uri);
      this.findings.delete(entry);
    }
    this.lastRerun = 0;
    for (const entry of dirty) {
      if (entry.removed) continue;
      this.lastRerun++;
      const previous = this.findings.get(entry);
      const next = DOCUMENT_CHECKS.map((check, i) => (!only || only.has(check) ? check(entry, this.env) : (previous?.[i] ?? [])));
      if (!sameFindings(previous?.flat() ?? [], next.flat())) changed.add(entry.doc.uri);
      if (next.some((list) => list.length)) this.findings.set(entry, next);
      else this.findings.delete(entry);
    }
    return changed;
  }
}

/**
 * What the checks read of the setting, as [members, the rest]: a member's status (resource summaries,
 * conditions) changes often and is not part of it.
 */
function keysOf(setting: FederationSetting): [string, string] {
  const members = setting.clusters ? parseMemberClusters(setting.clusters).map(checkedFields) : null;
  return [JSON.stringify(members), JSON.stringify([setting.liveObjects ?? null, setting.documentsLabel ?? null])];
}

function sameFindings(a: FederationFinding[], b: FederationFinding[]): boolean {
  return a.length === b.length && (a.length === 0 || JSON.stringify(a) === JSON.stringify(b));
}
