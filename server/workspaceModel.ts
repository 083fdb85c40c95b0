/**
 * The workspace as cross-document features see it, kept current file by file: each YAML file's plain
 * values in the incremental federation index (core/federation), the open files' parsed documents (for
 * ranges), and the files changed since the index was last brought up to date. Unopened files are read
 * for their values only; their trees are not kept.
 */
import { DocumentCache, type ParsedDocument } from '../core/language/document';
import type { ResourceRef } from '../core/language/selectorCompletion';
import { IncrementalFederation, type FactEntry, type FederationDocument, type FederationSetting } from '../core/federation';
import { compareEntries } from '../core/federation/facts';
import { PLACEMENT_KINDS, type LensWorkspace } from '../core/placement';

export interface FileSource {
  /** The open file's parsed documents, or undefined when it is not open. */
  open(uri: string): ParsedDocument[] | undefined;
  /** An unopened workspace file's text, or undefined. */
  unopened(uri: string): string | undefined;
}

/** How federation messages name where documents were looked up (as federationDiagnostics does). */
const FEDERATION_DOCUMENTS_LABEL = 'the open YAML files';

/** Above this many changed files at once, the index reruns every check once instead of following dependents. */
const BULK_FILES = 500;

export class WorkspaceModel {
  readonly federation = new IncrementalFederation({ documentsLabel: FEDERATION_DOCUMENTS_LABEL });
  private readonly stale = new Set<string>();
  /** Files whose findings changed and whose diagnostics are not yet republished. */
  private readonly changed = new Set<string>();
  private refs: ResourceRef[] | undefined;
  /** Values of unopened files parsed ahead (while the workspace scan reads the next files), by the text they came from. */
  private readonly prepared = new Map<string, { text: string; docs: FederationDocument[] }>();

  constructor(private readonly source: FileSource) {}

  /** The file's text changed, it was opened, closed, created or deleted. */
  markStale(uri: string): void {
    this.stale.add(uri);
  }

  /** Parses an unopened file now and marks it stale; the next refresh takes the values without parsing again. */
  prepare(uri: string, text: string | undefined): void {
    this.stale.add(uri);
    if (text !== undefined) this.prepared.set(uri, { text, docs: valuesOfText(uri, text) });
  }

  setSetting(setting: FederationSetting): void {
    setting = { ...setting, documentsLabel: FEDERATION_DOCUMENTS_LABEL };
    for (const uri of this.federation.setSetting(setting)) this.changed.add(uri);
  }

  /** Brings the index up to date with every stale file (parsing `slice` files between yields when given). */
  async refreshInSlices(yieldNow: () => Promise<void>, slice = 200): Promise<void> {
    const uris = [...this.stale];
    this.stale.clear();
    const read: Array<[string, FederationDocument[] | undefined]> = [];
    for (let i = 0; i < uris.length; i++) {
      read.push([uris[i], this.valuesOf(uris[i])]);
      if ((i + 1) % slice === 0) await yieldNow();
    }
    this.apply(read);
  }

  /** Brings the index up to date now (few stale files after an edit). */
  refresh(): void {
    if (!this.stale.size) return;
    const uris = [...this.stale];
    this.stale.clear();
    this.apply(uris.map((uri) => [uri, this.valuesOf(uri)]));
  }

  get staleCount(): number {
    return this.stale.size;
  }

  /** The files whose findings changed since the last call. */
  takeChanged(): Set<string> {
    const out = new Set(this.changed);
    this.changed.clear();
    return out;
  }

  /** The documents' identities, for completion of selector names. */
  resourceRefs(): ResourceRef[] {
    this.refresh();
    return (this.refs ??= [...this.federation.facts.entries()].map(({ id }) => ({ apiVersion: id.apiVersion, kind: id.kind, name: id.name, namespace: id.namespace })));
  }

  /** What placement lenses look up, from the same index as the checks. */
  lensWorkspace(): LensWorkspace {
    this.refresh();
    const facts = this.federation.facts;
    const values = (entries: FactEntry[]) => entries.map((e) => e.doc.value);
    return {
      matching: (selectors, scope) => values([...new Set(selectors.flatMap((s) => facts.matching(s, scope, PLACEMENT_KINDS)))].sort(compareEntries)),
      named: (namespace, name) => values(facts.named(namespace, name)),
      ocmObjects: () => facts.ocmObjects(),
    };
  }

  private apply(files: Array<[string, FederationDocument[] | undefined]>): void {
    if (!files.length) return;
    this.refs = undefined;
    const changed = files.length > BULK_FILES ? this.federation.setFiles(files) : files.flatMap(([uri, docs]) => [...this.federation.setFile(uri, docs)]);
    for (const uri of changed) this.changed.add(uri);
  }

  private valuesOf(uri: string): FederationDocument[] | undefined {
    const prepared = this.prepared.get(uri);
    this.prepared.delete(uri);
    const open = this.source.open(uri);
    if (open) return open.map((d) => ({ uri, index: d.index, value: d.value() }));
    const text = this.source.unopened(uri);
    if (text === undefined) return undefined;
    return prepared?.text === text ? prepared.docs : valuesOfText(uri, text);
  }
}

function valuesOfText(uri: string, text: string): FederationDocument[] {
  return new DocumentCache().parse(uri, text).map((d) => ({ uri, index: d.index, value: d.value() }));
}
