// RULES.md is the rule table for people; ADMISSION_RULES is the same table for the code. Every rule also
// needs a test in this folder with a document that breaks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMISSION_RULES } from '../../../core/language/admission';

const HERE = __dirname;

function tableRows(): Array<{ code: string; kinds: string; source: string }> {
  const lines = readFileSync(path.join(HERE, 'RULES.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Flotilla code |'));
  const rows: Array<{ code: string; kinds: string; source: string }> = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [code, kinds, source] = line.slice(1).split(' | ').map((cell) => cell.replace(/`/g, '').trim());
    rows.push({ code, kinds, source });
  }
  return rows;
}

test('RULES.md lists every rule with the kinds and server source the code declares, and nothing else', () => {
  const expected = Object.entries(ADMISSION_RULES).map(([code, rule]) => ({ code, kinds: rule.kinds.join(', '), source: rule.source }));
  assert.deepEqual(tableRows(), expected);
});

test('every rule has a rule test with a document that breaks it', () => {
  const tests = readdirSync(HERE).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(path.join(HERE, f), 'utf8')).join('\n');
  const tested = new Set([...tests.matchAll(/^ {2}code: '([a-z-]+)',$/gm)].map((m) => m[1]));
  assert.deepEqual(Object.keys(ADMISSION_RULES).filter((code) => !tested.has(code)), []);
});
