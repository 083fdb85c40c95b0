import type { SchemaSourceKind } from '../protocol';
import type { Schema } from './model';

/** One apiVersion/kind a loader found, with its schema built on first use. */
export interface SchemaDraft {
  apiVersion: string;
  kind: string;
  load(): Schema;
}

/** A draft as the store keeps it: where it came from, so hover and the status bar can say. */
export interface SchemaEntry extends SchemaDraft {
  source: SchemaSourceKind;
  /** Context name for live schemas, file path for the others, "bundled" for the bundled set. */
  origin: string;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}#${kind}`;
}

/** Builds the schema once, on first `load()`; a schema that fails to build is reported once by the caller. */
export function lazy(build: () => Schema): () => Schema {
  let built: Schema | undefined;
  return () => (built ??= build());
}
