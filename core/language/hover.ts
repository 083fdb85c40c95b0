/** Hover: a field's description, type, allowed values, value limits, and where its schema came from. */
import type { Hover } from 'vscode-languageserver-types';
import { typeLabel } from '../schema/model';
import { describeOrigin } from '../schema/store';
import { describeLimits } from '../schema/valueLimits';
import type { ParsedDocument } from './document';
import { cursorAtPath, nodeAtOffset } from './schemaAt';
import type { SchemaLookup } from './schemaCursor';

export function hover(doc: ParsedDocument, line: number, character: number, lookup: SchemaLookup): Hover | null {
  const offset = doc.offsetAt({ line, character });
  if (offset < 0) return null;
  const at = nodeAtOffset(doc.root, offset);
  if (!at || !at.path.length) return null;
  const cursor = cursorAtPath(lookup, doc.tree, at.path);
  if (!cursor) return null;
  const schema = cursor.schema;
  const field = String([...at.path].reverse().find((p) => typeof p === 'string') ?? '');
  const parts = [`**${field}**: \`${typeLabel(schema)}\``];
  if (schema.description) parts.push(schema.description);
  if (schema.enum?.length) parts.push(`Allowed values: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (schema.limits) parts.push(`Limits: ${describeLimits(schema.limits).join(' · ')}`);
  const source = cursor.entry ? `${cursor.entry.apiVersion} ${cursor.entry.kind} · schema source: ${describeOrigin(cursor.entry)}` : undefined;
  if (source) parts.push(`*${source}*`);
  return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: doc.range(at.range) };
}
