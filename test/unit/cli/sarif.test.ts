/** SARIF 2.1.0 from lint findings: one rule per code, results pointing at their rule, levels code scanning knows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSarif } from '../../../cli/commands/sarif';
import type { LintFinding } from '../../../cli/commands/lint';

const finding = (code: string, severity: LintFinding['severity'], file = 'deploy/a.yaml'): LintFinding => ({ file, line: 3, column: 5, severity, message: `${code} here`, code });

test('rules are the distinct codes, each result names its rule by id and index, severities map to SARIF levels', () => {
  const log = toSarif([finding('wrong-type', 'error'), finding('enum', 'warning'), finding('wrong-type', 'information', 'deploy\\win.yaml'), finding('unknown-cluster', 'hint')]) as {
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  assert.equal(log.version, '2.1.0');
  const [run] = log.runs;
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['enum', 'unknown-cluster', 'wrong-type']);
  assert.deepEqual(run.results.map((r) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level]), [
    ['wrong-type', 'wrong-type', 'error'],
    ['enum', 'enum', 'warning'],
    ['wrong-type', 'wrong-type', 'note'],
    ['unknown-cluster', 'unknown-cluster', 'note'],
  ]);
  assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'deploy/win.yaml');
});

test('no findings: a run with no results, still naming the tool', () => {
  const log = toSarif([]) as { runs: { tool: { driver: { name: string; version: string } }; results: unknown[] }[] };
  assert.deepEqual(log.runs[0].results, []);
  assert.equal(log.runs[0].tool.driver.name, 'flotilla');
  assert.equal(log.runs[0].tool.driver.version, 'dev');
});
