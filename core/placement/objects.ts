/** Defensive readers for API objects typed as `unknown` (parsed YAML or JSON from a cluster). */

export type Obj = Record<string, unknown>;

export function asObj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function asStringArray(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

export function asStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(value) ?? {})) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** Reads a nested field: `field(obj, 'spec', 'placement')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const o = asObj(current);
    if (!o) return undefined;
    current = o[key];
  }
  return current;
}

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  labels: Record<string, string>;
}

export function identityOf(object: unknown): ObjectIdentity {
  const metadata = asObj(field(object, 'metadata')) ?? {};
  return {
    apiVersion: asString(field(object, 'apiVersion')) ?? '',
    kind: asString(field(object, 'kind')) ?? '',
    name: asString(metadata.name) ?? '',
    namespace: asString(metadata.namespace),
    uid: asString(metadata.uid),
    labels: asStringMap(metadata.labels),
  };
}

/** `apps/v1` -> { group: 'apps', version: 'v1' }; `v1` -> { group: '', version: 'v1' }. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
