/**
 * Findings worded the way Kubernetes' `field.Error` prints them (`spec.ports[1].name: Duplicate value:
 * "http"`), which is how an admission webhook's denial reads. Values that Go would dump as a struct are
 * left out of the message: the diagnostic's range already shows them.
 */
import type { AdmissionCode } from './rules';

export type FieldPath = Array<string | number>;

export interface AdmissionFinding {
  code: AdmissionCode;
  /** Where in the document (keys and indexes from the root); the diagnostic goes on the deepest node that exists. */
  path: FieldPath;
  message: string;
  severity: 'error' | 'warning';
  /** The diagnostic goes on the key of the last path step rather than on its value. */
  onKey?: boolean;
}

/** Go's field path notation: `spec.rules[0].name`, `spec.overall[cpu]`. */
export function goPath(path: FieldPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${step}` : step;
  }
  return out;
}

/** A map key in Go's notation (`spec.overall[cpu]`): the last step is shown in brackets. */
export function goKeyPath(path: FieldPath, key: string): string {
  return `${goPath(path)}[${key}]`;
}

function finding(code: AdmissionCode, path: FieldPath, body: string, detail: string | undefined, shownPath = goPath(path)): AdmissionFinding {
  return { code, path, message: `${shownPath}: ${body}${detail ? `: ${detail}` : ''}`, severity: 'error' };
}

/** Go's `%v`/`%q` for the simple values Kubernetes prints; undefined for anything else. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function invalid(code: AdmissionCode, path: FieldPath, value: unknown, detail: string, shownPath?: string): AdmissionFinding {
  const v = shown(value);
  return finding(code, path, v === undefined ? 'Invalid value' : `Invalid value: ${v}`, detail, shownPath);
}

export function required(code: AdmissionCode, path: FieldPath, detail?: string): AdmissionFinding {
  return finding(code, path, 'Required value', detail);
}

export function forbidden(code: AdmissionCode, path: FieldPath, detail: string): AdmissionFinding {
  return finding(code, path, 'Forbidden', detail);
}

export function duplicate(code: AdmissionCode, path: FieldPath, value: unknown, detail?: string): AdmissionFinding {
  const v = shown(value);
  return finding(code, path, v === undefined ? 'Duplicate value' : `Duplicate value: ${v}`, detail);
}

export function notSupported(code: AdmissionCode, path: FieldPath, value: unknown, supported: string[]): AdmissionFinding {
  const v = shown(value) ?? '""';
  return finding(code, path, `Unsupported value: ${v}`, `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`);
}

export function tooLong(code: AdmissionCode, path: FieldPath, limit: number): AdmissionFinding {
  return finding(code, path, 'Too long', `may not be more than ${limit} bytes`);
}

/** One `invalid` finding per message a Go `Is...` validator returned. */
export function invalidEach(code: AdmissionCode, path: FieldPath, value: unknown, messages: string[], shownPath?: string): AdmissionFinding[] {
  return messages.map((m) => invalid(code, path, value, m, shownPath));
}
