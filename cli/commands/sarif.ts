/**
 * `flotilla lint --format sarif`: findings as SARIF 2.1.0, the format code-scanning tools (GitHub code
 * scanning, GitLab, Azure DevOps) read. One rule per finding code; paths relative to the working folder.
 */
import type { LintFinding } from './lint';
import { flotillaVersion } from './version';

const LEVEL: Record<LintFinding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(findings: LintFinding[]): object {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flotilla',
            version: flotillaVersion(),
            rules: codes.map((id) => ({ id, shortDescription: { text: `Flotilla ${id.replace(/-/g, ' ')}` } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, region: { startLine: f.line, startColumn: f.column } } }],
        })),
      },
    ],
  };
}
