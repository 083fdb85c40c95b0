/**
 * `flotilla lint [--schemas PATH]... [--format text|json|sarif] [--no-strict] FILES_OR_DIRS`: the language
 * server's validation for CI. Schemas: bundled, then --schemas files/folders (CRD YAML, OpenAPI JSON).
 * Exit 1 when any error is found, 2 on bad usage.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LanguageService } from '../../core/language/languageService';
import { findBundledSchemas, loadFileSource } from '../../core/schema/sources';
import { SchemaStore } from '../../core/schema/store';
import type { CliCommand } from './command';
import { toSarif } from './sarif';

export interface LintFinding {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  code: string;
}

const SEVERITIES = ['error', 'error', 'warning', 'information', 'hint'] as const;
const USAGE = 'Usage: flotilla lint [--schemas PATH]... [--format text|json|sarif] [--no-strict] FILES_OR_DIRS';

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Validate Kubernetes/federation manifests against their schemas (as the language server does).',
  async run(args) {
    const schemaPaths: string[] = [];
    const targets: string[] = [];
    let format = 'text';
    let strict = true;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help' || a === '-h') {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (a === '--schemas' && args[i + 1]) schemaPaths.push(args[++i]);
      else if (a.startsWith('--schemas=')) schemaPaths.push(a.slice(10));
      else if (a === '--format' && args[i + 1]) format = args[++i];
      else if (a.startsWith('--format=')) format = a.slice(9);
      else if (a === '--no-strict') strict = false;
      else if (a.startsWith('-')) return usage(`unknown option ${a}`);
      else targets.push(a);
    }
    if (format !== 'text' && format !== 'json' && format !== 'sarif') return usage(`--format must be text, json or sarif`);
    if (!targets.length) return usage('no files or folders given');
    const findings = await lint(targets, schemaPaths, strict, (m) => process.stderr.write(`flotilla lint: ${m}\n`));
    if (format === 'json') process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
    else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(findings), null, 2) + '\n');
    else for (const f of findings) process.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message} [${f.code}]\n`);
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

function usage(problem: string): number {
  process.stderr.write(`flotilla lint: ${problem}\n${USAGE}\n`);
  return 2;
}

export async function lint(targets: string[], schemaPaths: string[], strict: boolean, log: (m: string) => void): Promise<LintFinding[]> {
  const store = new SchemaStore(log);
  const bundled = findBundledSchemas(__dirname);
  if (bundled) await loadFileSource(store, 'bundled', [bundled], log);
  await loadFileSource(store, 'user', schemaPaths, log);
  const service = new LanguageService({ schemas: store, settings: () => ({ strict }) });
  const findings: LintFinding[] = [];
  const unreadable = (file: string, message: string) => findings.push({ file, line: 1, column: 1, severity: 'error', message, code: 'unreadable' });
  for (const file of await yamlFiles(targets, unreadable)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      unreadable(file, `cannot read: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const uri = pathToFileURL(file).href;
    for (const d of service.diagnostics(uri, text) ?? []) {
      findings.push({
        file: relative(process.cwd(), file) || file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: SEVERITIES[d.severity ?? 1],
        message: typeof d.message === 'string' ? d.message : d.message.value,
        code: String(d.code ?? ''),
      });
    }
    service.close(uri);
  }
  return findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}

async function yamlFiles(targets: string[], unreadable: (file: string, message: string) => void): Promise<string[]> {
  const out: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch {
      unreadable(path, 'no such file or folder');
      return;
    }
    if (info.isDirectory()) {
      for (const name of (await readdir(path)).sort()) if (!name.startsWith('.') && name !== 'node_modules') await visit(join(path, name), false);
    } else if (explicit || /^\.ya?ml$/i.test(extname(path))) out.push(path);
  };
  for (const t of targets) await visit(t, true);
  return out;
}
