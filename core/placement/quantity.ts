/** Kubernetes resource quantities ("500m", "1Gi", "2", "1.5", "1e3") as integer milli-units. */

const SUFFIXES: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** Returns the quantity in milli-units (so "100m" -> 100, "1" -> 1000), or undefined when malformed. */
export function parseMilli(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const scale = exponent ? 10 ** Number(exponent.slice(1)) : SUFFIXES[suffix ?? ''];
  return Math.round(Number(digits) * scale * 1000);
}

export type ResourceList = Record<string, number>;

/** Parses a ResourceList ({cpu: "2", memory: "4Gi", pods: "110"}) into milli-units, dropping malformed entries. */
export function parseResourceList(value: unknown): ResourceList {
  const out: ResourceList = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const milli = parseMilli(raw);
    if (milli !== undefined) out[name] = milli;
  }
  return out;
}
