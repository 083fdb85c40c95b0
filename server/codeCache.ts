/**
 * Runs a CommonJS bundle from V8's code cache, so that a new server process starts without compiling
 * the functions an earlier process already compiled (VS Code caches its own code the same way).
 *
 * The cache is written once per bundle, after the server has done its first real work, so it holds the
 * bytecode of every function used so far, not only the top-level ones compiled at load. Its file name
 * carries a hash of the bundle's text, the V8 version and the flags: V8 itself only checks the length of
 * the source, so a rebuilt bundle of the same length must never meet an old cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

export type CodeCacheStatus = 'off' | 'none' | 'used' | 'rejected';

export interface CodeCacheRun {
  status: CodeCacheStatus;
  /** What the bundle exported. */
  exports: unknown;
  /** Writes the cache if this process started without a usable one; returns the file written, if any. */
  save(): string | undefined;
}

/** Where the cache lives: FLOTILLA_CODE_CACHE_DIR (`off` disables it), else the user's cache folder. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.FLOTILLA_CODE_CACHE_DIR;
  if (configured === 'off') return undefined;
  return configured || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'flotilla', 'code');
}

/** Loads `file` as the main module, like `node file` would, from the cache in `cacheDir` when there is one. */
export function runWithCodeCache(file: string, cacheDir: string | undefined): CodeCacheRun {
  const source = readFileSync(file, 'utf8');
  const stem = `${basename(file, '.js')}-`;
  const cacheFile = cacheDir && join(cacheDir, `${stem}${cacheKey(source)}.bin`);
  const cachedData = cacheFile ? readIfPresent(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const status: CodeCacheStatus = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  let saved = status === 'off' || status === 'used';
  const main = new Module(file);
  main.filename = file;
  main.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(main.exports, main.exports, Module.createRequire(file), main, file, dirname(file));
  return {
    status,
    exports: main.exports,
    save() {
      if (saved || !cacheDir || !cacheFile) return undefined;
      saved = true;
      return writeCache(cacheDir, stem, cacheFile, script.createCachedData());
    },
  };
}

function cacheKey(source: string): string {
  return createHash('sha1').update(`${process.versions.v8}\0${process.arch}\0${process.execArgv.join(' ')}\0`).update(source).digest('hex').slice(0, 16);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written beside and renamed into place, so a server starting meanwhile never reads half a file; older caches of the same bundle go. */
function writeCache(dir: string, stem: string, file: string, data: Buffer): string | undefined {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(partial, data);
    renameSync(partial, file);
    for (const other of readdirSync(dir)) {
      if (other.startsWith(stem) && other.endsWith('.bin') && join(dir, other) !== file) rmSync(join(dir, other), { force: true });
    }
    return file;
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
    return undefined;
  }
}

const WARM = Symbol.for('flotilla.codeCache.warm');

/** Called by the loaded bundle once it has done its first real work; the loader then saves the cache. */
export function markWarm(): void {
  const onWarm = (globalThis as Record<symbol, (() => void) | undefined>)[WARM];
  (globalThis as Record<symbol, unknown>)[WARM] = undefined;
  onWarm?.();
}

/** The loader's side of markWarm: the bundle and the loader are separate bundles, so they meet on a global. */
export function onWarm(callback: () => void): void {
  (globalThis as Record<symbol, unknown>)[WARM] = callback;
}
