// The upstream example manifests that parse, per project, with each document's line span and value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { upstreamDir } from './engine';

export type Project = 'karmada' | 'ocm' | 'kubefed' | 'mcs-api';
export const PROJECTS: Project[] = ['karmada', 'ocm', 'kubefed', 'mcs-api'];

export interface ExampleDocument {
  project: Project;
  file: string;
  index: number;
  /** 0-based first and last line of the document in its file. */
  startLine: number;
  endLine: number;
  apiVersion: string;
  kind: string;
  value: Record<string, unknown>;
  /** The parsed document, to re-serialize it as YAML (duplicate keys and all) for the API server. */
  yaml: Document.Parsed;
}

export interface ExampleFile {
  project: Project;
  /** Path relative to the upstream folder. */
  file: string;
  text: string;
  documents: ExampleDocument[];
}

interface IndexEntry { yamlParses: boolean; documents: string[] }

/** Every example file the upstream index marks as parsing, with its documents that have apiVersion and kind. */
export function exampleFiles(): ExampleFile[] {
  const index = JSON.parse(readFileSync(join(upstreamDir, 'index.json'), 'utf8')) as Record<string, IndexEntry>;
  const out: ExampleFile[] = [];
  for (const [file, entry] of Object.entries(index).sort(([a], [b]) => a.localeCompare(b))) {
    const project = file.split('/')[1] as Project;
    if (!file.startsWith('examples/') || !entry.yamlParses || !PROJECTS.includes(project)) continue;
    const text = readFileSync(join(upstreamDir, file), 'utf8');
    const lines = new LineCounter();
    const documents: ExampleDocument[] = [];
    parseAllDocuments(text, { lineCounter: lines }).forEach((doc, index) => {
      const value = doc.toJS() as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) return;
      const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
      const [start, , end] = doc.range;
      documents.push({
        project, file, index, apiVersion, kind, value: value as Record<string, unknown>, yaml: doc,
        startLine: lines.linePos(start).line - 1,
        endLine: lines.linePos(Math.max(start, end - 1)).line - 1,
      });
    });
    out.push({ project, file, text, documents });
  }
  return out;
}
