/**
 * Keeps credentials out of every message Flotilla shows or logs. Errors from networking code can echo
 * request headers, URLs with tokens, or PEM blocks; `redact` removes them before the text leaves core.
 */

const PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[redacted pem]'],
  [/(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',}]+/gi, '$1$2 [redacted]'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/((?:token|password|client-key-data|client-certificate-data|keyData|certData|access_token|id_token|refresh_token)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/([?&](?:token|access_token|id_token)=)[^&\s]+/gi, '$1[redacted]'],
  // JWTs (service-account tokens, OIDC id tokens) wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, '[redacted jwt]'],
];

const knownSecrets = new Set<string>();

/** Registers a secret (a token or key read from a kubeconfig) so `redact` removes it verbatim too. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 6) knownSecrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
