import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentCache, documentAt } from '../../../core/language/document';
import { toValue } from '../../../core/language/yaml/ast';

const fragment = fc.constantFrom('a: 1\n', 'b:\n  - x\n', '---\n', 'c: d\n', '# c\n', '\n', '--- \n', 'k: "q"\n', 'kind: X\n', '---\nz: 2\n');
const fileText = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(''));
const signature = (docs: ReturnType<DocumentCache['parse']>) => docs.map((d) => [d.index, d.startOffset, d.startLine, d.tree.text, toValue(d.root)]);

test('incremental re-reading after any edit equals reading the new text from scratch', () => {
  fc.assert(
    fc.property(fileText, fc.nat(), fc.constantFrom('', '-', '\n', ' ', 'x', '---\n', ':', '\n---\n'), fc.nat(4), (before, at, insert, remove) => {
      const p = before.length ? at % (before.length + 1) : 0;
      const after = before.slice(0, p) + insert + before.slice(p + remove);
      const cache = new DocumentCache();
      cache.parse('u', before);
      assert.deepEqual(signature(cache.parse('u', after)), signature(new DocumentCache().parse('u', after)));
    }),
    { numRuns: 4000 },
  );
});

test('documents an edit does not touch keep their trees; positions map to the right document', () => {
  const cache = new DocumentCache();
  const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
  const [a, b, c] = cache.parse('u', text);
  const edited = cache.parse('u', text.replace('b: 2', 'b: 22'));
  assert.equal(edited[0].tree, a.tree);
  assert.notEqual(edited[1].tree, b.tree);
  assert.equal(edited[2].tree, c.tree);
  assert.equal(documentAt(edited, { line: 4, character: 0 })?.index, 2);
  assert.deepEqual(edited[2].position(edited[2].root!.start), { line: 4, character: 0 });
});
