/**
 * Direct reads and deletes of lab objects for e2e assertions and cleanup, through client-node with an
 * explicit context (never the kubeconfig's current-context).
 */
import type { KubeConfig } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

async function configFor(kubeconfigPath: string, context: string): Promise<KubeConfig> {
  // client-node is ESM-only; this CommonJS-typed file loads it dynamically.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  kc.setCurrentContext(context);
  return kc;
}

/** The Deployment's spec.replicas, or undefined when it does not exist in that cluster. */
export async function deploymentReplicas(kubeconfigPath: string, context: string, namespace: string, name: string): Promise<number | undefined> {
  const { AppsV1Api } = await import('@kubernetes/client-node');
  const apps = (await configFor(kubeconfigPath, context)).makeApiClient(AppsV1Api);
  try {
    const d = await apps.readNamespacedDeployment({ name, namespace });
    return d.spec?.replicas ?? 1;
  } catch (err) {
    if ((err as { code?: number }).code === 404) return undefined;
    throw err;
  }
}

/** Deletes the Deployment in each context, ignoring those where it does not exist. */
export async function deleteDeployment(kubeconfigPath: string, contexts: string[], namespace: string, name: string): Promise<void> {
  const { AppsV1Api } = await import('@kubernetes/client-node');
  await Promise.all(
    contexts.map(async (context) => {
      const apps = (await configFor(kubeconfigPath, context)).makeApiClient(AppsV1Api);
      await apps.deleteNamespacedDeployment({ name, namespace }).catch((err: { code?: number }) => {
        if (err.code !== 404) throw err;
      });
    }),
  );
}

/** Creates a minimal Deployment (one nginx container) in that context. */
export async function createDeployment(kubeconfigPath: string, context: string, namespace: string, name: string): Promise<void> {
  const { AppsV1Api } = await import('@kubernetes/client-node');
  const apps = (await configFor(kubeconfigPath, context)).makeApiClient(AppsV1Api);
  const labels = { app: name };
  await apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name, namespace, labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
    },
  });
}

/** Server-side apply with dryRun=All (apply patches reject unknown fields); rejects with the server's message. */
export async function dryRunApply(kubeconfigPath: string, context: string, object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): Promise<void> {
  const { KubernetesObjectApi, PatchStrategy } = await import('@kubernetes/client-node');
  const client = KubernetesObjectApi.makeApiClient(await configFor(kubeconfigPath, context));
  try {
    await client.patch(object, undefined, 'All', 'flotilla-e2e', true, PatchStrategy.ServerSideApply);
  } catch (err) {
    const body = (err as { body?: unknown }).body;
    throw new Error(`${context}: ${typeof body === 'string' ? body : JSON.stringify(body ?? String(err))}`);
  }
}
