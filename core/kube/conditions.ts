/** Status conditions as controllers write them, and the one-line form the tree shows. */
import type { KubeObject } from './watch';

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export const conditionsOf = (obj: KubeObject): Condition[] => (Array.isArray(obj.status?.conditions) ? (obj.status!.conditions as Condition[]) : []);

export function conditionText(c: Condition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
}
