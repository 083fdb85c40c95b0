/**
 * Placement CodeLenses: "member1: 4 · member2: 3 · member3: 3 (Divided, static weights)" above each
 * placement policy, computed by core/placement (the same planPlacement `flotilla plan` calls); the lens
 * runs flotilla.explainPlacement with the full explanation.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../core/language/document';
import { computePlacementLenses } from '../../core/placement';

export const EXPLAIN_PLACEMENT_COMMAND = 'flotilla.explainPlacement';

/** Lenses for the documents of `uri`; `workspace` is every parsed document (resources may live elsewhere). */
export function placementCodeLenses(uri: string, workspace: ParsedDocument[], clusters: unknown[]): CodeLens[] {
  const docs = workspace.map((doc) => ({ uri: doc.uri, index: doc.index, value: doc.value(), doc }));
  const inFile = new Map(docs.filter((d) => d.uri === uri).map((d) => [d.index, d.doc]));
  const lenses = computePlacementLenses(docs.map(({ uri: u, index, value }) => ({ uri: u, index, value })), clusters, uri);
  return lenses.flatMap((lens) => {
    const doc = inFile.get(lens.index);
    if (!doc) return [];
    const start = doc.root ? doc.position(doc.root.start) : doc.position(0);
    return [{ range: { start, end: start }, command: { title: lens.title, command: EXPLAIN_PLACEMENT_COMMAND, arguments: [lens.explanation] } }];
  });
}
