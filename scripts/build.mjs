// Bundles the extension, the language server and the CLI into dist/ with esbuild.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { copyBundledSchemas } from './bundle-schemas.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { FLOTILLA_VERSION: JSON.stringify(version) },
  // client-node's optional WebSocket accelerators are not installed; ws falls back to plain JS.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
};

const entries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // dist/server.js is a small loader that runs dist/languageServer.js from V8's code cache (server/main.ts).
  // Both are package.json `bin` commands (`npx flotilla`, `flotilla-language-server --stdio`): run by node directly.
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/server.ts'], outfile: 'dist/languageServer.js' },
  // Live schema fetching (with @kubernetes/client-node), loaded by the server on first use: fast start-up.
  { entryPoints: ['server/liveSource.ts'], outfile: 'dist/serverLive.js' },
  { entryPoints: ['cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
// The language server loads the bundled schemas from dist/schemas/bundled at run time (plain JSON data files).
copyBundledSchemas('dist');

