/**
 * A value against its schema node's limits (pattern, bounds, lengths, counts, `format: byte`), as the API
 * server checks custom resources. Each check applies to the values of its kind only, whatever the schema
 * type says (a pattern on an int-or-string field checks its strings).
 */
import { compiledPattern, type ByteFormatRules, type ValueLimits } from '../schema/valueLimits';
import type { DiagnosticCode } from './diagnostics';
import type { YNode } from './yaml/ast';

export interface LimitViolation {
  code: DiagnosticCode;
  /** Without the location: the validator appends " at <path>". */
  message: string;
}

/** The first limit `node` breaks, or undefined. */
export function limitViolation(node: YNode, limits: ValueLimits): LimitViolation | undefined {
  if (node.type === 'seq') return countViolation(node.items.length, limits.minItems, limits.maxItems, 'Array', 'item', 'items');
  if (node.type === 'map') return countViolation(node.pairs.length, limits.minProperties, limits.maxProperties, 'Object', 'property', 'properties');
  const value = node.value;
  if (typeof value === 'string') return stringViolation(value, limits);
  if (typeof value === 'number') return numberViolation(value, limits);
  return undefined;
}

function stringViolation(value: string, limits: ValueLimits): LimitViolation | undefined {
  if (limits.minLength !== undefined || limits.maxLength !== undefined) {
    const length = codePoints(value);
    if (limits.minLength !== undefined && length < limits.minLength) {
      return { code: 'length', message: `Value ${quote(value)} is shorter than the minimum length ${limits.minLength} (${counted(length, 'character', 'characters')})` };
    }
    if (limits.maxLength !== undefined && length > limits.maxLength) {
      return { code: 'length', message: `Value ${quote(value)} is longer than the maximum length ${limits.maxLength} (${counted(length, 'character', 'characters')})` };
    }
  }
  if (limits.pattern !== undefined && compiledPattern(limits)?.test(value) === false) {
    return { code: 'pattern', message: `Value ${quote(value)} does not match pattern ${JSON.stringify(limits.pattern)}` };
  }
  if (limits.base64 !== undefined && !isBase64(value, limits.base64)) {
    return { code: 'format', message: `Value ${quote(value)} is not valid base64 (format: byte)` };
  }
  return undefined;
}

function numberViolation(value: number, limits: ValueLimits): LimitViolation | undefined {
  const { minimum, maximum } = limits;
  if (minimum !== undefined) {
    if (limits.exclusiveMinimum && value <= minimum) return { code: 'out-of-range', message: `Value ${value} must be greater than ${minimum}` };
    if (value < minimum) return { code: 'out-of-range', message: `Value ${value} is less than the minimum ${minimum}` };
  }
  if (maximum !== undefined) {
    if (limits.exclusiveMaximum && value >= maximum) return { code: 'out-of-range', message: `Value ${value} must be less than ${maximum}` };
    if (value > maximum) return { code: 'out-of-range', message: `Value ${value} is greater than the maximum ${maximum}` };
  }
  return undefined;
}

function countViolation(count: number, min: number | undefined, max: number | undefined, what: string, one: string, many: string): LimitViolation | undefined {
  if (min !== undefined && count < min) return { code: 'length', message: `${what} has ${counted(count, one, many)}, fewer than the minimum ${min}` };
  if (max !== undefined && count > max) return { code: 'length', message: `${what} has ${counted(count, one, many)}, more than the maximum ${max}` };
  return undefined;
}

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Length as Go counts it for minLength/maxLength: Unicode code points, not UTF-16 units. */
function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) count--;
  }
  return count;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const LINE_BREAKS = /[\r\n]/g;

/**
 * CRDs: kube-openapi's pattern (standard alphabet, padded, not empty). Built-in kinds: Go's base64
 * decoder, which skips line breaks and accepts the empty string.
 */
export function isBase64(value: string, rules: ByteFormatRules): boolean {
  if (rules === 'crd') return BASE64.test(value);
  const joined = value.replace(LINE_BREAKS, '');
  return joined === '' || BASE64.test(joined);
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
