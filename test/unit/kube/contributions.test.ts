/**
 * The explorer's package.json contributions hang together: menu entries name declared commands, the
 * stream language has its grammar file, and the grammar's patterns tag the merged-stream prefix.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatEvent } from '../../../core/kube/streams';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('menu entries name declared commands and the view', () => {
  const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries(pkg.contributes.menus) as [string, { command: string; when?: string }[]][]) {
    for (const e of entries) {
      assert.ok(declared.has(e.command), `${menu}: ${e.command} is not declared`);
      if (menu.startsWith('view/')) assert.match(e.when ?? '', /view == flotilla\.federation/);
    }
  }
});

test('the merged-stream grammar exists and tags cluster and object in the prefix', () => {
  const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'flotilla-stream');
  const file = join(root, grammar.path);
  assert.ok(existsSync(file));
  const tm = JSON.parse(readFileSync(file, 'utf8'));
  const prefix = new RegExp(tm.patterns[0].match);
  const line = formatEvent('member2', {
    metadata: { name: 'e' },
    involvedObject: { kind: 'Deployment', name: 'ledger' },
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'probe failed',
    lastTimestamp: '2026-01-01T00:00:00Z',
  } as never);
  const m = prefix.exec(line)!;
  assert.equal(m[2], 'member2');
  assert.equal(m[4], 'deployment/ledger');
  assert.equal(tm.patterns[0].captures['2'].name, 'entity.name.tag.cluster.flotilla');
  const error = tm.patterns.find((p: { name?: string }) => p.name === 'invalid.illegal.error.flotilla');
  assert.ok(new RegExp(error.match).test('[member1/web-1] error: 403 forbidden: nope'));
});
