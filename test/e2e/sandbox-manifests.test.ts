/**
 * The sample workspace that `npm start` opens is valid for the lab: every document passes a server-side
 * apply dry-run (unknown fields rejected) on the cluster it belongs to (federation APIs on the host,
 * workloads on member1).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { useLab } from '../support/lab';
import { dryRunApply } from '../support/labObjects';
import { e2eSkipReason, ROOT } from '../support/workbench';
import { needsCRDs } from '../support/federation';

const HOST_GROUPS = ['policy.karmada.io', 'cluster.open-cluster-management.io', 'work.open-cluster-management.io'];

function sandboxDocuments(): { file: string; object: Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } }[] {
  const out = [];
  for (const dir of readdirSync(join(ROOT, 'sandbox'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(ROOT, 'sandbox', dir.name)).filter((n) => n.endsWith('.yaml'))) {
      const file = `${dir.name}/${name}`;
      for (const doc of parseAllDocuments(readFileSync(join(ROOT, 'sandbox', file), 'utf8'))) out.push({ file, object: doc.toJS() });
    }
  }
  return out;
}

test('every sandbox manifest passes a strict server-side dry-run on the lab', { skip: e2eSkipReason(), timeout: 60_000 }, async (t) => {
  const needs = needsCRDs(await useLab(), 'karmada', 'ocm', 'kubefed');
  if (needs) return t.skip(needs);
  const lab = await useLab();
  const docs = sandboxDocuments();
  const kinds = new Set(docs.map((d) => d.object.kind));
  for (const kind of ['Deployment', 'PropagationPolicy', 'OverridePolicy', 'Placement', 'ManifestWork', 'ServiceExport']) {
    assert.ok(kinds.has(kind), `the sandbox has a ${kind}`);
  }
  for (const { file, object } of docs) {
    const onHost = HOST_GROUPS.some((g) => object.apiVersion.startsWith(`${g}/`));
    // OCM's registration controller creates each managed cluster's namespace on the hub; the lab runs
    // no controllers, so the ManifestWork is checked in "default".
    const checked = object.kind === 'ManifestWork' ? { ...object, metadata: { ...object.metadata, namespace: 'default' } } : object;
    await assert.doesNotReject(dryRunApply(lab.kubeconfigPath, onHost ? 'host' : 'member1', checked), `${file}: ${object.kind} ${object.metadata.name}`);
  }
});
