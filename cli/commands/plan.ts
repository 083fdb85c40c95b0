/**
 * `flotilla plan`: where a PropagationPolicy, ClusterPropagationPolicy, OCM Placement or KubeFed
 * ReplicaSchedulingPreference will put a resource, from cluster objects in a file or read live.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { planPlacement, PLACEMENT_KINDS, type PlacementOutcome } from '../../core/placement';
import { readLiveClusterObjects } from '../../core/placement/liveClusters';
import { readLiveBinding, type ScheduledCluster } from '../../core/placement/liveBinding';
import { policySelects } from '../../core/placement/resourceSelectors';
import { identityOf } from '../../core/placement/objects';
import { ClusterClients } from '../../core/kube/clients';
import { kubeconfigPaths, loadKubeconfigs } from '../../core/kube/kubeconfig';
import type { CliCommand } from './command';

const HELP = `Usage: flotilla plan --policy FILE --resource FILE (--clusters FILE | --context CTX [--kubeconfig FILE] [--current]) [--format json|table]

  --policy FILE      a PropagationPolicy, ClusterPropagationPolicy, Placement or ReplicaSchedulingPreference
  --resource FILE    the resource to place (for an RSP, the FederatedDeployment it targets)
  --clusters FILE    Cluster, KubeFedCluster or ManagedCluster objects (multi-document or a List; for OCM also
                     ManagedClusterSets and ManagedClusterSetBindings)
  --context CTX      read them live from this kubeconfig context instead
  --kubeconfig FILE  kubeconfig to use with --context (default: KUBECONFIG or ~/.kube/config)
  --current          with --context, for Karmada: schedule from the resource's current ResourceBinding, as
                     karmada-scheduler does when an applied workload is scaled up or down
  --timeout MS       how long the control plane may take to answer (default 10000)
  --format FORMAT    json or table (default table)

Exits 1 with the reason when no placement is possible, 2 on bad input.`;

class InputError extends Error {}

function readDocuments(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) throw new InputError(`${file}: document ${index + 1}: ${doc.errors[0].message.split('\n')[0]}`);
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function pickPolicy(file: string, docs: unknown[]): unknown {
  const policy = docs.find((d) => PLACEMENT_KINDS.has(identityOf(d).kind));
  if (!policy) throw new InputError(`${file}: no ${[...PLACEMENT_KINDS].join(', ')} found`);
  return policy;
}

/** The document the policy selects, else the first one. */
function pickResource(policy: unknown, docs: unknown[]): unknown {
  const kind = identityOf(policy).kind;
  if (kind === 'PropagationPolicy' || kind === 'ClusterPropagationPolicy') return docs.find((d) => policySelects(policy, d)) ?? docs[0];
  if (kind === 'ReplicaSchedulingPreference') {
    const name = identityOf(policy).name;
    return docs.find((d) => identityOf(d).kind.startsWith('Federated') && identityOf(d).name === name) ?? docs[0];
  }
  return docs[0];
}

