/** Runs a feature so that its failure is logged and answered with `fallback`, never taking the server down. */
export function safely<T>(run: () => T, fallback: T, log: (m: string) => void): T {
  try {
    return run();
  } catch (err) {
    log(`feature failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fallback;
  }
}
