/**
 * Placement CodeLenses: "member1: 4 · member2: 3 · member3: 3 (Divided, static weights)" above each
 * placement policy, computed by core/placement (the same planPlacement `flotilla plan` calls); the lens
 * runs flotilla.explainPlacement with the full explanation.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../core/language/document';
import { computePlacementLenses, placementLensesOf, type CurrentScheduleOf, type LensWorkspace, type PlacementLens } from '../../core/placement';

export const EXPLAIN_PLACEMENT_COMMAND = 'flotilla.explainPlacement';

/** Lenses for the documents of `uri`; `workspace` is every parsed document (resources may live elsewhere). */
export function placementCodeLenses(uri: string, workspace: ParsedDocument[], clusters: unknown[], previous?: CurrentScheduleOf): CodeLens[] {
  const docs = workspace.map((doc) => ({ uri: doc.uri, index: doc.index, value: doc.value(), doc }));
  const inFile = new Map(docs.filter((d) => d.uri === uri).map((d) => [d.index, d.doc]));
  return toCodeLenses(computePlacementLenses(docs.map(({ uri: u, index, value }) => ({ uri: u, index, value })), clusters, uri, previous), inFile);
}

/** Lenses for a file's documents, resources looked up in `workspace` (the incremental index). */
export function placementCodeLensesFrom(uri: string, fileDocuments: ParsedDocument[], workspace: LensWorkspace, clusters: unknown[], previous?: CurrentScheduleOf): CodeLens[] {
  const lenses = placementLensesOf(fileDocuments.map((doc) => ({ uri, index: doc.index, value: doc.value() })), workspace, clusters, previous);
  return toCodeLenses(lenses, new Map(fileDocuments.map((d) => [d.index, d])));
}

function toCodeLenses(lenses: PlacementLens[], inFile: Map<number, ParsedDocument>): CodeLens[] {
  return lenses.flatMap((lens) => {
    const doc = inFile.get(lens.index);
    if (!doc) return [];
    const start = doc.root ? doc.position(doc.root.start) : doc.position(0);
    return [{ range: { start, end: start }, command: { title: lens.title, command: EXPLAIN_PLACEMENT_COMMAND, arguments: [lens.explanation] } }];
  });
}