export function formatTable(outcome: PlacementOutcome): string {
  const rows: string[][] = [['CLUSTER', 'REPLICAS', 'WHY']];
  for (const c of outcome.clusters) rows.push([c.name, c.replicas === undefined ? '-' : String(c.replicas), c.reason]);
  const width = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2]}`;
  const out = [`Strategy: ${outcome.strategy || '-'}`];
  if (outcome.error) out.push(`No placement: ${outcome.error}`);
  else out.push(...rows.map(line));
  if (outcome.excluded.length) {
    out.push('', 'Excluded:');
    const w = Math.max(...outcome.excluded.map((e) => e.name.length));
    for (const e of outcome.excluded) out.push(`  ${e.name.padEnd(w)}  ${e.reason}`);
  }
  if (outcome.notes.length) out.push('', ...outcome.notes.map((n) => `Note: ${n}`));
  return out.join('\n');
}

export function formatJson(outcome: PlacementOutcome): string {
  const body = outcome.error
    ? { error: outcome.error, strategy: outcome.strategy, excluded: outcome.excluded, notes: outcome.notes }
    : { strategy: outcome.strategy, clusters: outcome.clusters, excluded: outcome.excluded, notes: outcome.notes };
  return JSON.stringify(body, null, 2);
}

interface LiveInputs {
  clusters: unknown[];
  previous?: ScheduledCluster[];
}

async function liveInputs(values: Record<string, string | undefined>, policyKind: string, resource: unknown, current: boolean): Promise<LiveInputs> {
  if (values.clusters) return { clusters: readDocuments(values.clusters) };
  const context = values.context!;
  const files = values.kubeconfig ? [values.kubeconfig] : kubeconfigPaths();
  const clients = new ClusterClients(loadKubeconfigs(files), { trusted: true });
  const timeoutMs = Number(values.timeout ?? 10000);
  // Ctrl-C cancels the requests in flight rather than leaving them to the timeout.
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  try {
    const options = { timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 10000, signal: cancel.signal };
    const clusters = await readLiveClusterObjects(clients, context, policyKind, options);
    const karmada = policyKind === 'PropagationPolicy' || policyKind === 'ClusterPropagationPolicy';
    const previous = current && karmada && resource !== undefined ? await readLiveBinding(clients, context, resource, options) : undefined;
    return { clusters, previous };
  } finally {
    process.off('SIGINT', onInterrupt);
    clients.dispose();
  }
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Show where a placement policy puts a resource, and why each cluster is in or out.',
  async run(args) {
    let values: Record<string, string | boolean | undefined>;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          policy: { type: 'string' }, resource: { type: 'string' }, clusters: { type: 'string' }, context: { type: 'string' },
          kubeconfig: { type: 'string' }, timeout: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' },
          current: { type: 'boolean' },
        },
      }));
    } catch (err) {
      process.stderr.write(`flotilla plan: ${(err as Error).message}\n\n${HELP}\n`);
      return 2;
    }
    if (values.help) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    const format = (values.format as string | undefined) ?? 'table';
    const strings = values as Record<string, string | undefined>;
    const usageProblem = !strings.policy ? '--policy is required'
      : !strings.clusters === !strings.context ? 'give exactly one of --clusters and --context'
      : format !== 'json' && format !== 'table' ? '--format must be json or table'
      : values.current && !strings.context ? '--current needs --context' : undefined;
    if (usageProblem) {
      process.stderr.write(`flotilla plan: ${usageProblem}\n\n${HELP}\n`);
      return 2;
    }
    const fail = (message: string, code: number) => {
      if (format === 'json') process.stdout.write(`${JSON.stringify({ error: message })}\n`);
      else process.stderr.write(`flotilla plan: ${message}\n`);
      return code;
    };
    try {
      const policyDocs = readDocuments(strings.policy!);
      const policy = pickPolicy(strings.policy!, policyDocs);
      const kind = identityOf(policy).kind;
      const resourceDocs = strings.resource ? readDocuments(strings.resource) : [];
      if (kind !== 'Placement' && resourceDocs.length === 0) return fail('--resource is required for this policy kind', 2);
      const resource = pickResource(policy, resourceDocs);
      const { clusters, previous } = await liveInputs(strings, kind, resource, values.current === true);
      const planned = planPlacement({ policy, resource, clusters, documents: policyDocs, previous });
      const outcome = previous ? { ...planned, notes: [`scheduled from the current ResourceBinding: ${previous.map((c) => `${c.name}: ${c.replicas}`).join(', ')}`, ...planned.notes] } : planned;
      process.stdout.write(`${format === 'json' ? formatJson(outcome) : formatTable(outcome)}\n`);
      return outcome.error ? 1 : 0;
    } catch (err) {
      return fail((err as Error).message, err instanceof InputError ? 2 : 1);
    }
  },
};
