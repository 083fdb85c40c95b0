/** Maps a value path (keys and indexes from a document's root) to the range of the YAML node text it came from. */
import type { Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../core/language/document';
import { spanAtPath, type PathStep } from '../../core/language/spanAtPath';

export type PathSegment = PathStep;

/** See spanAtPath: a scalar's own text, a collection's key or first line, the deepest node that exists. */
export function rangeAtPath(doc: ParsedDocument, path: PathSegment[]): Range {
  return doc.range(spanAtPath(doc.root, doc.tree.text, path));
}
