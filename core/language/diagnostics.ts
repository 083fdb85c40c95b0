/** The diagnostic shape features produce, in document-relative offsets, before it is placed in a file. */
import type { AdmissionCode } from './admission/rules';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'missing-type-meta'
  | 'unknown-kind'
  | 'wrong-type'
  | 'enum'
  | 'missing-required'
  | 'unknown-field'
  /** A string that does not match the schema's pattern. */
  | 'pattern'
  /** A value the schema's format rejects (format: byte that is not base64). */
  | 'format'
  /** A number outside minimum/maximum. */
  | 'out-of-range'
  /** A string, array or object outside minLength/maxLength, minItems/maxItems, minProperties/maxProperties. */
  | 'length'
  /** An explicit null where a custom resource's schema does not allow one. */
  | 'null-value'
  /** A rule an admission webhook or the API server's built-in validation enforces beyond the schema. */
  | AdmissionCode;

export interface RelativeDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** For quick fixes: the field path (missing-required: of the object; others: of the value). */
  path?: Array<string | number>;
  /** missing-required: the field; enum: the allowed values. */
  field?: string;
  allowed?: unknown[];
}

export const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };
