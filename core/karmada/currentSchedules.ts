/**
 * Answers the language server's CurrentSchedulesRequest: each resource's ResourceBinding spec.clusters
 * from the first Karmada control plane that has one, each read naming that control plane's context.
 */
import type { ClusterClients } from '../kube/clients';
import type { FederationDiscovery } from '../kube/discovery';
import { readLiveBinding } from '../placement/liveBinding';
import type { CurrentSchedule, ScheduleQuery } from '../protocol';

export interface ScheduleSource {
  clients: ClusterClients;
  discover(): Promise<FederationDiscovery>;
}

export async function readCurrentSchedules(source: ScheduleSource, queries: ScheduleQuery[], options: { timeoutMs: number; signal?: AbortSignal }): Promise<CurrentSchedule[]> {
  const d = await source.discover();
  const planes = d.federations.filter((f) => f.kind === 'Karmada' && !source.clients.problem(f.context)).map((f) => f.context);
  return Promise.all(queries.map(async (query): Promise<CurrentSchedule> => {
    const resource = { kind: query.kind, metadata: { name: query.name, namespace: query.namespace } };
    for (const context of planes) {
      // A control plane that cannot be read leaves the answer to the next one; none gives a fresh preview.
      const clusters = await readLiveBinding(source.clients, context, resource, options).catch(() => undefined);
      if (clusters) return { ...query, clusters, context };
    }
    return { ...query, clusters: null };
  }));
}
