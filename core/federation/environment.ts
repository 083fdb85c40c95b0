/** Runs per-document checks over a whole workspace: facts and members built once per context. */
import { parseMemberClusters, type MemberCluster } from '../placement/members';
import { WorkspaceFacts, type FactEntry } from './facts';
import type { CheckEnvironment, DocumentCheck, FederationCheck, FederationContext } from './types';
import { whereLooked } from './util';

const environments = new WeakMap<FederationContext, CheckEnvironment>();
const entriesByDocument = new WeakMap<FederationContext, Map<unknown, FactEntry>>();

export function checkEnvironment(context: FederationContext): CheckEnvironment {
  let env = environments.get(context);
  if (!env) {
    env = environmentOf(new WorkspaceFacts(context.documents, context.liveObjects), context);
    environments.set(context, env);
  }
  return env;
}

export function environmentOf(facts: WorkspaceFacts, context: Omit<FederationContext, 'documents'>): CheckEnvironment {
  return { facts, members: context.clusters ? parseMemberClusters(context.clusters) : undefined, where: whereLooked(context) };
}

/**
 * The fields of a member the document checks consult (cluster names, affinities, taints, spread groups).
 * A check that reads more of a member must add it here, or it would not rerun when that field changes.
 */
export function checkedFields(m: MemberCluster): unknown[] {
  return [m.name, m.kind, m.labels, m.provider, m.region, m.zones, m.taints, m.deleting];
}

/** The whole-workspace form of a document check: every workspace document, in the context's order. */
export function overDocuments(check: DocumentCheck): FederationCheck {
  return (context) => {
    const env = checkEnvironment(context);
    let entries = entriesByDocument.get(context);
    if (!entries) {
      entries = new Map();
      for (const entry of env.facts.entries()) if (!entry.live) entries.set(entry.doc, entry);
      entriesByDocument.set(context, entries);
    }
    return context.documents.flatMap((doc) => {
      const entry = entries.get(doc);
      return entry ? check(entry, env) : [];
    });
  };
}
