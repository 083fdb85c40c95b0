import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaStatusSummary } from '../../../core/schema/statusSummary';

test('the status bar counts kinds per source in precedence order and names their origins', () => {
  const summary = schemaStatusSummary([
    { source: 'live', kinds: 57, origins: ['host', 'member1'] },
    { source: 'user', kinds: 0, origins: ['/w/empty.yaml'] },
    { source: 'bundled', kinds: 30, origins: Array.from({ length: 7 }, (_, i) => `bundled/${i}.json`) },
  ]);
  assert.equal(summary.text, 'Schemas: 57 live · 30 bundled');
  assert.equal(
    summary.tooltip,
    'Flotilla schema sources, highest precedence first:\nlive: 57 kinds from host, member1\nbundled: 30 kinds from bundled/0.json, bundled/1.json, bundled/2.json, bundled/3.json, bundled/4.json and 2 more',
  );
});

test('no schema at all is said plainly', () => {
  assert.equal(schemaStatusSummary([]).text, 'Schemas: none');
  assert.equal(schemaStatusSummary([{ source: 'user', kinds: 0, origins: ['x'] }]).text, 'Schemas: none');
});
