/** JSON values kept on disk by name, each written whole (a temporary file renamed into place). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class JsonDiskCache {
  constructor(readonly dir: string) {}

  private file(name: string): string {
    return join(this.dir, name);
  }

  /** The value stored under `name`; undefined when there is none or it cannot be read. */
  async read(name: string): Promise<unknown | undefined> {
    try {
      return JSON.parse(await readFile(this.file(name), 'utf8'));
    } catch {
      return undefined;
    }
  }

  async write(name: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = this.file(`${name}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, this.file(name));
  }
}
