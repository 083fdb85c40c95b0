/**
 * Which documents a change of the members alone can give other findings, so that a member joining,
 * leaving or being relabelled reruns those, not the whole workspace. Two checks read the members:
 *   - unknown cluster names: a document naming a member that joined or left, and every document with
 *     such a finding already (its message lists the members);
 *   - unsatisfiable spread: every document with spread constraints (they read labels, taints, topology).
 * A check that starts reading members must be added here; the property test in
 * test/unit/federation/incremental.test.ts compares this against rerunning everything.
 */
import type { MemberCluster } from '../placement/members';
import { mayNameClusters, namedClusters, unknownClusterNamesIn } from './clusterNames';
import type { FactEntry } from './facts';
import { spreadsOverMembers, unsatisfiableSpreadIn } from './spread';
import type { DocumentCheck } from './types';

/** The document checks that read the members: all a members-only change reruns. */
export const MEMBER_CHECKS: ReadonlySet<DocumentCheck> = new Set([unknownClusterNamesIn, unsatisfiableSpreadIn]);

interface MemberReads {
  names: string[];
  spreads: boolean;
}

const reads = new WeakMap<FactEntry, MemberReads>();
const READS_NOTHING: MemberReads = { names: [], spreads: false };

function readsOf(entry: FactEntry): MemberReads {
  if (!mayNameClusters(entry.id.kind)) return READS_NOTHING;
  let found = reads.get(entry);
  if (!found) {
    found = { names: namedClusters(entry.doc), spreads: spreadsOverMembers(entry.doc) };
    reads.set(entry, found);
  }
  return found;
}

/** The kinds of member whose names a cluster-name check takes as the known ones (see unknownClusterNamesIn). */
const NAME_GROUPS = ['Cluster', 'KubeFedCluster'];

/**
 * The entries whose findings can differ under `after` rather than `before`; undefined when any entry's
 * can (members became known or unknown, or a kind of member appeared or went, which changes which names
 * count as known for every document).
 */
export function entriesAffectedByMembers(
  before: MemberCluster[] | undefined,
  after: MemberCluster[] | undefined,
  entries: Iterable<FactEntry>,
  hasUnknownClusterFinding: (entry: FactEntry) => boolean,
): Set<FactEntry> | undefined {
  if (!before || !after) return undefined;
  if (NAME_GROUPS.some((kind) => before.some((m) => m.kind === kind) !== after.some((m) => m.kind === kind))) return undefined;
  const pairs = (members: MemberCluster[]) => new Set(members.map((m) => `${m.kind}\u0000${m.name}`));
  const beforePairs = pairs(before);
  const afterPairs = pairs(after);
  const changedNames = new Set<string>();
  for (const m of before) if (!afterPairs.has(`${m.kind}\u0000${m.name}`)) changedNames.add(m.name);
  for (const m of after) if (!beforePairs.has(`${m.kind}\u0000${m.name}`)) changedNames.add(m.name);
  // The order matters too: an unknown-cluster message lists the members in order.
  const listChanged = changedNames.size > 0 || [...beforePairs].join() !== [...afterPairs].join();
  const affected = new Set<FactEntry>();
  for (const entry of entries) {
    const { names, spreads } = readsOf(entry);
    if (spreads || names.some((n) => changedNames.has(n)) || (listChanged && hasUnknownClusterFinding(entry))) affected.add(entry);
  }
  return affected;
}
