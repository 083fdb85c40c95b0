/**
 * Reading a document the way the webhook sees it after Go decoding: an absent or null field is Go's zero
 * value (the API server drops nulls of non-nullable fields before admission), and an empty list is still
 * a list (`overrideRules: []` is not nil) unless a mutating webhook re-encoded the object (see listSet).
 */
import { asArray, asObj, asString, type Obj } from '../../placement/objects';

export { asArray, asObj, asString, type Obj };

/** A pointer, slice or map field that Go would decode as non-nil. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Whether a list field tagged `omitempty` is non-nil when the validating webhook decodes it. The mutating
 * webhooks of the kinds in `roundTripped` (core/language/nullValues.ts) decode the object and encode it
 * again with json.Marshal before the validating webhook sees it (pkg/webhook/<kind>/mutating.go: Handle),
 * which leaves an empty list out, so their patch removes it: there `[]` is nil. For other kinds `[]`
 * decodes as an empty, non-nil slice.
 */
export function listSet(value: unknown, afterRoundTrip: boolean): boolean {
  return afterRoundTrip ? asArray(value).length > 0 : isSet(value);
}

/** An integer field: its number, or Go's zero value when absent or not a number. */
export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

/** A pointer to an integer: undefined when absent (nil). */
export function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/** A string field: its value, or "" when absent. */
export function str(value: unknown): string {
  return asString(value) ?? '';
}

/** The entries of a string map (labels, annotations, resource lists), values of other types as text. */
export function mapEntries(value: unknown): Array<[string, unknown]> {
  return Object.entries(asObj(value) ?? {});
}
