/**
 * The value constraints of one schema node that the API server checks on custom resources: pattern,
 * numeric bounds, string length, item and property counts, and `format: byte`. Read once per node when
 * the schema is normalized; the validator checks only nodes that have some.
 */

/**
 * `crd`: CRD validation (kube-openapi's base64 pattern: not empty, no line breaks).
 * `json-decoder`: built-in kinds, whose `[]byte` fields go through Go's JSON decoder (empty allowed,
 * line breaks skipped).
 */
export type ByteFormatRules = 'crd' | 'json-decoder';

export interface ValueLimits {
  /** ECMAScript source of the schema's `pattern`; compiled on first use by `compiledPattern`. */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  /** Set for `format: byte`: the value must be base64 under these rules. */
  base64?: ByteFormatRules;
}

type RawSchema = Record<string, unknown>;

const COUNT_KEYS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
const LIMIT_KEYS = ['pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', ...COUNT_KEYS] as const;

/** The node's limits, or undefined when it has none (most nodes). */
export function readValueLimits(raw: RawSchema, byteFormat: ByteFormatRules): ValueLimits | undefined {
  if (!LIMIT_KEYS.some((key) => raw[key] !== undefined) && raw.format !== 'byte') return undefined;
  const limits: ValueLimits = {};
  if (typeof raw.pattern === 'string') limits.pattern = raw.pattern;
  if (raw.format === 'byte') limits.base64 = byteFormat;
  if (typeof raw.minimum === 'number') limits.minimum = raw.minimum;
  if (typeof raw.maximum === 'number') limits.maximum = raw.maximum;
  // OpenAPI 3.0 (Kubernetes): a flag beside minimum/maximum; OpenAPI 3.1: the bound itself.
  if (typeof raw.exclusiveMinimum === 'number') limits.minimum = raw.exclusiveMinimum;
  if (raw.exclusiveMinimum === true || typeof raw.exclusiveMinimum === 'number') limits.exclusiveMinimum = true;
  if (typeof raw.exclusiveMaximum === 'number') limits.maximum = raw.exclusiveMaximum;
  if (raw.exclusiveMaximum === true || typeof raw.exclusiveMaximum === 'number') limits.exclusiveMaximum = true;
  for (const key of COUNT_KEYS) if (typeof raw[key] === 'number') limits[key] = raw[key];
  return Object.keys(limits).length ? limits : undefined;
}

const compiled = new WeakMap<ValueLimits, RegExp | null>();

/**
 * The node's pattern as a RegExp, compiled once per node; null when it is not a valid ECMAScript
 * regular expression (Go's RE2 syntax mostly is), and then it is not checked.
 */
export function compiledPattern(limits: ValueLimits): RegExp | null {
  let regex = compiled.get(limits);
  if (regex === undefined) {
    try {
      // `u`: match code points like Go's regexp, and reject syntax (POSIX classes, `\z`) ECMAScript would misread
      regex = new RegExp(limits.pattern!, 'u');
    } catch {
      regex = null;
    }
    compiled.set(limits, regex);
  }
  return regex;
}

/** The limits in words, for hover: "1 to 63 characters", "≥ 1 and ≤ 10", "matches `^[a-z]+$`". */
export function describeLimits(limits: ValueLimits): string[] {
  const out: string[] = [];
  const { minimum, maximum } = limits;
  if (minimum !== undefined || maximum !== undefined) {
    const lower = minimum !== undefined ? `${limits.exclusiveMinimum ? '>' : '≥'} ${minimum}` : undefined;
    const upper = maximum !== undefined ? `${limits.exclusiveMaximum ? '<' : '≤'} ${maximum}` : undefined;
    out.push([lower, upper].filter(Boolean).join(' and '));
  }
  const count = (min: number | undefined, max: number | undefined, one: string, many: string) => {
    const of = (n: number) => `${n} ${n === 1 ? one : many}`;
    if (min !== undefined && max !== undefined) out.push(min === max ? `exactly ${of(min)}` : `${min} to ${of(max)}`);
    else if (min !== undefined) out.push(`at least ${of(min)}`);
    else if (max !== undefined) out.push(`at most ${of(max)}`);
  };
  count(limits.minLength, limits.maxLength, 'character', 'characters');
  count(limits.minItems, limits.maxItems, 'item', 'items');
  count(limits.minProperties, limits.maxProperties, 'property', 'properties');
  if (limits.pattern !== undefined) out.push(`matches ${codeSpan(limits.pattern)}`);
  if (limits.base64) out.push('base64-encoded');
  return out;
}

/** Markdown inline code that survives backticks in the text. */
function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}
