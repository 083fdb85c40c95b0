import { asArray, asObj, asString, asStringArray, asStringMap } from './objects';

/** A metav1.LabelSelector (matchLabels + matchExpressions In/NotIn/Exists/DoesNotExist). */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

export function parseRequirements(value: unknown): SelectorRequirement[] {
  return asArray(value).flatMap((raw) => {
    const o = asObj(raw);
    const key = asString(o?.key);
    const operator = asString(o?.operator);
    return o && key !== undefined && operator ? [{ key, operator, values: asStringArray(o.values) }] : [];
  });
}

export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  const o = asObj(value);
  if (!o) return undefined;
  return { matchLabels: asStringMap(o.matchLabels), matchExpressions: parseRequirements(o.matchExpressions) };
}

/** Why a requirement fails for these labels, or undefined when it matches. */
export function requirementMismatch(req: SelectorRequirement, labels: Record<string, string>): string | undefined {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value) ? undefined : `label ${req.key}=${has ? value : '<unset>'} is not in [${req.values.join(', ')}]`;
    case 'NotIn':
      return !has || !req.values.includes(value) ? undefined : `label ${req.key}=${value} is in [${req.values.join(', ')}]`;
    case 'Exists':
      return has ? undefined : `label ${req.key} does not exist`;
    case 'DoesNotExist':
      return has ? `label ${req.key} exists` : undefined;
    default:
      return `unknown operator ${req.operator}`;
  }
}

/** Why the selector rejects these labels, or undefined when it matches. An absent selector matches everything. */
export function selectorMismatch(selector: LabelSelector | undefined, labels: Record<string, string>): string | undefined {
  if (!selector) return undefined;
  for (const [key, expected] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== expected) return `label ${key}=${labels[key] ?? '<unset>'} does not match ${key}=${expected}`;
  }
  for (const req of selector.matchExpressions) {
    const why = requirementMismatch(req, labels);
    if (why) return why;
  }
  return undefined;
}
