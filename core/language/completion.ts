/**
 * Completion: keys (required first, snippets that insert a required subtree), enum values, booleans,
 * apiVersion/kind from every known kind, member cluster names where a field takes one, namespaces, and
 * the apiVersion, kind and name of the resource a selector or reference points at.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { FederationSnapshot } from '../protocol';
import { typeLabel, type Schema } from '../schema/model';
import { describeOrigin } from '../schema/store';
import type { ParsedDocument } from './document';
import { lineContext, type LineContext } from './lineContext';
import { cursorAtPath } from './schemaAt';
import { selectorField, selectorValues, type ResourceRef } from './selectorCompletion';
import { IMPLICIT_RESOURCE_FIELDS, OBJECT_META, type SchemaCursor, type SchemaLookup } from './schemaCursor';

export interface CompletionInput {
  doc: ParsedDocument;
  line: number;
  character: number;
  lookup: SchemaLookup;
  snapshot?: FederationSnapshot;
  /** Resources a reference may name: the workspace's documents. */
  resources?: readonly ResourceRef[];
}

export function complete(input: CompletionInput): CompletionList {
  const { doc, lookup } = input;
  const lines = doc.tree.text.split('\n');
  const relLine = input.line - doc.startLine;
  const ctx = lineContext(lines, doc.tree.lineStarts(), relLine, input.character);
  if (!ctx) return { isIncomplete: false, items: [] };
  const replace = { start: doc.position(ctx.partialStart), end: { line: input.line, character: input.character } };
  const items: CompletionItem[] = [];
  const edit = (newText: string) => ({ range: replace, newText });

  if (ctx.mode === 'value') {
    if (ctx.path.length === 0 && ctx.key === 'apiVersion') return list(apiVersionItems(lookup, doc.kind).map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: edit(v) })));
    if (ctx.path.length === 0 && ctx.key === 'kind') return list(kindItems(lookup, doc.apiVersion).map((v) => ({ label: v, kind: CompletionItemKind.Class, textEdit: edit(v) })));
    const fieldPath = [...ctx.path, ctx.key!];
    for (const v of valueCandidates(input, fieldPath, ctx.siblingValues)) items.push({ ...v, textEdit: edit(v.label) });
    return list(items);
  }

  if (ctx.path.length === 0 && !doc.apiVersion && !doc.kind) {
    for (const entry of lookup.entries()) {
      const text = `apiVersion: ${entry.apiVersion}\nkind: ${entry.kind}\nmetadata:\n  name: \${1:name}\n`;
      items.push({ label: `${entry.kind} (${entry.apiVersion})`, kind: CompletionItemKind.Module, filterText: entry.kind, detail: describeOrigin(entry), insertTextFormat: InsertTextFormat.Snippet, textEdit: edit(text) });
    }
  }
  const cursor = cursorAtPath(lookup, doc.tree, ctx.path);
  const listItem = typeof ctx.path[ctx.path.length - 1] === 'number';
  if (listItem && (!cursor || (cursor.schema.type && cursor.schema.type !== 'object'))) {
    // `- |` in a list of scalars (or of unknown items, e.g. member names without a schema): the item is a value.
    for (const v of valueCandidates(input, ctx.path)) items.push({ ...v, textEdit: edit(v.label) });
    return list(items);
  }
  if (!cursor) return list(items);
  for (const item of keyItems(cursor, ctx)) items.push({ ...item, textEdit: edit(item.insertText ?? item.label) });
  return list(items);
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

