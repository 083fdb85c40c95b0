// The Flotilla engine as the conformance, mutation and fuzz tests drive it: the language-service facade
// over a schema store loaded from the upstream CRDs and OpenAPI documents (or the bundled schemas).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RelativeDiagnostic } from '../../../core/language/diagnostics';
import { LanguageService, type LanguageServiceDeps } from '../../../core/language/languageService';
import { loadSchemaPaths } from '../../../core/schema/files';
import { draftsFromBundled } from '../../../core/schema/loaders/bundled';
import { SchemaStore } from '../../../core/schema/store';

import { UPSTREAM_DIR as upstreamDir } from '../../support/upstream';

export { upstreamDir };
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
  service: LanguageService;
  /** Diagnostics of every document of a file (strict: unknown fields are errors). */
  lint(uri: string, text: string): Finding[];
}

const SEVERITIES: Record<number, Finding['severity']> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export function engineOver(store: SchemaStore, snapshot?: LanguageServiceDeps['snapshot']): Engine {
  const service = new LanguageService({ schemas: store, snapshot, settings: () => ({ strict: true }) });
  return {
    store,
    service,
    lint(uri, text) {
      const diagnostics = service.diagnostics(uri, text) ?? [];
      service.close(uri);
      return diagnostics.map((d) => ({
        line: d.range.start.line,
        endLine: d.range.end.line,
        severity: SEVERITIES[d.severity ?? 1],
        code: d.code as Finding['code'],
        message: typeof d.message === 'string' ? d.message : d.message.value,
      }));
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
