/**
 * Members as the control planes' watches see them now: a federation node that is expanded watches its
 * Clusters (or ManagedClusters, KubeFedClusters), and joins, removals, health, labels and taints replace
 * what discovery found, for the tree and the language server's snapshot alike.
 */
import { membersFrom, membersPath, reachThroughKarmada, type FederationDiscovery } from './discovery';
import type { ClusterClients } from './clients';
import type { ResourceWatch } from './watch';

/** Replaces each federation's members with its members watch's items, where that watch runs and has listed. */
export function applyLiveMembers(d: FederationDiscovery, running: (context: string, path: string) => ResourceWatch | undefined, clients: ClusterClients): void {
  let changed = false;
  for (const f of d.federations) {
    const watch = running(f.context, membersPath(f.kind));
    if (!watch || watch.state !== 'live') continue;
    f.members = membersFrom(f, watch.items(), clients);
    changed = true;
  }
  if (changed) reachThroughKarmada(d.federations);
}
