/**
 * Reads kubeconfig files the way kubectl merges them (KUBECONFIG path list, else ~/.kube/config, then
 * flotilla.kubeconfigs): the first file to define a cluster, user or context name wins, and the first
 * file that sets current-context wins. Files are only ever read. A broken file or entry marks what it
 * breaks with a reason; everything else still loads.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { registerSecret } from './redact';

type Raw = Record<string, unknown>;

export interface NamedEntry {
  name: string;
  /** The kubeconfig's own fields, with relative file paths made absolute against the defining file. */
  fields: Raw;
  file: string;
}

export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  file: string;
  /** Server URL of the referenced cluster, when it exists. */
  server?: string;
  /** Why this context cannot be used, if it cannot. */
  problem?: string;
  /** The user authenticates with an exec credential plugin (runs only in a trusted workspace). */
  usesExec: boolean;
}

export interface FileProblem {
  file: string;
  reason: string;
}

export interface MergedKubeconfig {
  files: string[];
  currentContext?: string;
  contexts: ContextEntry[];
  clusters: Map<string, NamedEntry>;
  users: Map<string, NamedEntry>;
  fileProblems: FileProblem[];
}

/** KUBECONFIG's path list (or ~/.kube/config) followed by the extra files, without duplicates. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env, extra: string[] = []): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  const base = fromEnv.length ? fromEnv : [path.join(env.HOME ?? homedir(), '.kube', 'config')];
  const all = [...base, ...extra.map((p) => p.replace(/^~(?=$|\/)/, env.HOME ?? homedir()))];
  return [...new Set(all.map((p) => path.resolve(p)))];
}

const PATH_FIELDS = ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile'];

function absolutize(fields: Raw, dir: string): Raw {
  const out = { ...fields };
  for (const key of PATH_FIELDS) {
    const value = out[key];
    if (typeof value === 'string' && value && !path.isAbsolute(value)) out[key] = path.join(dir, value);
  }
  return out;
}

export function loadKubeconfigs(files: string[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files, contexts: [], clusters: new Map(), users: new Map(), fileProblems: [] };
  const contexts = new Map<string, ContextEntry>();
  for (const file of files) {
    let doc: Raw;
    try {
      if (!existsSync(file)) throw new Error('file not found');
      doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Raw;
      if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a kubeconfig (expected a mapping)');
    } catch (err) {
      merged.fileProblems.push({ file, reason: (err as Error).message.split('\n')[0] });
      continue;
    }
    const dir = path.dirname(file);
    if (!merged.currentContext && typeof doc['current-context'] === 'string' && doc['current-context']) {
      merged.currentContext = doc['current-context'];
    }
    for (const item of asList(doc.clusters)) {
      const name = item.name;
      if (typeof name !== 'string' || merged.clusters.has(name)) continue;
      merged.clusters.set(name, { name, fields: absolutize(asRaw(item.cluster), dir), file });
    }
    for (const item of asList(doc.users)) {
      const name = item.name;
      if (typeof name !== 'string' || merged.users.has(name)) continue;
      const fields = absolutize(asRaw(item.user), dir);
      for (const key of ['token', 'password', 'client-key-data']) registerSecret(fields[key] as string | undefined);
      merged.users.set(name, { name, fields, file });
    }
    for (const item of asList(doc.contexts)) {
      const name = item.name;
      if (typeof name !== 'string' || contexts.has(name)) continue;
      const ctx = asRaw(item.context);
      contexts.set(name, {
        name,
        cluster: String(ctx.cluster ?? ''),
        user: String(ctx.user ?? ''),
        namespace: typeof ctx.namespace === 'string' ? ctx.namespace : undefined,
        file,
        usesExec: false,
      });
    }
  }
  for (const ctx of contexts.values()) {
    const cluster = merged.clusters.get(ctx.cluster);
    const user = merged.users.get(ctx.user);
    ctx.server = typeof cluster?.fields.server === 'string' ? cluster.fields.server : undefined;
    ctx.usesExec = !!user?.fields.exec;
    ctx.problem = checkContext(ctx, cluster, user);
    merged.contexts.push(ctx);
  }
  return merged;
}

function checkContext(ctx: ContextEntry, cluster?: NamedEntry, user?: NamedEntry): string | undefined {
  if (!cluster) return `unknown cluster "${ctx.cluster}"`;
  if (!ctx.user) return 'no user';
  if (!user) return `unknown user "${ctx.user}"`;
  const server = cluster.fields.server;
  if (typeof server !== 'string' || !server) return `cluster "${cluster.name}" has no server`;
  try {
    const url = new URL(server);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && cluster.fields['insecure-skip-tls-verify'])) {
      return `unsupported server URL ${server}`;
    }
  } catch {
    return `invalid server URL "${server}"`;
  }
  return (
    checkCertificate('certificate authority', cluster.fields['certificate-authority-data'], cluster.fields['certificate-authority']) ??
    checkCertificate('client certificate', user.fields['client-certificate-data'], user.fields['client-certificate']) ??
    checkFile('client key', user.fields['client-key']) ??
    checkFile('token file', user.fields.tokenFile)
  );
}

function checkFile(what: string, file: unknown): string | undefined {
  if (typeof file === 'string' && file && !existsSync(file)) return `${what} file not found: ${file}`;
  return undefined;
}

function checkCertificate(what: string, data: unknown, file: unknown): string | undefined {
  const missing = checkFile(what, file);
  if (missing) return missing;
  let pem: Buffer | undefined;
  if (typeof data === 'string' && data) pem = Buffer.from(data, 'base64');
  else if (typeof file === 'string' && file) pem = readFileSync(file);
  if (!pem) return undefined;
  try {
    new X509Certificate(pem);
    return undefined;
  } catch (err) {
    return `bad ${what}: ${(err as Error).message}`;
  }
}

function asList(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter((v): v is Raw => !!v && typeof v === 'object') : [];
}

function asRaw(value: unknown): Raw {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

/** Servers compare equal regardless of case, trailing slash, default port or localhost vs 127.0.0.1. */
export function normalizeServer(server: string | undefined): string {
  if (!server) return '';
  try {
    const url = new URL(server.trim());
    const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.toLowerCase();
    const port = url.port || (url.protocol === 'http:' ? '80' : '443');
    return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return server.trim().toLowerCase().replace(/\/+$/, '');
  }
}
