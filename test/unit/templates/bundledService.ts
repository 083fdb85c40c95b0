/** A language service over the bundled schemas only, as `flotilla lint` and an offline server see them. */
import { join, resolve } from 'node:path';
import { LanguageService } from '../../../core/language/languageService';
import type { ResourceRef } from '../../../core/language/selectorCompletion';
import type { FederationSnapshot } from '../../../core/protocol';
import { loadFileSource } from '../../../core/schema/sources';
import { SchemaStore } from '../../../core/schema/store';

let store: Promise<SchemaStore> | undefined;

export function bundledStore(): Promise<SchemaStore> {
  store ??= (async () => {
    const s = new SchemaStore((m) => {
      throw new Error(m);
    });
    await loadFileSource(s, 'bundled', [join(resolve(__dirname, '../../..'), 'schemas', 'bundled')], (m) => {
      throw new Error(m);
    });
    return s;
  })();
  return store;
}

export async function bundledService(options: { snapshot?: FederationSnapshot; resources?: readonly ResourceRef[] } = {}): Promise<LanguageService> {
  const schemas = await bundledStore();
  return new LanguageService({ schemas, settings: () => ({ strict: true }), snapshot: () => options.snapshot, resources: options.resources && (() => options.resources!) });
}
