/**
 * One error type for everything that can go wrong talking to a cluster, classified so the tree and the
 * commands can say why in a few words ("member2: unreachable (connect ECONNREFUSED 127.0.0.1:6443)").
 */
import { redact } from './redact';

export type ClusterErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'forbidden'
  | 'unauthorized'
  | 'tls'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'gone'
  | 'config'
  | 'cancelled'
  | 'server'
  | 'client';

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    readonly status?: number,
    /** The API server's Status object (reason, details), when it sent one. */
    readonly serverStatus?: KubeStatus,
  ) {
    super(redact(message.length > 400 ? `${message.slice(0, 400)}…` : message));
    this.name = 'ClusterError';
  }

  /** "unreachable (connect ECONNREFUSED ...)", "forbidden: deployments.apps is forbidden: ..." */
  describe(): string {
    switch (this.kind) {
      case 'unreachable':
      case 'timeout':
      case 'tls':
      case 'cancelled':
      case 'config':
        return `${LABELS[this.kind]} (${this.message})`;
      default:
        return `${LABELS[this.kind]}: ${this.message}`;
    }
  }
}

const LABELS: Record<ClusterErrorKind, string> = {
  unreachable: 'unreachable',
  timeout: 'timeout',
  forbidden: '403 forbidden',
  unauthorized: '401 unauthorized (expired or invalid credentials)',
  tls: 'TLS error',
  notFound: 'not found',
  conflict: 'conflict',
  invalid: 'invalid',
  gone: 'gone',
  config: 'not connected',
  cancelled: 'cancelled',
  server: 'server error',
  client: 'error',
};

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export function errorFromStatus(code: number, body: string): ClusterError {
  let status: KubeStatus | undefined;
  try {
    const parsed = JSON.parse(body) as KubeStatus;
    if (parsed && parsed.kind === 'Status') status = parsed;
  } catch {
    // not JSON: fall back to the raw body below
  }
  const message = status?.message || body.trim().slice(0, 300) || `HTTP ${code}`;
  const kind: ClusterErrorKind =
    code === 401 ? 'unauthorized'
    : code === 403 ? 'forbidden'
    : code === 404 ? 'notFound'
    : code === 409 ? 'conflict'
    : code === 410 ? 'gone'
    : code === 422 || code === 400 ? 'invalid'
    : 'server';
  return new ClusterError(kind, message, code, status);
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|ERR_OSSL)/;

/** Classifies anything thrown while talking to a cluster. `signal` tells a timeout from a cancel. */
export function toClusterError(err: unknown, signal?: AbortSignal): ClusterError {
  if (err instanceof ClusterError) return err;
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string; message?: string } | undefined;
    if (reason instanceof ClusterError) return reason;
    if (reason?.name === 'TimeoutError') return new ClusterError('timeout', 'no answer in time');
    return new ClusterError('cancelled', 'cancelled');
  }
  const e = err as NodeJS.ErrnoException & { syscall?: string; address?: string; port?: number };
  const code = e?.code ?? '';
  if (TLS_CODES.test(code) || /certificate|tls|ssl/i.test(e?.message ?? '') && !/ECONN/.test(code)) {
    return new ClusterError('tls', `${code ? code + ': ' : ''}${e.message}`);
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT'].includes(code)) {
    if (code === 'ECONNRESET' && !e.address) return new ClusterError('unreachable', 'connection reset (ECONNRESET)');
    const where = e.address ? ` ${e.address}${e.port ? ':' + e.port : ''}` : '';
    return new ClusterError('unreachable', `${e.syscall ? e.syscall + ' ' : ''}${code}${where}`);
  }
  if (e?.name === 'AbortError') return new ClusterError('cancelled', 'cancelled');
  if (code.startsWith('E')) return new ClusterError('unreachable', `${code}: ${e.message}`);
  return new ClusterError('client', e?.message ?? String(err));
}

/** What to tell the user about any error: a ClusterError's description (cluster named, secrets redacted), else its message. */
export function describeError(err: unknown): string {
  return (err as { describe?: () => string }).describe?.() ?? (err as Error).message;
}
