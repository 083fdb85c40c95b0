/** Reads the `flotilla.clusters` files: YAML (multi-document or Lists) of member cluster objects, offline. */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export interface ClusterFileRead {
  objects: unknown[];
  /** One line per unreadable file or malformed document, naming the file. */
  problems: string[];
}

export function readClusterFiles(paths: string[]): ClusterFileRead {
  const objects: unknown[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      problems.push(`${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      continue;
    }
    parseAllDocuments(text).forEach((doc, i) => {
      if (doc.errors.length) problems.push(`${path}: document ${i + 1}: ${doc.errors[0].message.split('\n')[0]}`);
      else {
        const value = doc.toJS() as unknown;
        if (value !== null && value !== undefined) objects.push(value);
      }
    });
  }
  return { objects, problems };
}
