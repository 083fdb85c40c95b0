/** Status conditions as controllers write them, and the one-line form the tree shows. */
import type { KubeObject } from './watch';

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export const conditionsOf = (obj: KubeObject | undefined): Condition[] => (Array.isArray(obj?.status?.conditions) ? (obj.status.conditions as Condition[]) : []);

/** The condition of that type, or undefined. */
export function conditionOf(obj: KubeObject | undefined, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

export function conditionText(c: Condition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
}
