/**
 * The federation manifest templates (snippets/federation.json): one for every federation kind Flotilla
 * knows, each valid against the bundled schemas once its tab stops hold their placeholders, and with
 * tab stops where the language server completes member names, namespaces and selected resources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEMPLATES } from '../../../core/templates';
import { snippetToText, tabStops } from '../../../core/templates/snippetText';
import { SNAPSHOT } from '../language/fixtures';
import { bundledService, bundledStore } from './bundledService';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const index = JSON.parse(readFileSync(join(root, 'schemas/bundled/index.json'), 'utf8')).schemas as { apiVersion: string; kind: string }[];

/** The kinds the issue names, besides every bundled federation kind. */
const NAMED = [
  'PropagationPolicy', 'ClusterPropagationPolicy', 'OverridePolicy', 'ClusterOverridePolicy', 'MultiClusterService', 'FederatedHPA', 'WorkloadRebalancer',
  'Placement', 'ManifestWork', 'ManifestWorkReplicaSet', 'ManagedClusterSet', 'ManagedClusterSetBinding', 'ServiceExport',
  'FederatedDeployment', 'ReplicaSchedulingPreference',
];

test('every bundled federation kind, and every kind the issue names, has exactly one template', () => {
  const federationKinds = index.filter((e) => e.apiVersion.includes('.')).map((e) => `${e.apiVersion} ${e.kind}`);
  const templated = TEMPLATES.map((t) => `${t.apiVersion} ${t.kind}`);
  assert.deepEqual([...new Set(templated)].length, templated.length, 'one template per kind');
  assert.deepEqual(federationKinds.filter((k) => !templated.includes(k)), []);
  assert.deepEqual(NAMED.filter((k) => !TEMPLATES.some((t) => t.kind === k)), []);
  assert.ok(TEMPLATES.length >= 25);
});

test('package.json contributes the templates as YAML snippets', () => {
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/federation.json' }]);
  for (const t of TEMPLATES) assert.match(t.prefix, /^(karmada|ocm|mcs|kubefed)-[a-z]+$/, t.name);
});

for (const template of TEMPLATES) {
  test(`${template.name}: valid against the bundled schemas with its placeholders filled in`, async () => {
    const store = await bundledStore();
    assert.ok(store.resolve(template.apiVersion, template.kind), `no bundled schema for ${template.apiVersion} ${template.kind}`);
    const service = await bundledService();
    const diagnostics = service.diagnostics(`file:///templates/${template.prefix}.yaml`, snippetToText(template.body)) ?? [];
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
  });
}

/** Completion labels at one tab stop, its placeholder deleted (what the user sees on Ctrl+Space there). */
async function labelsAt(body: string, stopIndex: number): Promise<string[]> {
  const stops = tabStops(body);
  const text = snippetToText(body);
  const at = stops[stopIndex];
  const emptied = text.slice(0, at.offset) + text.slice(at.offset + at.placeholder.length);
  const before = emptied.slice(0, at.offset).split('\n');
  const resources = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' }, { apiVersion: 'v1', kind: 'Service', name: 'web-svc' }];
  const service = await bundledService({ snapshot: SNAPSHOT, resources });
  const items = service.completion('file:///templates/t.yaml', emptied, { line: before.length - 1, character: before[before.length - 1].length }).items;
  return items.map((i) => i.label);
}

const MEMBER_PLACEHOLDER = /^(member\d|cluster\d)$/;

test('tab stops for member names, namespaces and selected resources complete from the federation and the workspace', async () => {
  const seen = { member: 0, namespace: 0, apiVersion: 0, kind: 0 };
  for (const t of TEMPLATES) {
    const stops = tabStops(t.body);
    const text = snippetToText(t.body);
    for (let i = 0; i < stops.length; i++) {
      const line = text.slice(text.lastIndexOf('\n', stops[i].offset - 1) + 1, stops[i].offset);
      const where = `${t.name} tab stop ${stops[i].stop} (${line.trim()} ${stops[i].placeholder})`;
      if (MEMBER_PLACEHOLDER.test(stops[i].placeholder)) {
        // A ReplicaSchedulingPreference names members as map keys, which completion does not offer.
        if (t.kind === 'ReplicaSchedulingPreference') continue;
        assert.deepEqual((await labelsAt(t.body, i)).filter((l) => l.startsWith('member')), ['member1', 'member2'], where);
        seen.member++;
      } else if (/(^|\s)namespace: $/.test(line)) {
        assert.ok((await labelsAt(t.body, i)).includes('payments'), where);
        seen.namespace++;
      } else if (/(- |\s)(apiVersion|kind): $/.test(line) && /resourceSelectors|scaleTargetRef|workloads/.test(text.slice(0, stops[i].offset))) {
        const labels = await labelsAt(t.body, i);
        const field = /apiVersion: $/.test(line) ? 'apiVersion' : 'kind';
        assert.ok(labels.includes(stops[i].placeholder), `${where}: ${labels.join(', ')}`);
        seen[field]++;
      }
    }
  }
  assert.ok(seen.member >= 20 && seen.namespace >= 15 && seen.apiVersion >= 6 && seen.kind >= 6, JSON.stringify(seen));
});
