/**
 * `node dist/server.js`: starts the language server (dist/languageServer.js) from V8's code cache and
 * saves that cache once the server has validated its first file, when it started without one.
 */
import { join } from 'node:path';
import { codeCacheDir, onWarm, runWithCodeCache } from './codeCache';

// The server marks itself warm only after it has started, so `server` is assigned by then.
onWarm(() => setImmediate(() => server.save()));
const server = runWithCodeCache(join(__dirname, 'languageServer.js'), codeCacheDir());
