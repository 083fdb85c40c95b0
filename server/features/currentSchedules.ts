/**
 * The current Karmada schedules of the resources under placement lenses, as the client reported them.
 * Lenses read what is known and name what they miss; `flush` then asks the client for it in one batch
 * and, when an answer changes a schedule, has the lenses recomputed. An answer is reused for `ttlMs`,
 * after which the next lens asks again. A client that does not know the request (MethodNotFound, or null
 * for an answer) is not asked again.
 */
import type { CurrentSchedule, ScheduleQuery } from '../../core/protocol';
import { identityOf } from '../../core/placement/objects';

type Clusters = CurrentSchedule['clusters'];

const METHOD_NOT_FOUND = -32601;
const keyOf = (q: ScheduleQuery) => `${q.kind}/${q.namespace ?? ''}/${q.name}`;

export class CurrentSchedules {
  private readonly known = new Map<string, { clusters: Clusters; at: number }>();
  private readonly wanted = new Map<string, ScheduleQuery>();
  private asking = false;
  private unsupported = false;

  constructor(
    private readonly ask: (queries: ScheduleQuery[]) => Promise<CurrentSchedule[] | null>,
    private readonly changed: () => void,
    private readonly log: (message: string) => void,
    private readonly ttlMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The resource's schedule as last reported; a missing or old one is queued for `flush`. */
  readonly previous = (resource: unknown): { name: string; replicas: number }[] | undefined => {
    if (this.unsupported) return undefined;
    const id = identityOf(resource);
    if (!id.kind || !id.name) return undefined;
    const query: ScheduleQuery = { kind: id.kind, name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) };
    const key = keyOf(query);
    const entry = this.known.get(key);
    if (!entry || this.now() - entry.at > this.ttlMs) this.wanted.set(key, query);
    return entry?.clusters ?? undefined;
  };

  /** Asks the client for every queued resource (one request at a time). */
  flush(): void {
    if (this.unsupported || this.asking || this.wanted.size === 0) return;
    const batch = [...this.wanted.values()];
    this.wanted.clear();
    this.asking = true;
    this.ask(batch).then(
      (answers: CurrentSchedule[] | null) => {
        this.asking = false;
        if (!Array.isArray(answers)) {
          // A client that answers every request it does not know with null (a generic handler).
          this.unsupported = true;
          return;
        }
        let differs = false;
        for (const answer of answers) {
          if (typeof answer?.kind !== 'string' || typeof answer.name !== 'string') continue;
          const key = keyOf(answer);
          const before = this.known.get(key)?.clusters ?? null;
          if (JSON.stringify(before) !== JSON.stringify(answer.clusters)) differs = true;
          this.known.set(key, { clusters: answer.clusters, at: this.now() });
        }
        if (differs) this.changed();
        this.flush();
      },
      (err: { code?: number; message?: string }) => {
        this.asking = false;
        if (err?.code === METHOD_NOT_FOUND) this.unsupported = true;
        else {
          this.log(`current schedules: ${err?.message ?? String(err)}`);
          for (const q of batch) this.known.set(keyOf(q), { clusters: this.known.get(keyOf(q))?.clusters ?? null, at: this.now() });
        }
      },
    );
  }
}
