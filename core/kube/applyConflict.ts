/**
 * A server-side apply conflict: fields of the object that other field managers own. The API server answers
 * 409 with one cause per field (`reason: FieldManagerConflict`, `conflict with "kubectl-edit" using apps/v1`,
 * `field: .spec.replicas`); kubectl's answer is `--force-conflicts`, which takes the fields over.
 */
import type { ClusterError } from './errors';

export interface FieldConflict {
  manager: string;
  field: string;
}

export function applyConflicts(error: ClusterError): FieldConflict[] | undefined {
  if (error.kind !== 'conflict') return undefined;
  const conflicts = (error.serverStatus?.details?.causes ?? []).flatMap((cause) => {
    const manager = /conflict with "([^"]+)"/.exec(cause.message ?? '')?.[1];
    return cause.reason === 'FieldManagerConflict' && manager && cause.field ? [{ manager, field: cause.field }] : [];
  });
  return conflicts.length ? conflicts : undefined;
}

/** `.spec.replicas and .spec.template… are managed by "kubectl-edit"; .metadata.labels.app by "argocd"` */
export function describeConflicts(conflicts: FieldConflict[]): string {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  return [...byManager].map(([manager, fields]) => `${fields.join(', ')} managed by "${manager}"`).join('; ');
}
