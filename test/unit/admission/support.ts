/**
 * Rule tests: a document that breaks one admission rule gets that rule's diagnostic, on the range marked
 * «like this» in the test text and worded as the server words it; its valid neighbour gets none. Documents
 * go through the language service (no schemas: admission checks do not need them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMISSION_RULES } from '../../../core/language/admission';
import { LanguageService } from '../../../core/language/languageService';
import { SchemaStore } from '../../../core/schema/store';

const URI = 'file:///work/policies.yaml';
const service = new LanguageService({ schemas: new SchemaStore(), settings: () => ({ strict: true }) });

export interface Found {
  code: string;
  severity: number | undefined;
  range: [number, number, number, number];
  message: string;
}

/** The admission findings of a file (schema findings such as "unknown kind" are left out). */
export function admissionFound(text: string): Found[] {
  return (service.diagnostics(URI, text) ?? [])
    .filter((d) => String(d.code) in ADMISSION_RULES)
    .map((d) => ({ code: String(d.code), severity: d.severity, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], message: String(d.message) }));
}

/** Removes the «» markers; returns the text and the range they enclosed. */
export function marked(text: string): { text: string; range: [number, number, number, number] } {
  const open = text.indexOf('«');
  const close = text.indexOf('»');
  if (open < 0 || close < open) throw new Error('mark the expected range with «»');
  const plain = text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
  const position = (offset: number): [number, number] => {
    const before = plain.slice(0, offset).split('\n');
    return [before.length - 1, before[before.length - 1].length];
  };
  return { text: plain, range: [...position(open), ...position(close - 1)] };
}

export interface RuleCase {
  /** What the case shows, after the code in the test's name. */
  name: string;
  code: keyof typeof ADMISSION_RULES;
  /** Breaks the rule once, at the «marked» range. */
  invalid: string;
  /** The closest document that keeps the rule. */
  valid: string;
  /** A part of the webhook's wording the message must carry. */
  says: string;
}

export function ruleTest(c: RuleCase): void {
  test(`${c.code}: ${c.name}`, () => {
    const { text, range } = marked(c.invalid);
    const found = admissionFound(text);
    const hits = found.filter((f) => f.code === c.code);
    assert.equal(hits.length, 1, `expected one ${c.code}, got ${JSON.stringify(found)}`);
    assert.deepEqual(hits[0].range, range, hits[0].message);
    assert.equal(hits[0].severity, 1);
    assert.ok(hits[0].message.includes(c.says), `"${hits[0].message}" does not say "${c.says}"`);
    assert.deepEqual(admissionFound(c.valid), [], 'the valid neighbour');
  });
}

/** A document from its first lines (apiVersion, kind, metadata) and the rest, both as written. */
export const doc = (head: string, body: string): string => `${head}\n${body.replace(/^\n/, '')}`;

export const PROPAGATION_POLICY = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
  namespace: shop`;

export const SELECTORS = `spec:
  resourceSelectors:
    - apiVersion: apps/v1
      kind: Deployment
      name: web`;
