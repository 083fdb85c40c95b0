/**
 * Federation manifest templates: snippets/federation.json, the one data file behind VS Code's snippets
 * (contributes.snippets), the "New Federation Manifest" command and the template tests.
 */
import snippets from '../../snippets/federation.json';
import { snippetToText } from './snippetText';

export interface ManifestTemplate {
  /** Title, e.g. "Karmada PropagationPolicy". */
  name: string;
  prefix: string;
  description: string;
  /** Snippet syntax, one string. */
  body: string;
  apiVersion: string;
  kind: string;
  /** The family the name starts with: Karmada, OCM, MCS or KubeFed. */
  family: string;
}

interface SnippetEntry {
  prefix: string;
  description: string;
  body: string[];
}

function fromEntry(name: string, entry: SnippetEntry): ManifestTemplate {
  const body = entry.body.join('\n');
  const text = snippetToText(body);
  const field = (key: string) => new RegExp(`^${key}: (\\S+)$`, 'm').exec(text)?.[1] ?? '';
  return { name, prefix: entry.prefix, description: entry.description, body, apiVersion: field('apiVersion'), kind: field('kind'), family: name.split(' ')[0] };
}

export const TEMPLATES: readonly ManifestTemplate[] = Object.entries(snippets as Record<string, SnippetEntry>).map(([name, entry]) => fromEntry(name, entry));
