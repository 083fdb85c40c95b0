/**
 * Explorer rows for clusters: a federation's members (reached by a context, through Karmada's cluster
 * proxy, or not at all), the standalone contexts, and the row that says a cluster did not answer.
 */
import type { ClusterClients } from './clients';
import type { Federation, FederationDiscovery, FederationMember } from './discovery';
import type { ClusterError } from './errors';
import type { ExplorerNode } from './explorerNode';
import { fixForError, fixForProblem, NO_MEMBER_CONTEXT, openKubeconfig } from './fixes';
import type { Health } from './workloads';

export function memberNode(parent: ExplorerNode, f: Federation, m: FederationMember, clients: ClusterClients, d: FederationDiscovery | undefined): ExplorerNode {
  const problem = m.context ? clients.problem(m.context) : NO_MEMBER_CONTEXT;
  const route = m.context ? clients.route(m.context) : undefined;
  const detail = [`${f.kind} member ${m.name}`, `server: ${m.server ?? 'unknown'}`, route ? `route: ${route.name} (no kubeconfig context reaches it)` : `context: ${m.context ?? 'none'}`, `health: ${m.healthDetail}`];
  if (problem) detail.push(`not connected: ${problem}`);
  const via = route ? `via Karmada ${route.controlPlane} proxy` : m.context !== m.name ? m.context : '';
  // An OCM cluster that registered but that the hub has not accepted (yet): offered Accept, not Detach.
  const pending = f.kind === 'OCM' && m.object.spec?.hubAcceptsClient !== true;
  const health = pending ? 'pending acceptance' : healthWord(m.health);
  if (pending) detail.push('pending: registered with the hub, not accepted (hubAcceptsClient is not true)');
  return {
    id: `${parent.id}/member/${m.name}`,
    kind: m.context && !problem ? 'member' : 'info',
    label: m.name,
    description: problem ? `${pending ? 'pending acceptance · ' : ''}not connected: ${problem}` : via ? `${health} · ${via}` : health,
    tooltip: detail.join('\n') + (m.context && d ? versionLine(d, m.context) : ''),
    icon: problem || pending ? 'unknown' : m.health,
    // "member[.disconnected].<federation kind>[.pending]": membership commands pick their rows by it.
    contextValue: `${m.context && !problem ? 'member' : 'member.disconnected'}.${f.kind.toLowerCase()}${pending ? '.pending' : ''}`,
    collapsible: !!m.context && !problem,
    context: m.context,
    clusterName: m.name,
    federation: f,
    fix: problem ? fixForProblem(problem, m.context && clients.context(m.context)?.file) : undefined,
  };
}

export function standaloneClusterNodes(d: FederationDiscovery, clients: ClusterClients): ExplorerNode[] {
  const out: ExplorerNode[] = [];
  for (const name of d.standalone) {
    const ctx = clients.context(name)!;
    const problem = clients.problem(name);
    const error = d.errors.get(name);
    out.push({
      id: `cluster/${name}`,
      kind: problem ? 'info' : 'cluster',
      label: name,
      description: problem ? `not connected: ${problem}` : error ? error.describe() : d.versions.get(name) ?? '',
      tooltip: [`context: ${name}`, `server: ${ctx.server ?? 'unknown'}`, `file: ${ctx.file}`, problem ? `not connected: ${problem}` : '', error ? `error: ${error.describe()}` : '']
        .filter(Boolean)
        .join('\n') + versionLine(d, name),
      icon: problem || error ? 'error' : 'cluster',
      contextValue: problem ? 'cluster.disconnected' : 'cluster',
      collapsible: !problem,
      context: name,
      clusterName: name,
      fix: problem ? fixForProblem(problem, ctx.file) : undefined,
    });
  }
  for (const p of clients.config.fileProblems) {
    out.push({ id: `file/${p.file}`, kind: 'error', label: `${p.file}: ${p.reason}`, icon: 'error', contextValue: 'error', collapsible: false, fix: openKubeconfig(p.file, 'to fix it') });
  }
  return out;
}

export function errorNode(parent: ExplorerNode, clients: ClusterClients, error: ClusterError): ExplorerNode {
  return {
    id: `${parent.id}/error`,
    kind: 'error',
    label: `${parent.clusterName}: ${error.describe()}`,
    tooltip: `${parent.clusterName} (${parent.context}): ${error.describe()}\nFlotilla keeps retrying and shows the cluster again when it answers.`,
    icon: 'error',
    contextValue: 'error',
    collapsible: false,
    context: parent.context,
    clusterName: parent.clusterName,
    fix: fixForError(error, parent.context && clients.context(parent.context)?.file),
  };
}

function healthWord(h: Health): string {
  return h === 'healthy' ? 'Ready' : h === 'degraded' ? 'NotReady' : h === 'unknown' ? 'unknown' : h;
}

export function versionLine(d: FederationDiscovery, context: string): string {
  const v = d.versions.get(context);
  return v ? `\nversion: ${v}` : '';
}
