import { watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Resolves with the path of the first file created under `dir` (recursively) whose path relative to
 * `dir` matches `pattern`. Start it before whatever writes the file.
 */
export function fileAppears(dir: string, pattern: RegExp): { path: Promise<string>; stop(): void } {
  let stop = () => {};
  const path = new Promise<string>((resolve, reject) => {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (!name || !pattern.test(name)) return;
      watcher.close();
      resolve(join(dir, name));
    });
    watcher.on('error', reject);
    stop = () => watcher.close();
  });
  return { path, stop };
}
