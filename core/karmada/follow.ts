/**
 * Follows what Karmada does with templates it was just given, through watches on the control plane:
 * each template's ResourceBinding (created, scheduled) and its Works (applied, member status reflected
 * back into the binding). Emits progress events as they happen and ends with one result per member.
 * Cancelling stops following; it undoes nothing.
 */
import type { ClusterClients } from '../kube/clients';
import { conditionOf, conditionText } from '../kube/conditions';
import { EventChannel } from '../kube/eventChannel';
import { objectRef } from '../kube/manifests';
import { ResourceWatch, type KubeObject } from '../kube/watch';
import { bindingCollection, bindingName, bindingProblem, eventsBetween, resultsOf, settled, viewOf, type BindingView } from './bindings';
import { memberResults, type ControlPlaneEvent, type MemberObjectResult, type TemplateProblem } from './events';

export interface FollowOptions {
  signal?: AbortSignal;
  /** How long to follow before reporting what is still pending. */
  followMs: number;
  /** Time each list may take. */
  listTimeoutMs: number;
  /** When the deploy began (ms since epoch): older scheduling failures may be about a previous version. */
  sinceMs?: number;
  /** The templates' metadata.generation after the apply, by objectRef. */
  generations?: Map<string, number>;
  /** Members the policy names: one Karmada did not schedule to still gets a result saying why. */
  members?: string[];
}

const WORKS = '/apis/work.karmada.io/v1alpha1/works';
const CLUSTERS = '/apis/cluster.karmada.io/v1alpha1/clusters';

class TemplateFollower {
  private bindingWatch: ResourceWatch;
  private worksWatch: ResourceWatch | undefined;
  view: BindingView;

  constructor(
    private readonly clients: ClusterClients,
    private readonly controlPlane: string,
    readonly template: KubeObject,
    private readonly options: FollowOptions,
    private readonly changed: () => void,
    private readonly clusters: ResourceWatch,
  ) {
    const name = bindingName(template.kind!, template.metadata.name);
    const path = `${bindingCollection(template)}?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`;
    this.view = viewOf(template, undefined, []);
    this.bindingWatch = this.watch(path);
  }

  private watch(path: string): ResourceWatch {
    const w = new ResourceWatch(this.clients, this.controlPlane, path, { timeoutMs: this.options.listTimeoutMs, backoff: { initialMs: 200, maxMs: 5_000 } });
    w.onChange(() => this.changed());
    return w.start();
  }

  /** Recomputes the view; returns the events since the last one. */
  update(): ControlPlaneEvent[] {
    const binding = this.bindingWatch.items()[0];
    if (binding && !this.worksWatch) {
      const scope = this.template.metadata.namespace ? 'resourcebinding' : 'clusterresourcebinding';
      const id = binding.metadata.labels?.[`${scope}.karmada.io/permanent-id`];
      this.worksWatch = this.watch(id ? `${WORKS}?labelSelector=${encodeURIComponent(`${scope}.karmada.io/permanent-id=${id}`)}` : WORKS);
    }
    const next = viewOf(this.template, binding, this.worksWatch?.items() ?? [], this.options.generations?.get(objectRef(this.template)), this.options.sinceMs, this.clusters.items());
    const events = eventsBetween(this.view, next);
    this.view = next;
    return events;
  }

  watchError(): string | undefined {
    const e = this.bindingWatch.error ?? this.worksWatch?.error;
    return e ? `${this.controlPlane}: ${e.describe()}` : undefined;
  }

  stop(): void {
    this.bindingWatch.stop();
    this.worksWatch?.stop();
  }
}

/**
 * Why a member the policy names got nothing: Karmada's scheduler leaves out a Cluster that is not Ready
 * (it is tainted not-ready or unreachable); otherwise it placed the replicas elsewhere, as the policy allows.
 */
export function leftOut(cluster: KubeObject | undefined): { ok: boolean; state: string } {
  if (!cluster) return { ok: false, state: 'not scheduled here: the control plane has no Cluster of that name' };
  const ready = conditionOf(cluster, 'Ready');
  if (ready?.status !== 'True') {
    const why = ready ? conditionText(ready) : 'no Ready condition yet';
    return { ok: false, state: `not scheduled here: the Cluster is not ready (${why}), so Karmada's scheduler left it out` };
  }
  return { ok: true, state: "no replicas here: Karmada's scheduler placed them on the other members" };
}

/** The typed stream of what Karmada does with `templates` on `controlPlane`, ending with a 'done' event. */
export function followPropagation(clients: ClusterClients, controlPlane: string, templates: KubeObject[], options: FollowOptions): AsyncIterable<ControlPlaneEvent> {
  const channel = new EventChannel<ControlPlaneEvent>();
  let finished = false;
  const followers: TemplateFollower[] = [];
  const finish = (why?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    for (const f of followers) f.stop();
    clusters.stop();
    const perMember = new Map<string, MemberObjectResult[]>();
    const problems: TemplateProblem[] = [];
    for (const f of followers) {
      const reason = why && f.watchError() ? `${why}; ${f.watchError()}` : why;
      const problem = bindingProblem(f.view, reason);
      if (problem) problems.push({ template: f.view.template, message: problem });
      for (const [cluster, result] of resultsOf(f.view, reason)) perMember.set(cluster, [...(perMember.get(cluster) ?? []), result]);
    }
    // A template Karmada could not place at all is reported once, as a problem, not per member.
    const placed = followers.filter((f) => !problems.some((p) => p.template === f.view.template));
    for (const member of options.members ?? []) {
      if (perMember.has(member) || !placed.length) continue;
      const state = leftOut(clusters.items().find((c) => c.metadata.name === member));
      perMember.set(member, placed.map((f) => ({ ref: f.view.template, ...state })));
    }
    channel.push({ type: 'done', results: memberResults(controlPlane, perMember), problems });
    channel.end();
  };
  const changed = () => {
    if (finished) return;
    for (const f of followers) channel.push(...f.update());
    if (followers.every((f) => settled(f.view))) finish();
  };
  const clusters = new ResourceWatch(clients, controlPlane, CLUSTERS, { timeoutMs: options.listTimeoutMs, backoff: { initialMs: 200, maxMs: 5_000 } });
  clusters.onChange(changed);
  clusters.start();
  const onAbort = () => finish('stopped following');
  const timer = setTimeout(() => finish(`not done after ${Math.round(options.followMs / 1000)} s`), options.followMs);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  if (!templates.length) finish();
  for (const t of templates) if (!finished) followers.push(new TemplateFollower(clients, controlPlane, t, options, changed, clusters));
  return channel;
}
