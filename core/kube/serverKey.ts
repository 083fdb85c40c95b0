/**
 * One key per API server for a kubeconfig `server` URL: contexts written as `https://localhost:6443`,
 * `https://127.0.0.1:6443/` and `https://[::1]:6443` reach the same server, and so do an explicit and
 * an implied default port. The path stays: proxies (Rancher, for one) serve many clusters under one host.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function serverKey(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return server;
  }
  const host = LOOPBACK.has(url.hostname) ? 'loopback' : url.hostname;
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, '')}`;
}