function keyItems(cursor: SchemaCursor, ctx: LineContext): CompletionItem[] {
  const schema = cursor.schema;
  const props: Record<string, Schema> = {};
  if (cursor.resource) {
    for (const key of IMPLICIT_RESOURCE_FIELDS) props[key] = key === 'metadata' ? (schema.properties?.metadata?.properties ? schema.properties.metadata : OBJECT_META) : { type: 'string' };
  }
  for (const key in schema.properties ?? {}) props[key] = schema.properties![key];
  const required = new Set(schema.required ?? []);
  const out: CompletionItem[] = [];
  for (const [key, child] of Object.entries(props)) {
    if (ctx.siblings.has(key)) continue;
    const isRequired = required.has(key);
    out.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(child)}${isRequired ? ' (required)' : ''}`,
      documentation: child.description ? { kind: 'markdown', value: child.description } : undefined,
      sortText: `${isRequired ? '0' : '1'}_${key}`,
      insertText: fieldSnippet(key, child, 0),
      insertTextFormat: InsertTextFormat.Snippet,
    });
  }
  return out;
}

/** `key: ` for scalars; for objects and arrays, the key plus its required subtree (3 levels at most). */
export function fieldSnippet(key: string, schema: Schema, depth: number, counter = { n: 1 }): string {
  const pad = '  ';
  if (schema.type === 'object' && !schema.intOrString) {
    const body = requiredBody(schema, depth, counter);
    return body ? `${key}:\n${indent(body, pad)}` : `${key}:\n${pad}$${counter.n++}`;
  }
  if (schema.type === 'array') {
    const items = schema.items;
    if (items?.type === 'object') {
      const body = requiredBody(items, depth, counter);
      return body ? `${key}:\n${pad}- ${indent(body, pad + '  ').trimStart()}` : `${key}:\n${pad}- $${counter.n++}`;
    }
    return `${key}:\n${pad}- $${counter.n++}`;
  }
  return `${key}: ${scalarPlaceholder(schema, counter)}`;
}

function requiredBody(schema: Schema, depth: number, counter: { n: number }): string {
  if (depth >= 3) return '';
  const required = schema.required ?? [];
  return required
    .map((k) => fieldSnippet(k, schema.properties?.[k] ?? {}, depth + 1, counter))
    .join('\n');
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function scalarPlaceholder(schema: Schema, counter: { n: number }): string {
  if (schema.enum?.length) return `\${${counter.n++}|${schema.enum.map((v) => String(v).replace(/[,|]/g, '\\$&')).join(',')}|}`;
  if (schema.type === 'boolean') return `\${${counter.n++}|true,false|}`;
  return `$${counter.n++}`;
}

interface ValueCandidate {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
}

function valueCandidates(input: CompletionInput, fieldPath: Array<string | number>, siblings = new Map<string, string>()): ValueCandidate[] {
  const cursor = cursorAtPath(input.lookup, input.doc.tree, fieldPath);
  const schema = cursor?.schema;
  const out: ValueCandidate[] = [];
  const query = { apiVersion: siblings.get('apiVersion'), kind: siblings.get('kind'), docApiVersion: input.doc.apiVersion, docKind: input.doc.kind, keys: fieldPath.filter((p): p is string => typeof p === 'string') };
  const reference = selectorField(query);
  if (reference) {
    const kind = reference === 'name' ? CompletionItemKind.Reference : reference === 'kind' ? CompletionItemKind.Class : CompletionItemKind.Value;
    for (const v of selectorValues(reference, query, input.lookup, input.resources ?? [])) out.push({ label: v, kind });
    return out;
  }
  const clusterField = takesClusterName(input.doc, fieldPath);
  if (clusterField && input.snapshot) {
    // Contexts outside any federation (e.g. a read-only "-viewer" context) are no member's name.
    const members = input.snapshot.clusters.filter((c) => c.federations.length);
    for (const c of members.length ? members : input.snapshot.clusters) out.push({ label: c.name, kind: CompletionItemKind.Reference, detail: describeCluster(c) });
  } else if (takesClusterSetName(input.doc, fieldPath) && input.snapshot) {
    for (const set of input.snapshot.clusterSets ?? []) out.push({ label: set, kind: CompletionItemKind.Reference, detail: 'ManagedClusterSet' });
  } else if (takesNamespace(fieldPath) && input.snapshot) {
    const seen = new Set<string>();
    for (const c of input.snapshot.clusters) {
      for (const ns of c.namespaces) {
        if (seen.has(ns)) continue;
        seen.add(ns);
        out.push({ label: ns, kind: CompletionItemKind.Folder, detail: 'namespace' });
      }
    }
  }
  if (!schema) return out;
  const target = schema.type === 'array' && schema.items ? schema.items : schema;
  for (const v of target.enum ?? []) out.push({ label: String(v), kind: CompletionItemKind.EnumMember });
  if (target.type === 'boolean') for (const v of ['true', 'false']) out.push({ label: v, kind: CompletionItemKind.Value });
  return out;
}

function describeCluster(c: FederationSnapshot['clusters'][number]): string {
  const labels = Object.entries(c.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return ['member cluster', ...labels.slice(0, 3)].join(' · ');
}

/** Karmada objects under which clusterNames and exclude list members (MultiClusterService's range, a suspension's). */
const KARMADA_CLUSTER_LISTS = new Set(['clusterAffinity', 'clusterAffinities', 'targetCluster', 'range', 'dispatchingOnClusters']);

/** Fields that take a member cluster's name. */
export function takesClusterName(doc: ParsedDocument, path: Array<string | number>): boolean {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const last = keys[keys.length - 1];
  const group = doc.apiVersion?.split('/')[0] ?? '';
  if (group.endsWith('karmada.io')) {
    if ((last === 'clusterNames' || last === 'exclude') && keys.some((k) => KARMADA_CLUSTER_LISTS.has(k))) return true;
    if (last === 'name' && (keys[keys.length - 2] === 'providerClusters' || keys[keys.length - 2] === 'consumerClusters')) return true;
    return last === 'clusterName' || last === 'serviceProvisionClusters' || last === 'serviceConsumptionClusters';
  }
  if (group.endsWith('open-cluster-management.io')) {
    if (doc.kind === 'ManifestWork' && keys.join('.') === 'metadata.namespace') return true;
    return keys.join('.').endsWith('labelSelector.matchLabels.name') || (keys.includes('predicates') && last === 'clusterNames');
  }
  if (group.endsWith('kubefed.io')) return (keys.includes('clusters') && last === 'name') || last === 'clusterName';
  return false;
}

/** OCM fields that take a ManagedClusterSet's name: a Placement's clusterSets, a binding's clusterSet. */
function takesClusterSetName(doc: ParsedDocument, path: Array<string | number>): boolean {
  if (!doc.apiVersion?.startsWith('cluster.open-cluster-management.io/')) return false;
  const keys = path.filter((p): p is string => typeof p === 'string').join('.');
  return (doc.kind === 'Placement' && keys === 'spec.clusterSets') || (doc.kind === 'ManagedClusterSetBinding' && keys === 'spec.clusterSet');
}

function takesNamespace(path: Array<string | number>): boolean {
  const keys = path.filter((p): p is string => typeof p === 'string');
  const last = keys[keys.length - 1];
  return last === 'namespace' || (last === 'namespaces' && keys.length > 1);
}

function apiVersionItems(lookup: SchemaLookup, kind: string | undefined): string[] {
  const out = new Set<string>();
  for (const e of lookup.entries()) if (!kind || e.kind === kind) out.add(e.apiVersion);
  return [...out].sort();
}

function kindItems(lookup: SchemaLookup, apiVersion: string | undefined): string[] {
  const out = new Set<string>();
  for (const e of lookup.entries()) if (!apiVersion || e.apiVersion === apiVersion) out.add(e.kind);
  return [...out].sort();
}
