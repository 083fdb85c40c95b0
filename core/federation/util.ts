import { identityOf } from '../placement/objects';
import type { FederationContext, FederationDocument, FederationFinding, PathSegment } from './types';

export const PROPAGATION_KINDS = new Set(['PropagationPolicy', 'ClusterPropagationPolicy']);
export const OVERRIDE_KINDS = new Set(['OverridePolicy', 'ClusterOverridePolicy']);

export function documentsOfKind(documents: FederationDocument[], kinds: Set<string> | string): FederationDocument[] {
  return documents.filter((d) => {
    const kind = identityOf(d.value).kind;
    return typeof kinds === 'string' ? kind === kinds : kinds.has(kind);
  });
}

export function finding(doc: FederationDocument, path: PathSegment[], code: string, message: string, severity: FederationFinding['severity'] = 'warning'): FederationFinding {
  return { uri: doc.uri, index: doc.index, path, code, message, severity };
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

export function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function describeObject(value: unknown): string {
  const id = identityOf(value);
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** "in the workspace", or "in the workspace or the cluster" when live objects were consulted. */
export function whereLooked(context: Pick<FederationContext, 'liveObjects' | 'documentsLabel'>): string {
  const label = context.documentsLabel ?? 'the workspace';
  return context.liveObjects ? `in ${label} or the cluster` : `in ${label}`;
}
