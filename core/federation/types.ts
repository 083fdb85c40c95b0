/** Input and output of the cross-document and cluster-aware checks (pure; the server maps paths to ranges). */
import type { FactEntry, WorkspaceFacts } from './facts';
import type { MemberCluster } from '../placement/members';

export interface FederationDocument {
  uri: string;
  /** 0-based position of the document in its file. */
  index: number;
  /** The document as plain JavaScript. */
  value: unknown;
}

export interface FederationContext {
  documents: FederationDocument[];
  /** Member cluster objects (live snapshot or flotilla.clusters files); undefined when unknown, which skips member checks. */
  clusters?: unknown[];
  /** Objects read from the control plane (resources, Services, ManagedClusterSetBindings), when connected. */
  liveObjects?: unknown[];
  /** How messages name where `documents` come from; default "the workspace". */
  documentsLabel?: string;
}

export type PathSegment = string | number;

export interface QuickFix {
  title: string;
  /** New text for the scalar at `path`. */
  replacement: string;
}

export interface FederationFinding {
  uri: string;
  index: number;
  /** Where in the document: keys and array indexes from the root, ending at the offending node. */
  path: PathSegment[];
  severity: 'error' | 'warning' | 'information';
  code: string;
  message: string;
  fix?: QuickFix;
}

export type FederationCheck = (context: FederationContext) => FederationFinding[];

/** What a check of one document may consult: the workspace's facts and the members. */
export interface CheckEnvironment {
  facts: WorkspaceFacts;
  /** Parsed member clusters; undefined when unknown (member checks are skipped). */
  members?: MemberCluster[];
  /** "in the open YAML files", "in the workspace or the cluster"... */
  where: string;
}

/** A check of one document against the rest; the whole-workspace FederationCheck runs it over every document. */
export type DocumentCheck = (entry: FactEntry, env: CheckEnvironment) => FederationFinding[];
