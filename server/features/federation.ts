/**
 * Cross-document and cluster-aware diagnostics (core/federation) placed in files, and their quick fixes.
 * Inputs are the parsed documents of every open/workspace YAML file plus what is known of the federation.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../core/language/document';
import { checkFederation, type FederationFinding, type QuickFix } from '../../core/federation';
import { LSP_SEVERITY } from '../../core/language/diagnostics';
import { rangeAtPath } from './yamlPath';

export const FEDERATION_SOURCE = 'flotilla-federation';

export interface FederationInputs {
  /** The parsed documents of every open YAML file. */
  documents: ParsedDocument[];
  /** Member cluster objects (snapshot's karmadaClusters and flotilla.clusters files); undefined if unknown. */
  clusters?: unknown[];
  liveObjects?: unknown[];
}

interface FixData {
  fix: QuickFix;
}

/** Diagnostics of one file from its findings (the incremental index's) and its parsed documents. */
export function federationDiagnosticsOf(documents: ParsedDocument[], findings: FederationFinding[]): Diagnostic[] {
  return findings.flatMap((finding) => {
    const doc = documents[finding.index];
    return doc && doc.index === finding.index ? [toDiagnostic(doc, finding)] : [];
  });
}

/** Diagnostics per file URI; files without findings are absent. */
export function federationDiagnostics(inputs: FederationInputs): Map<string, Diagnostic[]> {
  const byKey = new Map<string, ParsedDocument>();
  for (const doc of inputs.documents) byKey.set(`${doc.uri}#${doc.index}`, doc);
  const findings = checkFederation({
    documents: inputs.documents.map((doc) => ({ uri: doc.uri, index: doc.index, value: doc.value() })),
    clusters: inputs.clusters,
    liveObjects: inputs.liveObjects,
    documentsLabel: 'the open YAML files',
  });
  const out = new Map<string, Diagnostic[]>();
  for (const finding of findings) {
    const doc = byKey.get(`${finding.uri}#${finding.index}`);
    if (!doc) continue;
    const list = out.get(finding.uri) ?? [];
    list.push(toDiagnostic(doc, finding));
    out.set(finding.uri, list);
  }
  return out;
}

function toDiagnostic(doc: ParsedDocument, finding: FederationFinding): Diagnostic {
  return {
    range: rangeAtPath(doc, finding.path),
    severity: LSP_SEVERITY[finding.severity],
    code: finding.code,
    source: FEDERATION_SOURCE,
    message: finding.message,
    data: finding.fix ? ({ fix: finding.fix } satisfies FixData) : undefined,
  };
}

/** Quick fixes carried by federation diagnostics (e.g. "Change to member2"). */
export function federationQuickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((d) => {
    const fix = d.source === FEDERATION_SOURCE ? (d.data as FixData | undefined)?.fix : undefined;
    if (!fix) return [];
    return [{ title: fix.title, kind: 'quickfix', diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range: d.range, newText: fix.replacement }] } } }];
  });
}
