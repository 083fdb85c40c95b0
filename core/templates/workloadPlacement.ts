/**
 * "Create PropagationPolicy for this workload" and its OCM equivalent: the policy documents that place a
 * workload document on chosen member clusters, generated from the workload itself.
 */
import { stringify } from 'yaml';
import { stripForCompare } from '../kube/strip';
import type { KubeObject } from '../kube/watch';
import { asString, field } from '../placement/objects';

export const PLACEABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

export interface PlaceableWorkload {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The document as written, for embedding (OCM). */
  value: KubeObject;
}

export type PlacementFlavour = 'karmada' | 'ocm';

/** The member kind each flavour places on (what core/placement/members reads from the snapshot). */
export const MEMBER_KIND: Record<PlacementFlavour, string> = { karmada: 'Cluster', ocm: 'ManagedCluster' };

/** The workload a document describes, or undefined when it is not one (or lacks a name). */
export function workloadOf(value: unknown): PlaceableWorkload | undefined {
  const apiVersion = asString(field(value, 'apiVersion'));
  const kind = asString(field(value, 'kind'));
  const name = asString(field(value, 'metadata', 'name'));
  if (!apiVersion || !kind || !name || !PLACEABLE_KINDS.has(kind)) return undefined;
  return { apiVersion, kind, name, namespace: asString(field(value, 'metadata', 'namespace')), value: value as KubeObject };
}

function metadata(w: PlaceableWorkload, name = w.name): Record<string, string> {
  return w.namespace ? { name, namespace: w.namespace } : { name };
}

/** A PropagationPolicy selecting exactly this workload and placing a full copy on each member. */
export function propagationPolicyFor(w: PlaceableWorkload, members: string[]): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: metadata(w),
    spec: {
      resourceSelectors: [{ apiVersion: w.apiVersion, kind: w.kind, name: w.name }],
      placement: {
        clusterAffinity: { clusterNames: members },
        replicaScheduling: { replicaSchedulingType: 'Duplicated' },
      },
    },
  };
}

/**
 * An OCM Placement choosing exactly these managed clusters (by the `name` label OCM gives each), and the
 * ManifestWorkReplicaSet that turns its decisions into one ManifestWork per cluster holding the workload.
 * The Placement's namespace needs a ManagedClusterSetBinding for the clusters' set.
 */
export function ocmPlacementFor(w: PlaceableWorkload, members: string[]): object[] {
  const manifest = stripForCompare(w.value);
  manifest.metadata.namespace = w.namespace ?? 'default';
  return [
    {
      apiVersion: 'cluster.open-cluster-management.io/v1beta1',
      kind: 'Placement',
      metadata: metadata(w),
      spec: {
        numberOfClusters: members.length,
        predicates: [{ requiredClusterSelector: { labelSelector: { matchExpressions: [{ key: 'name', operator: 'In', values: members }] } } }],
      },
    },
    {
      apiVersion: 'work.open-cluster-management.io/v1alpha1',
      kind: 'ManifestWorkReplicaSet',
      metadata: metadata(w),
      spec: {
        cascadeDeletionPolicy: 'Background',
        placementRefs: [{ name: w.name, rolloutStrategy: { type: 'All' } }],
        manifestWorkTemplate: { workload: { manifests: [manifest] } },
      },
    },
  ];
}

export function placementDocuments(flavour: PlacementFlavour, w: PlaceableWorkload, members: string[]): object[] {
  return flavour === 'karmada' ? [propagationPolicyFor(w, members)] : ocmPlacementFor(w, members);
}

export function placementTitle(flavour: PlacementFlavour, w: PlaceableWorkload): string {
  return flavour === 'karmada' ? `Create PropagationPolicy for ${w.kind} ${w.name}` : `Create OCM Placement and ManifestWorkReplicaSet for ${w.kind} ${w.name}`;
}

/** Text that appends `documents` to a file whose text is `fileText`, each after a `---` line. */
export function appendedDocuments(fileText: string, documents: object[]): string {
  const body = documents.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
  return `${fileText.length && !fileText.endsWith('\n') ? '\n' : ''}${body}`;
}

/** Position of the end of `text` (where appendedDocuments' text goes). */
export function endPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
