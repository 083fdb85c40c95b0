/**
 * Code actions on a workload document: "Create PropagationPolicy for Deployment web" and its OCM
 * equivalent, placing it on every member of that federation the server knows (snapshot or
 * flotilla.clusters files). VS Code's command flotilla.createWorkloadPlacement asks which members instead.
 */
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import { documentAt } from '../../core/language/document';
import { parseMemberClusters } from '../../core/placement';
import { appendedDocuments, MEMBER_KIND, placementDocuments, placementTitle, workloadOf, type PlacementFlavour } from '../../core/templates/workloadPlacement';
import { memberClusterObjects } from './placementClusters';
import type { WorkspaceContext } from './registry';

export function workloadPlacementActions(uri: string, range: Range, ctx: WorkspaceContext): CodeAction[] {
  const inFile = ctx.documentsOf?.(uri) ?? ctx.documents.filter((d) => d.uri === uri);
  const doc = documentAt(inFile, range.start);
  const workload = doc && workloadOf(doc.value());
  const last = inFile[inFile.length - 1];
  if (!workload || !last) return [];
  const members = parseMemberClusters(memberClusterObjects(ctx) ?? []);
  const end = last.position(last.tree.text.length);
  return (['karmada', 'ocm'] as PlacementFlavour[]).flatMap((flavour) => {
    const names = members.filter((m) => m.kind === MEMBER_KIND[flavour]).map((m) => m.name);
    if (!names.length) return [];
    const newText = appendedDocuments(last.tree.text, placementDocuments(flavour, workload, names));
    return [{ title: placementTitle(flavour, workload), kind: CodeActionKind.Refactor, edit: { changes: { [uri]: [{ range: { start: end, end }, newText }] } } }];
  });
}
