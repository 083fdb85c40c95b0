import { asArray, asObj, asString, field, identityOf } from '../placement/objects';
import { overDocuments } from './environment';
import { compareEntries, type FactEntry, type WorkspaceFacts } from './facts';
import type { DocumentCheck, FederationDocument, FederationFinding, PathSegment } from './types';
import { describeObject, finding, OVERRIDE_KINDS } from './util';

/** Resolves a JSON pointer ("/spec/template/spec/containers/0/image") in a value. */
export function resolvePointer(value: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '' || pointer === '/') return { found: true, value };
  if (!pointer.startsWith('/')) return { found: false };
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else {
      const o = asObj(current);
      if (!o || !Object.prototype.hasOwnProperty.call(o, token)) return { found: false };
      current = o[token];
    }
  }
  return { found: true, value: current };
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

function containerNames(resource: unknown): string[] {
  const kind = identityOf(resource).kind;
  const podSpec = kind === 'Pod' ? field(resource, 'spec') : kind === 'CronJob' ? field(resource, 'spec', 'jobTemplate', 'spec', 'template', 'spec') : field(resource, 'spec', 'template', 'spec');
  return [...asArray(field(podSpec, 'containers')), ...asArray(field(podSpec, 'initContainers'))]
    .map((c) => asString(field(c, 'name')))
    .filter((n): n is string => !!n);
}

interface OverriderBlock {
  overriders: unknown;
  path: PathSegment[];
}

function overriderBlocks(doc: FederationDocument): OverriderBlock[] {
  const blocks: OverriderBlock[] = [];
  const legacy = field(doc.value, 'spec', 'overriders');
  if (legacy !== undefined) blocks.push({ overriders: legacy, path: ['spec', 'overriders'] });
  asArray(field(doc.value, 'spec', 'overrideRules')).forEach((rule, i) => {
    blocks.push({ overriders: field(rule, 'overriders'), path: ['spec', 'overrideRules', i, 'overriders'] });
  });
  return blocks;
}

function missingIn(targets: unknown[], test: (t: unknown) => boolean): unknown[] {
  return targets.filter((t) => !test(t));
}

/** The resources an OverridePolicy selects, in workspace order. */
export function overrideTargets(entry: FactEntry, facts: WorkspaceFacts): FactEntry[] {
  return [...new Set((entry.selectors ?? []).flatMap((s) => facts.matching(s, entry.scope)))].sort(compareEntries);
}

/** OverridePolicy paths and container names that do not exist in the resources the policy selects. */
export const missingOverridePathsIn: DocumentCheck = (entry, env) => {
  const { doc, id } = entry;
  if (!OVERRIDE_KINDS.has(id.kind)) return [];
  const findings: FederationFinding[] = [];
  const targets = overrideTargets(entry, env.facts).map((c) => c.doc.value);
  if (!targets.length) return [];
  const report = (path: PathSegment[], what: string, missing: unknown[]) => {
    if (missing.length) findings.push(finding(doc, path, 'override-path-missing', `${what} does not exist in ${missing.map(describeObject).join(', ')}`));
  };
  for (const block of overriderBlocks(doc)) {
    asArray(field(block.overriders, 'plaintext')).forEach((item, i) => {
      const path = asString(field(item, 'path'));
      if (!path) return;
      const operator = asString(field(item, 'operator')) ?? 'replace';
      const pointer = operator === 'add' ? parentPointer(path) : path;
      report([...block.path, 'plaintext', i, 'path'], operator === 'add' ? `the parent of ${path}` : `path ${path}`, missingIn(targets, (t) => resolvePointer(t, pointer).found));
    });
    asArray(field(block.overriders, 'imageOverrider')).forEach((item, i) => {
      const path = asString(field(item, 'predicate', 'path'));
      if (!path) return;
      report([...block.path, 'imageOverrider', i, 'predicate', 'path'], `image path ${path}`, missingIn(targets, (t) => typeof resolvePointer(t, path).value === 'string'));
    });
    for (const key of ['commandOverrider', 'argsOverrider']) {
      asArray(field(block.overriders, key)).forEach((item, i) => {
        const name = asString(field(item, 'containerName'));
        if (!name) return;
        report([...block.path, key, i, 'containerName'], `container ${name}`, missingIn(targets, (t) => containerNames(t).includes(name)));
      });
    }
  }
  return findings;
};

export const missingOverridePaths = overDocuments(missingOverridePathsIn);
