/** Shared test fixtures: a schema store built from the upstream CRDs/OpenAPI, and caret-marker helpers. */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { SchemaStore } from '../../../core/schema/store';
import { draftsFromText } from '../../../core/schema/files';
import { LanguageService } from '../../../core/language/languageService';
import type { FederationSnapshot } from '../../../core/protocol';
import type { ResourceRef } from '../../../core/language/selectorCompletion';

import { UPSTREAM_DIR as UPSTREAM } from '../../support/upstream';

export { UPSTREAM };

const SCHEMA_FILES = [
  'openapi/kubernetes-1.35/apis__apps__v1_openapi.json',
  'openapi/kubernetes-1.35/api__v1_openapi.json',
  'crds/karmada/policy/policy.karmada.io_propagationpolicies.yaml',
  'crds/karmada/policy/policy.karmada.io_overridepolicies.yaml',
  'crds/ocm/work/v1/0000_00_work.open-cluster-management.io_manifestworks.crd.yaml',
  'crds/ocm/cluster/v1beta1/0000_02_clusters.open-cluster-management.io_placements.crd.yaml',
  'crds/kubefed/federated-types-crds.yaml',
  'crds/mcs-api/multicluster.x-k8s.io_serviceexports.yaml',
];

let shared: SchemaStore | undefined;

/** Upstream schemas as the 'user' source, one origin per file (built once per test process). */
export function upstreamStore(): SchemaStore {
  if (shared) return shared;
  const store = new SchemaStore((m) => {
    throw new Error(m);
  });
  for (const rel of SCHEMA_FILES) {
    const file = path.join(UPSTREAM, rel);
    store.setOrigin('user', file, draftsFromText(file, readFileSync(file, 'utf8')));
  }
  return (shared = store);
}

export const SNAPSHOT: FederationSnapshot = {
  clusters: [
    { name: 'member1', labels: { region: 'eu' }, taints: [], namespaces: ['default', 'shop'], federations: ['Karmada on host'] },
    { name: 'member2', labels: { region: 'us' }, taints: [], namespaces: ['default', 'payments'], federations: ['Karmada on host'] },
  ],
  karmadaClusters: [],
};

export function service(options: { strict?: boolean; snapshot?: FederationSnapshot; resources?: readonly ResourceRef[] } = {}): LanguageService {
  const resources = options.resources;
  return new LanguageService({ schemas: upstreamStore(), settings: () => ({ strict: options.strict ?? true }), snapshot: () => options.snapshot, resources: resources && (() => resources) });
}

/** Removes the `|` caret from `marked` and returns the text and the caret's position. */
export function caret(marked: string): { text: string; line: number; character: number } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no caret in test text');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = marked.slice(0, at).split('\n');
  return { text, line: before.length - 1, character: before[before.length - 1].length };
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not in text`);
  return line;
}

/** A namespaced CRD served at `group`/v1; `properties` are the lines under its openAPIV3Schema's properties, indented 12 spaces. */
export function namespacedCrd(names: { group: string; kind: string; plural: string }, properties: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${names.plural}.${names.group}}
spec:
  group: ${names.group}
  names: {kind: ${names.kind}, plural: ${names.plural}}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
${properties}`;
}

/** A namespaced Widget CRD (example.com/v1). */
export function widgetCrd(properties: string): string {
  return namespacedCrd({ group: 'example.com', kind: 'Widget', plural: 'widgets' }, properties);
}
