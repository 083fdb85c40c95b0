/**
 * Control-plane mode: after applying manifests to a Karmada control plane, a PropagationPolicy per
 * namespace (and a ClusterPropagationPolicy for cluster-scoped objects) that places them on the chosen
 * members.
 */
import type { KubeObject } from './watch';

const NAMESPACED_BY_DEFAULT = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);

export function propagationPoliciesFor(objects: KubeObject[], members: string[], name: string, defaultNamespace = 'default'): KubeObject[] {
  const byNamespace = new Map<string, KubeObject[]>();
  const clusterScoped: KubeObject[] = [];
  for (const obj of objects) {
    if (NAMESPACED_BY_DEFAULT.has(obj.kind ?? '')) clusterScoped.push(obj);
    else {
      const ns = obj.metadata.namespace ?? defaultNamespace;
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), obj]);
    }
  }
  const selector = (o: KubeObject) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) });
  const placement = { clusterAffinity: { clusterNames: [...members].sort() } };
  const out: KubeObject[] = [...byNamespace].map(([namespace, objs]) => ({
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace },
    spec: { resourceSelectors: objs.map((o) => ({ ...selector(o), namespace: undefined })).map(({ namespace: _, ...s }) => s), placement },
  }));
  if (clusterScoped.length) {
    out.push({
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'ClusterPropagationPolicy',
      metadata: { name },
      spec: { resourceSelectors: clusterScoped.map(selector), placement },
    });
  }
  return out;
}
