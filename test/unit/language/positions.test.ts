import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { clampPosition } from '../../../core/language/languageService';
import { service } from './fixtures';

test('positions past the end of a line or of the text are clamped, as LSP specifies', () => {
  assert.deepEqual(clampPosition('a: 1\nbb: 2\n', { line: 1, character: 99 }), { line: 1, character: 5 });
  assert.deepEqual(clampPosition('a: 1\r\nbb: 2', { line: 0, character: 99 }), { line: 0, character: 4 });
  assert.deepEqual(clampPosition('a: 1\n', { line: 7, character: 3 }), { line: 1, character: 0 });
  assert.deepEqual(clampPosition('', { line: 2, character: 0 }), { line: 0, character: 0 });
});

upstreamTest('completion and hover at a position an edit just removed answer instead of throwing', () => {
  const uri = 'file:///removed.yaml';
  assert.deepEqual(service().completion(uri, '', { line: 2, character: 0 }).items.map((i) => i.label).length > 0, true);
  assert.doesNotThrow(() => service().completion(uri, 'apiVersion: v1\n', { line: 0, character: 99 }));
  assert.doesNotThrow(() => service().hover(uri, 'apiVersion: v1', { line: 5, character: 3 }));
});
