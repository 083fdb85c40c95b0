/** Quick fixes for validation findings: insert a missing required field, fix an enum value's case, remove an unknown field. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';
import { fieldSnippet } from './completion';
import { snippetToText } from '../templates/snippetText';
import { childNode, cursorAtPath } from './schemaAt';
import type { SchemaLookup } from './schemaCursor';
import type { YNode } from './yaml/ast';

/** What a Flotilla diagnostic carries in `data` for its quick fix. */
export interface FixData {
  code: string;
  path?: Array<string | number>;
  field?: string;
  allowed?: unknown[];
}

export function quickFixes(doc: ParsedDocument, diagnostic: Diagnostic, lookup: SchemaLookup): CodeAction[] {
  const data = diagnostic.data as FixData | undefined;
  if (!data?.path) return [];
  const fix = (title: string, edits: TextEdit[]): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [doc.uri]: edits } },
  });
  if (data.code === 'missing-required' && data.field) {
    const map = nodeAtPath(doc.root, data.path);
    if (!map || map.type !== 'map' || map.flow) return [];
    const schema = cursorAtPath(lookup, doc.tree, [...data.path, data.field])?.schema ?? {};
    const column = doc.position(map.pairs[0]?.start ?? map.start).character;
    const pad = ' '.repeat(column);
    const text = snippetToText(fieldSnippet(data.field, schema, 0))
      .split('\n')
      .map((l) => pad + l)
      .join('\n');
    const lineEnd = endOfLine(doc, map.end);
    return [fix(`Add required field "${data.field}"`, [{ range: { start: lineEnd, end: lineEnd }, newText: `\n${text}` }])];
  }
  if (data.code === 'enum' && data.allowed) {
    const value = nodeAtPath(doc.root, data.path);
    if (!value || value.type !== 'scalar' || typeof value.value !== 'string') return [];
    const wanted = value.value.toLowerCase();
    const match = data.allowed.find((a) => typeof a === 'string' && a.toLowerCase() === wanted) as string | undefined;
    return match ? [fix(`Change to "${match}"`, [{ range: doc.range(value), newText: match }])] : [];
  }
  if (data.code === 'unknown-field') {
    const parent = nodeAtPath(doc.root, data.path.slice(0, -1));
    if (!parent || parent.type !== 'map' || parent.flow) return [];
    const pair = parent.pairs.find((p) => p.key.value === data.path![data.path!.length - 1]);
    if (!pair) return [];
    const start = doc.position(pair.key.start);
    const lineText = doc.tree.text.slice(doc.tree.lineStarts()[start.line - doc.startLine], pair.key.start);
    const onOwnLine = lineText.trim() === '';
    const from = onOwnLine ? { line: start.line, character: 0 } : start;
    const end = doc.position(pair.end);
    const to = onOwnLine ? { line: end.line + 1, character: 0 } : end;
    return [fix(`Remove unknown field "${String(pair.key.value)}"`, [{ range: { start: from, end: to }, newText: '' }])];
  }
  return [];
}

function nodeAtPath(root: YNode | null, path: Array<string | number>): YNode | null {
  let node = root;
  for (const step of path) node = childNode(node, step);
  return node;
}

function endOfLine(doc: ParsedDocument, offset: number) {
  const text = doc.tree.text;
  const nl = text.indexOf('\n', offset);
  return doc.position(nl < 0 ? text.length : nl);
}
