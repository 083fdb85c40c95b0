// The Flotilla engine as the conformance, mutation and fuzz tests drive it: a schema store loaded from
// the upstream CRDs and OpenAPI documents (or from the bundled schemas) and per-file validation.
// Only this file knows the core API, so the tests follow it as the language service evolves.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DocumentCache } from '../../../core/language/document';
import { validateTree } from '../../../core/language/validation';
import type { RelativeDiagnostic } from '../../../core/language/diagnostics';
import { loadSchemaPaths } from '../../../core/schema/files';
import { draftsFromBundled } from '../../../core/schema/loaders/bundled';
import { SchemaStore } from '../../../core/schema/store';

export const upstreamDir = process.env.FLOTILLA_UPSTREAM_DIR ?? resolve(__dirname, '../../../../shared/upstream');
export const repoRoot = resolve(__dirname, '../../..');

export interface Finding {
  /** 0-based line in the file. */
  line: number;
  endLine: number;
  severity: RelativeDiagnostic['severity'];
  code: RelativeDiagnostic['code'];
  message: string;
}

export interface Engine {
  store: SchemaStore;
  /** Diagnostics of every document of a file. */
  lint(uri: string, text: string): Finding[];
}

function engineOver(store: SchemaStore): Engine {
  const cache = new DocumentCache();
  return {
    store,
    lint(uri, text) {
      const out: Finding[] = [];
      for (const doc of cache.parse(uri, text)) {
        for (const d of validateTree(doc.tree, store, { strict: true })) {
          const range = doc.range(d);
          out.push({ line: range.start.line, endLine: range.end.line, severity: d.severity, code: d.code, message: d.message });
        }
      }
      cache.forget(uri);
      return out;
    },
  };
}

/** The engine with the upstream CRDs and OpenAPI documents as user schemas (what the conformance suite uses). */
export async function upstreamEngine(): Promise<Engine> {
  const problems: string[] = [];
  const store = new SchemaStore((m) => problems.push(m));
  // CRDs first: the server validates custom resources with the CRD, which has enums the Swagger lacks
  const files = [];
  for (const folder of ['crds', 'openapi']) {
    files.push(...(await loadSchemaPaths([join(upstreamDir, folder)], (path, message) => problems.push(`${path}: ${message}`))));
  }
  for (const file of files) store.setOrigin('user', file.path, file.drafts);
  if (!files.length) throw new Error(`no schema files under ${upstreamDir}: ${problems.join('; ')}`);
  return engineOver(store);
}

/** The engine with only the schemas bundled with Flotilla (offline use). */
export function bundledEngine(): Engine {
  const store = new SchemaStore();
  const dir = join(repoRoot, 'schemas/bundled');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { schemas: { file: string }[] };
  for (const { file } of index.schemas) {
    store.setOrigin('bundled', file, draftsFromBundled(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
  }
  return engineOver(store);
}
