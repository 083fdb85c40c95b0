/**
 * The resources policies can select, indexed once by apiVersion/kind and by name, so that finding what a
 * selector matches costs the size of its bucket, not of the workspace.
 */
import { identityOf, type ObjectIdentity } from './objects';
import { selectorMatches, type ResourceSelector } from './resourceSelectors';

export interface Candidate {
  value: unknown;
  id: ObjectIdentity;
}

export class ResourceIndex {
  /** Every candidate, workspace documents first, then live objects. */
  readonly all: Candidate[] = [];
  private readonly byKind = new Map<string, Candidate[]>();
  private readonly byName = new Map<string, Candidate[]>();

  /** `excludedKinds`: kinds that are never selected (the policies themselves). */
  constructor(values: unknown[], excludedKinds: Set<string>) {
    for (const value of values) {
      const id = identityOf(value);
      if (!id.kind || !id.name || excludedKinds.has(id.kind)) continue;
      const candidate = { value, id };
      this.all.push(candidate);
      push(this.byKind, kindKey(id.apiVersion, id.kind), candidate);
      push(this.byName, `${kindKey(id.apiVersion, id.kind)}\0${id.name}`, candidate);
    }
  }

  /** Candidates `selector` matches, in index order. */
  matching(selector: ResourceSelector, scope: string | undefined): Candidate[] {
    const key = kindKey(selector.apiVersion, selector.kind);
    const pool = selector.name ? this.byName.get(`${key}\0${selector.name}`) : this.byKind.get(key);
    return (pool ?? []).filter((c) => selectorMatches(selector, c.id, scope));
  }
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\0${kind}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
