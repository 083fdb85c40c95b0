/**
 * The one protocol file shared by the extension (client) and the language server. Every custom request
 * and notification is a typed namespace with its method name and message type, so both sides compile
 * against the same shapes. Standard LSP messages are not repeated here.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** Where a schema came from, in precedence order; hover names it and the status bar counts by it. */
export type SchemaSourceKind = 'live' | 'user' | 'workspace' | 'bundled';

export interface SchemaSourceCount {
  source: SchemaSourceKind;
  /** Number of apiVersion/kind pairs this source supplies. */
  kinds: number;
  /** Human-readable origin, e.g. a context name or a file path. */
  origins: string[];
}

export namespace SchemaStatusRequest {
  export const method = 'flotilla/schemaStatus';
  export const type = new RequestType0<SchemaSourceCount[], void>(method);
}

export namespace SchemaStatusChangedNotification {
  export const method = 'flotilla/schemaStatusChanged';
  export const type = new NotificationType<SchemaSourceCount[]>(method);
}

/** One member cluster as the explorer sees it, pushed to the server for placement and reference checks. */
export interface SnapshotCluster {
  /** Member name (Karmada Cluster / ManagedCluster / KubeFedCluster name) or the context name for a standalone cluster. */
  name: string;
  /** kubeconfig context that reaches it, if any. */
  context?: string;
  server?: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  /** Namespaces seen on the cluster (empty until the explorer has listed them). */
  namespaces: string[];
  /** Federations listing this cluster, e.g. "Karmada on host". */
  federations: string[];
}

export interface FederationSnapshot {
  clusters: SnapshotCluster[];
  /** Karmada cluster.karmada.io/v1alpha1 Cluster objects as read from the control planes. */
  karmadaClusters: unknown[];
  /** OCM ManagedCluster objects as read from the hubs (claims, allocatable, taints), without managedFields. */
  ocmClusters?: unknown[];
  /** OCM ManagedClusterSets the hubs' members belong to (their cluster.open-cluster-management.io/clusterset label). */
  clusterSets?: string[];
  /**
   * What the hubs' placement controllers read besides ManagedClusters: ManagedClusterSets and bindings,
   * PlacementDecisions (Balance, Steady) and AddOnPlacementScores, without managedFields.
   */
  ocmObjects?: unknown[];
  /** Counts the snapshots the extension sent; deltas name the version they apply to. */
  version?: number;
}

/** A keyed list's change: every name in the new order, and the entries that are new or differ. */
export interface KeyedChanges<T> {
  names: string[];
  put: T[];
}

/** What changed in the snapshot since version `base` (see core/federation/snapshotDelta.ts). */
export interface FederationSnapshotDelta {
  base: number;
  version: number;
  clusters?: KeyedChanges<SnapshotCluster>;
  karmadaClusters?: KeyedChanges<unknown>;
  ocmClusters?: KeyedChanges<unknown>;
  ocmObjects?: KeyedChanges<unknown>;
  clusterSets?: string[];
}

/** The whole snapshot: the first one, after a reload, and whenever the server asks for it. */
export namespace FederationSnapshotNotification {
  export const method = 'flotilla/federationSnapshot';
  export const type = new NotificationType<FederationSnapshot>(method);
}

/** The snapshot's changes since the version the server holds. */
export namespace FederationSnapshotDeltaNotification {
  export const method = 'flotilla/federationSnapshotDelta';
  export const type = new NotificationType<FederationSnapshotDelta>(method);
}

/** Sent by the server when a delta's base is not the version it holds: the client sends the whole snapshot. */
export namespace FederationSnapshotResyncNotification {
  export const method = 'flotilla/federationSnapshotResync';
  export const type = new NotificationType0(method);
}

/** A resource whose current Karmada schedule a placement lens previews a change from. */
export interface ScheduleQuery {
  kind: string;
  namespace?: string;
  name: string;
}

export interface CurrentSchedule extends ScheduleQuery {
  /** The ResourceBinding's spec.clusters; null when no control plane has scheduled the resource. */
  clusters: { name: string; replicas: number }[] | null;
  /** The control plane's context that holds the binding. */
  context?: string;
}

/**
 * Server to client: the current schedules of resources under placement lenses, so that a lens over a
 * scaled workload divides from them as karmada-scheduler does. Clients that do not answer it get
 * lenses of fresh schedules.
 */
export namespace CurrentSchedulesRequest {
  export const method = 'flotilla/currentSchedules';
  export const type = new RequestType<ScheduleQuery[], CurrentSchedule[], void>(method);
}
