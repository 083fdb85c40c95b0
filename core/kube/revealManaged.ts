/**
 * From a member's object that a federation manages to the control plane's node for it: the Karmada
 * template (by the binding named on the object) or the OCM ManifestWork (by the hub whose server URL
 * hashes to the AppliedManifestWork's prefix), or else the object to open read-only.
 */
import { hubHash } from '../ocm/managedBy';
import type { Federation } from './discovery';
import type { ExplorerNode } from './explorerNode';
import { refText, type ManagedBy } from './managedBy';

export interface TreeWalk {
  roots(): Promise<ExplorerNode[]>;
  children(node: ExplorerNode): Promise<ExplorerNode[]>;
}

export interface ControlPlaneObject {
  context: string;
  path: string;
  /** "ResourceBinding shop/web-deployment on host" */
  what: string;
}

/** Federation roots that may hold what manages the object: the node's own first, then by membership or OCM's hub hash. */
function federationsFor(roots: ExplorerNode[], m: ManagedBy, node: ExplorerNode): ExplorerNode[] {
  const feds = roots.filter((n) => n.kind === 'federation' && n.federation!.kind === m.federation);
  const fits = (f: Federation) =>
    m.manifestWork ? [f.server, f.server.replace(/\/+$/, '')].some((s) => hubHash(s) === m.manifestWork!.hubHash) : f.members.some((x) => x.context === node.context);
  const own = feds.filter((n) => n.federation === node.federation);
  return [...own, ...feds.filter((n) => n.federation !== node.federation && fits(n.federation!))];
}

const memberName = (fed: ExplorerNode, node: ExplorerNode) => fed.federation!.members.find((x) => x.context === node.context)?.name ?? node.clusterName;

/** Builds the nodes on the way (VS Code expands them to reveal the target, and they are watched then). */
export async function controlPlaneNode(tree: TreeWalk, node: ExplorerNode): Promise<ExplorerNode | undefined> {
  const m = node.managedBy;
  if (!m) return undefined;
  for (const fed of federationsFor(await tree.roots(), m, node)) {
    const folder = (await tree.children(fed)).find((n) => n.kind === (m.federation === 'Karmada' ? 'templates' : 'manifestWorks'));
    if (!folder) continue;
    if (m.federation === 'Karmada') {
      const b = m.binding;
      const hit = b && (await tree.children(folder)).find((n) => n.resourceKind === b.kind && (n.namespace ?? '') === (b.namespace ?? '') && n.name === b.name);
      if (hit) return hit;
      continue;
    }
    const group = (await tree.children(folder)).find((n) => n.kind === 'manifestWorkCluster' && n.label === memberName(fed, node));
    const hit = group && (await tree.children(group)).find((n) => n.name === m.manifestWork?.name);
    if (hit) return hit;
  }
  return undefined;
}

export function controlPlaneObject(roots: ExplorerNode[], node: ExplorerNode): ControlPlaneObject | undefined {
  const m = node.managedBy;
  const fed = m && federationsFor(roots, m, node)[0];
  if (!m || !fed?.context) return undefined;
  if (m.binding) {
    const { kind, namespace, name } = m.binding;
    const path = kind === 'ClusterResourceBinding' ? `/apis/work.karmada.io/v1alpha2/clusterresourcebindings/${name}` : `/apis/work.karmada.io/v1alpha2/namespaces/${namespace}/resourcebindings/${name}`;
    return { context: fed.context, path, what: `${kind} ${refText(m.binding)} on ${fed.context}` };
  }
  const cluster = memberName(fed, node);
  if (!m.manifestWork || !cluster) return undefined;
  return { context: fed.context, path: `/apis/work.open-cluster-management.io/v1/namespaces/${cluster}/manifestworks/${m.manifestWork.name}`, what: `ManifestWork ${cluster}/${m.manifestWork.name} on ${fed.context}` };
}
