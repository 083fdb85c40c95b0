/**
 * Has V8 compile each function with its baseline compiler (Sparkplug) on first call, instead of
 * interpreting it until it turns hot. A fresh language server reads and validates its first file with
 * cold code: this takes about 15% off that (test/bench/lsp.bench.ts), for a little more code memory.
 * Entry points import it before anything else, so that it applies to every function of the bundle.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--always-sparkplug');
