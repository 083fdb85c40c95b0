/** The explorer's node: what a row shows and what commands need to act on it. */
import type { Federation } from './discovery';
import type { ProblemFix } from './fixes';
import type { ManagedBy } from './managedBy';
import type { Health } from './workloads';

export type NodeIcon = Health | 'federation' | 'folder' | 'namespace' | 'policy' | 'cluster' | 'template' | 'work' | 'binding' | 'decision';

export type NodeKind =
  | 'federation'
  | 'member'
  | 'cluster'
  | 'policies'
  | 'policy'
  | 'clusters'
  | 'namespace'
  | 'workload'
  | 'templates'
  | 'template'
  | 'binding'
  | 'work'
  | 'manifestWorks'
  | 'manifestWorkCluster'
  | 'manifestWork'
  | 'decision'
  | 'error'
  | 'info';

export interface ExplorerNode {
  id: string;
  /** The node this one is listed under (for VS Code's reveal). */
  parentId?: string;
  kind: NodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  icon: NodeIcon;
  /** VS Code contextValue: node kind plus, for workloads, the resource kind ("workload.Deployment"). */
  contextValue: string;
  collapsible: boolean;
  /** Context the node's data comes from (a kubeconfig context, or a proxy route's name). */
  context?: string;
  /** Member or context name shown to the user. */
  clusterName?: string;
  federation?: Federation;
  namespace?: string;
  resourceKind?: string;
  name?: string;
  /** API path of the object the node shows, on `context` (templates, bindings, works). */
  objectPath?: string;
  /** The control plane object a member's object comes from. */
  managedBy?: ManagedBy;
  /** What clicking the row does about the problem it shows. */
  fix?: ProblemFix;
}

