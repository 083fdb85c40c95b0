/**
 * The YAML files of the workspace folders that are not open in the editor, so that cross-document
 * features (a policy's resourceSelectors, an OverridePolicy's target, a ServiceExport's Service) see the
 * whole workspace and not only the open tabs. Texts are read once and then kept current from the
 * client's file events.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listFiles } from '../core/schema/files';

const YAML_EXTENSIONS = ['.yaml', '.yml'];
/** Files larger than this are generated data, not manifests someone maintains by hand. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A GitOps repository of 20,000 manifests is read whole; beyond this many the scan stops. */
const MAX_FILES = 50_000;
/** Files read at once. */
const CONCURRENT_READS = 32;

export class WorkspaceFiles {
  private readonly texts = new Map<string, string>();

  constructor(private readonly log: (message: string) => void) {}

  /**
   * Reads every YAML file under `folders` (at most `limit`); returns how many were read. `onRead` sees each
   * batch of URIs read while the next batch is being read (so parsing overlaps the reading).
   */
  async scan(folders: string[], signal: AbortSignal, limit = MAX_FILES, onRead?: (uris: string[]) => void): Promise<number> {
    const paths = await listFiles(folders, {
      limit,
      extensions: YAML_EXTENSIONS,
      signal,
      onError: (path, message) => this.log(`workspace file skipped: ${path}: ${message}`),
    });
    if (paths.length >= limit) this.log(`workspace scan stopped at ${limit} YAML files`);
    const uris = paths.map((path) => pathToFileURL(path).toString());
    const readBatch = (from: number) => Promise.all(uris.slice(from, from + CONCURRENT_READS).map((uri) => this.read(uri)));
    let reading = readBatch(0);
    for (let i = 0; i < uris.length && !signal.aborted; i += CONCURRENT_READS) {
      await reading;
      reading = readBatch(i + CONCURRENT_READS);
      onRead?.(uris.slice(i, i + CONCURRENT_READS));
    }
    await reading;
    return this.texts.size;
  }

  /** Re-reads a created or changed file, forgets a deleted one. */
  async changed(uri: string, deleted: boolean): Promise<void> {
    if (deleted) this.texts.delete(uri);
    else if (YAML_EXTENSIONS.some((ext) => uri.toLowerCase().endsWith(ext))) await this.read(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  entries(): IterableIterator<[string, string]> {
    return this.texts.entries();
  }

  private async read(uri: string): Promise<void> {
    try {
      const text = await readFile(fileURLToPath(uri), 'utf8');
      if (text.length <= MAX_FILE_BYTES) this.texts.set(uri, text);
      else this.texts.delete(uri);
    } catch (err) {
      this.texts.delete(uri);
      this.log(`workspace file skipped: ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
