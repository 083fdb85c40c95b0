/**
 * The fast block-YAML reader must read every document exactly as the `yaml` package does, or hand it
 * over. Checked on every upstream example and CRD, and on documents that must be handed over.
 */
import { test } from 'node:test';
import { upstreamTest } from '../../support/upstream';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HAND_OVER, readBlockYaml } from '../../../core/language/yaml/fastReader';
import { readWithYamlPackage } from '../../../core/language/yaml/yamlPackage';
import { toValue, type YNode } from '../../../core/language/yaml/ast';
import { documentStarts } from '../../../core/language/document';
import { UPSTREAM } from './fixtures';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function chunks(text: string): string[] {
  const starts = documentStarts(text);
  return starts.map(([s], i) => text.slice(s, i + 1 < starts.length ? starts[i + 1][0] : text.length));
}

/** Same values and same node ranges for scalars (what diagnostics point at). */
function scalarRanges(node: YNode | null, out: string[] = []): string[] {
  if (!node) return out;
  if (node.type === 'scalar') out.push(`${node.start}-${node.end}`);
  else if (node.type === 'seq') for (const i of node.items) scalarRanges(i.node, out);
  else for (const p of node.pairs) {
    out.push(`k${p.key.start}-${p.key.end}`);
    scalarRanges(p.value, out);
  }
  return out;
}

upstreamTest('agrees with the yaml package on every upstream document it reads, and reads most of them', () => {
  let read = 0;
  let handed = 0;
  for (const file of [...yamlFiles(path.join(UPSTREAM, 'examples')), ...yamlFiles(path.join(UPSTREAM, 'crds'))]) {
    for (const chunk of chunks(readFileSync(file, 'utf8'))) {
      const fast = readBlockYaml(chunk);
      if (fast === HAND_OVER) {
        handed++;
        continue;
      }
      const slow = readWithYamlPackage(chunk);
      assert.deepEqual(slow.errors, [], `${file}: the fast reader accepted a document with syntax errors`);
      assert.deepEqual(toValue(fast), toValue(slow.root), file);
      assert.deepEqual(scalarRanges(fast), scalarRanges(slow.root), `${file}: ranges`);
      read++;
    }
  }
  assert.ok(read > 400 && read > handed * 4, `read ${read}, handed over ${handed}`);
});

test('hands over what it does not read: anchors, tags, multi-line flow, bad indentation, syntax errors', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: [1,\n  2]\n',
    'a:\n  b: 1\n   c: 2\n',
    'a: "open\n',
    'a: b: c\n',
    '? complex\n: key\n',
    '%YAML 1.2\n---\na: 1\n',
    'a:\n\tb: 1\n',
    'a: 1\n  b: 2\n',
  ]) {
    assert.equal(readBlockYaml(text), HAND_OVER, JSON.stringify(text));
  }
});

test('quoted scalars over several lines read as the yaml package folds them', () => {
  const texts = [
    'a: "one\n  two\n\n  three  \n   four"\n',
    'a:\n  b: "x \\\n    y\\ \n    z \\x41\\u00e9 \\" end"\n  c: 1\n',
    "a: 'it''s\n  folded\n\n\n  here'\n",
    '- "item\n  continued"\n- next\n',
    'a: "tab\tinside\n  \\ttab escape\\n"\n',
  ];
  for (const text of texts) {
    const fast = readBlockYaml(text);
    assert.notEqual(fast, HAND_OVER, JSON.stringify(text));
    const slow = readWithYamlPackage(text);
    assert.deepEqual(slow.errors, [], JSON.stringify(text));
    assert.deepEqual(toValue(fast as YNode), toValue(slow.root), JSON.stringify(text));
    assert.deepEqual(scalarRanges(fast as YNode), scalarRanges(slow.root), JSON.stringify(text));
  }
  for (const text of ['a:\n  b: "x\n  y"\n', 'a: "unknown \\q escape\n  here"\n', 'a: "never\n  closed\n']) {
    assert.equal(readBlockYaml(text), HAND_OVER, JSON.stringify(text));
  }
});

test('reads scalars with the YAML 1.2 core schema', () => {
  const value = toValue(readBlockYaml('a: 1\nb: 1.5\nc: true\nd: ~\ne: "1"\nf: 0x1F\ng: yes\nh: 1e3\ni: \'it\'\'s\'\nj: |\n  x\n  y\nk: >-\n  folded\n  line\n') as YNode);
  assert.deepEqual(value, { a: 1, b: 1.5, c: true, d: null, e: '1', f: 31, g: 'yes', h: 1000, i: "it's", j: 'x\ny\n', k: 'folded line' });
});

test('one-line keys and values, read whole or character by character, agree with the yaml package', () => {
  const lines = [
    'image: nginx:1.27',
    'url: http://example.com/a?b=c#frag',
    'app.kubernetes.io/name: web',
    'note: two  words\tand a tab',
    'cpu: 500m',
    'n: -1',
    'f: .5',
    'h: 0x1F',
    'b: true',
    'z: ~',
    'e:',
    'e:   ',
    'k: value # comment',
    'k: value   ',
    'k: a:b',
    'k: $(VAR)',
    'k: ${VAR}',
    'k: it\'s',
    'k: [a, b]',
    'k: "quoted"',
    'k:\tvalue',
    'key with spaces: v',
    'k: a\u2028b',
    'k: a\u00a0b',
    '0: zero',
    'k: v:',
  ];
  let read = 0;
  for (const line of lines) {
    for (const text of [`${line}\n`, `root:\n  ${line}\n  next: 1\n`, `- ${line}\n- ${line.replace(/^[^:]*/, 'other')}\n`, `- ${line.slice(line.indexOf(':') + 1).trim() || 'x'}\n`]) {
      const fast = readBlockYaml(text);
      if (fast === HAND_OVER) continue;
      read++;
      const slow = readWithYamlPackage(text);
      assert.deepEqual(slow.errors, [], JSON.stringify(text));
      assert.deepEqual(toValue(fast), toValue(slow.root), JSON.stringify(text));
      assert.deepEqual(scalarRanges(fast), scalarRanges(slow.root), JSON.stringify(text));
    }
  }
  assert.ok(read >= lines.length * 3, `read ${read} of ${lines.length * 4}`);
});
