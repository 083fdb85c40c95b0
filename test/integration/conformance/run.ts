// The conformance run: lint every parseable upstream example with Flotilla, dry-run create each document
// whose kind the API server serves, and compare "Flotilla reports an error" with "the server rejects it
// for a schema reason", per project.
import { DryRunClient, classify, type Verdict } from './apiServer';
import type { Engine, Finding } from './engine';
import { PROJECTS, exampleFiles, type ExampleDocument, type Project } from './examples';

/** Namespaced documents are dry-run into `default`, which every API server has, so nothing is created. */
export const CONFORMANCE_NAMESPACE = 'default';

export interface Comparison {
  doc: ExampleDocument;
  flotillaErrors: Finding[];
  verdict: Verdict;
}

export interface ProjectFigures {
  compared: number;
  agreed: number;
  /** Both say the document is fine / both reject it. */
  bothAccept: number;
  bothReject: number;
  /** Documents whose kind the server does not serve, or whose answer was not about the schema. */
  notServed: number;
  ignored: number;
}

export interface ConformanceReport {
  figures: Record<Project, ProjectFigures>;
  comparisons: Comparison[];
  ignored: { doc: ExampleDocument; reason: string }[];
}

const where = (doc: ExampleDocument) => `${doc.file}#${doc.index} (${doc.apiVersion} ${doc.kind})`;
export const describeDocument = where;

/** The YAML sent to the server: the document as written, moved into the conformance namespace when namespaced. */
function requestBody(doc: ExampleDocument, namespaced: boolean): string {
  const yaml = doc.yaml.clone();
  const metadata = doc.value.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    if (namespaced) yaml.setIn(['metadata', 'namespace'], CONFORMANCE_NAMESPACE);
    else yaml.deleteIn(['metadata', 'namespace']);
    const named = (metadata as Record<string, unknown>).name ?? (metadata as Record<string, unknown>).generateName;
    if (!named) yaml.setIn(['metadata', 'generateName'], 'conformance-');
  }
  return yaml.toString();
}

export function isBuiltIn(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** `onlyKinds` ("apiVersion/Kind") narrows the run, e.g. to the kinds the bundled schemas cover. */
export async function runConformance(engine: Engine, client: DryRunClient, signal: AbortSignal, onlyKinds?: Set<string>): Promise<ConformanceReport> {
  const empty = (): ProjectFigures => ({ compared: 0, agreed: 0, bothAccept: 0, bothReject: 0, notServed: 0, ignored: 0 });
  const figures = Object.fromEntries(PROJECTS.map((p) => [p, empty()])) as Record<Project, ProjectFigures>;
  const comparisons: Comparison[] = [];
  const ignored: ConformanceReport['ignored'] = [];
  for (const file of exampleFiles()) {
    const findings = engine.lint(file.file, file.text).filter((f) => f.severity === 'error');
    for (const doc of file.documents) {
      if (onlyKinds && !onlyKinds.has(`${doc.apiVersion}/${doc.kind}`)) continue;
      const served = (await client.servedKinds(doc.apiVersion, signal)).get(doc.kind);
      const counts = figures[doc.project];
      if (!served) {
        counts.notServed++;
        continue;
      }
      const response = await client.dryRunCreate(doc.apiVersion, requestBody(doc, served.namespaced), served, CONFORMANCE_NAMESPACE, signal);
      const verdict = classify(response, isBuiltIn(doc.apiVersion));
      if (verdict.outcome === 'ignored') {
        counts.ignored++;
        ignored.push({ doc, reason: verdict.reason });
        continue;
      }
      const flotillaErrors = findings.filter((f) => f.line >= doc.startLine && f.line <= doc.endLine);
      const flotillaRejects = flotillaErrors.length > 0;
      const serverRejects = verdict.outcome === 'schema-rejected';
      counts.compared++;
      if (flotillaRejects === serverRejects) counts.agreed++;
      if (!flotillaRejects && !serverRejects) counts.bothAccept++;
      if (flotillaRejects && serverRejects) counts.bothReject++;
      comparisons.push({ doc, flotillaErrors, verdict });
    }
  }
  return { figures, comparisons, ignored };
}

/** Human-readable lines for each document where Flotilla and the server disagree. */
export function disagreementLines(report: ConformanceReport): string[] {
  return report.comparisons
    .filter((c) => (c.flotillaErrors.length > 0) !== (c.verdict.outcome === 'schema-rejected'))
    .map((c) =>
      c.flotillaErrors.length
        ? `${where(c.doc)}: Flotilla error "${c.flotillaErrors[0].message}" (line ${c.flotillaErrors[0].line + 1}) but the server accepts it`
        : `${where(c.doc)}: the server rejects it ("${c.verdict.outcome === 'schema-rejected' ? c.verdict.message.slice(0, 240) : ''}") but Flotilla reports no error`,
    );
}
