// Karmada's mutating webhook decodes an OverridePolicy into Go types and encodes it back before the schema
// check, so a missing struct field arrives as {} and the real server accepts it (seen in the lab's
// conformance run: six upstream OverridePolicy examples without `overriders`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingAfterRoundTrip } from '../../../core/language/nullValues';

test('a missing struct is filled by the round trip; its own missing required fields are not', () => {
  const overriders = { type: 'object' as const, properties: { plaintext: { type: 'array' as const } } };
  assert.deepEqual(missingAfterRoundTrip(overriders, 'overriders'), []);
  const spec = { type: 'object' as const, required: ['resourceSelectors', 'placement'], properties: { resourceSelectors: { type: 'array' as const }, placement: { type: 'object' as const, required: ['x'], properties: { x: { type: 'string' as const } } } } };
  assert.deepEqual(missingAfterRoundTrip(spec, 'spec'), ['spec.resourceSelectors', 'spec.placement.x']);
});

test('a map, a list or a scalar stays missing', () => {
  assert.equal(missingAfterRoundTrip({ type: 'object', additionalProperties: { type: 'string' } }, 'value'), undefined);
  assert.equal(missingAfterRoundTrip({ type: 'array' }, 'items'), undefined);
  assert.equal(missingAfterRoundTrip({ type: 'string' }, 'name'), undefined);
  assert.equal(missingAfterRoundTrip(undefined, 'gone'), undefined);
});
