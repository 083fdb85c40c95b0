// Where the tests find the upstream CRDs, OpenAPI documents and examples (../shared/upstream beside the
// clone, or FLOTILLA_UPSTREAM_DIR), and the one reason every test that reads them gives for skipping.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, type TestContext } from 'node:test';

export const UPSTREAM_DIR = process.env.FLOTILLA_UPSTREAM_DIR ?? resolve(__dirname, '../../../shared/upstream');

/** Why a test that reads the upstream data cannot run, or false. */
export const upstreamMissing: string | false = existsSync(resolve(UPSTREAM_DIR, 'index.json')) ? false : `no upstream data in ${UPSTREAM_DIR} (set FLOTILLA_UPSTREAM_DIR)`;

type Body = (t: TestContext) => void | Promise<void>;

/** A `test` that skips, with `upstreamMissing` as its reason, when there is no upstream data. */
export function upstreamTest(name: string, body: Body): Promise<void>;
export function upstreamTest(name: string, options: { timeout?: number; concurrency?: number | boolean }, body: Body): Promise<void>;
export function upstreamTest(name: string, optionsOrBody: Body | { timeout?: number; concurrency?: number | boolean }, body?: Body): Promise<void> {
  const options = typeof optionsOrBody === 'function' ? {} : optionsOrBody;
  const fn = typeof optionsOrBody === 'function' ? optionsOrBody : body!;
  return test(name, { ...options, skip: upstreamMissing }, fn);
}
