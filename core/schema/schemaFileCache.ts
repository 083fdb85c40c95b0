/**
 * What schema files hold that matters, remembered as JSON by path, size and modification time: the CRDs
 * of a YAML file, the schemas of an OpenAPI document. Reading CRD YAML costs about ten times what
 * JSON.parse of the same objects does (the 43 upstream CRD files: 100 ms against 11 ms), an OpenAPI
 * document is mostly `paths` the schemas do not need, and the same files are read at every start.
 */
import { createHash } from 'node:crypto';
import type { JsonDiskCache } from './jsonDiskCache';

/** What identifies one version of a file's content. */
export interface FileVersion {
  size: number;
  mtimeMs: number;
}

interface Entry extends FileVersion {
  path: string;
  content: unknown;
}

export class SchemaFileCache {
  constructor(
    private readonly disk: JsonDiskCache,
    /** Writes wait for this (a server holds them until its open documents are validated). */
    private readonly writesMayStart: Promise<void> = Promise.resolve(),
  ) {}

  /** The file's content, if it was remembered for this version of the file. */
  async read(path: string, version: FileVersion): Promise<unknown> {
    const entry = (await this.disk.read(nameOf(path))) as Partial<Entry> | undefined;
    const current = entry?.path === path && entry.size === version.size && entry.mtimeMs === version.mtimeMs;
    return current ? entry.content : undefined;
  }

  /** Stores the content in the background; a cache that cannot be written only costs the next start. */
  remember(path: string, version: FileVersion, content: unknown): void {
    const entry: Entry = { path, size: version.size, mtimeMs: version.mtimeMs, content };
    this.writesMayStart.then(() => this.disk.write(nameOf(path), entry)).catch(() => undefined);
  }
}

/** One entry per path: a file's new version replaces its old one. */
function nameOf(path: string): string {
  return `${createHash('sha1').update(path).digest('hex').slice(0, 20)}.json`;
}
