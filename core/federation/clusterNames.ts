import { asArray, asObj, asString, field, identityOf } from '../placement/objects';
import { overDocuments } from './environment';
import type { MemberCluster } from '../placement/members';
import type { DocumentCheck, FederationDocument, FederationFinding, PathSegment } from './types';
import { closest, finding, OVERRIDE_KINDS, PROPAGATION_KINDS } from './util';

/** Every place a document names a member cluster, with its path. */
function clusterNameRefs(doc: FederationDocument): { name: string; path: PathSegment[] }[] {
  const refs: { name: string; path: PathSegment[] }[] = [];
  const fromAffinity = (affinity: unknown, path: PathSegment[]) => {
    for (const key of ['clusterNames', 'exclude']) {
      asArray(field(affinity, key)).forEach((name, i) => {
        if (typeof name === 'string') refs.push({ name, path: [...path, key, i] });
      });
    }
  };
  const kind = identityOf(doc.value).kind;
  if (PROPAGATION_KINDS.has(kind)) {
    const placement = ['spec', 'placement'];
    fromAffinity(field(doc.value, ...placement, 'clusterAffinity'), [...placement, 'clusterAffinity']);
    asArray(field(doc.value, ...placement, 'clusterAffinities')).forEach((term, i) => fromAffinity(term, [...placement, 'clusterAffinities', i]));
    const weights = [...placement, 'replicaScheduling', 'weightPreference', 'staticWeightList'];
    asArray(field(doc.value, ...weights)).forEach((rule, i) => fromAffinity(field(rule, 'targetCluster'), [...weights, i, 'targetCluster']));
  } else if (OVERRIDE_KINDS.has(kind)) {
    fromAffinity(field(doc.value, 'spec', 'targetCluster'), ['spec', 'targetCluster']);
    asArray(field(doc.value, 'spec', 'overrideRules')).forEach((rule, i) => fromAffinity(field(rule, 'targetCluster'), ['spec', 'overrideRules', i, 'targetCluster']));
  } else if (kind === 'ReplicaSchedulingPreference') {
    for (const name of Object.keys(asObj(field(doc.value, 'spec', 'clusters')) ?? {})) {
      if (name !== '*') refs.push({ name, path: ['spec', 'clusters', name] });
    }
  } else if (kind.startsWith('Federated')) {
    asArray(field(doc.value, 'spec', 'placement', 'clusters')).forEach((c, i) => {
      const name = asString(field(c, 'name'));
      if (name) refs.push({ name, path: ['spec', 'placement', 'clusters', i, 'name'] });
    });
  }
  return refs;
}

/** The kinds whose documents can name member clusters (and the only ones spread constraints are read from). */
export function mayNameClusters(kind: string): boolean {
  return PROPAGATION_KINDS.has(kind) || OVERRIDE_KINDS.has(kind) || kind === 'ReplicaSchedulingPreference' || kind.startsWith('Federated');
}

/** The member cluster names a document names (what a change of members can make unknown or known). */
export function namedClusters(doc: FederationDocument): string[] {
  return clusterNameRefs(doc).map((ref) => ref.name);
}

/** The names a cluster-name check takes as known, listed and joined once per set of members. */
interface KnownNames {
  names: string[];
  listed: string;
  /** The closest known name to an unknown one, worked out once per unknown name. */
  suggestions: Map<string, string | undefined>;
}

const knownByMembers = new WeakMap<MemberCluster[], { karmada: KnownNames; kubefed: KnownNames }>();

function knownNames(names: string[]): KnownNames {
  return { names, listed: names.join(', ') || 'none', suggestions: new Map() };
}

/** Karmada's and KubeFed's members; where a federation has none, every member's name counts. */
function knownFor(members: MemberCluster[], kubefed: boolean): KnownNames {
  let known = knownByMembers.get(members);
  if (!known) {
    const all = members.map((m) => m.name);
    const of = (kind: string) => members.filter((m) => m.kind === kind).map((m) => m.name);
    const karmada = of('Cluster');
    const kubefedNames = of('KubeFedCluster');
    known = { karmada: knownNames(karmada.length ? karmada : all), kubefed: knownNames(kubefedNames.length ? kubefedNames : all) };
    knownByMembers.set(members, known);
  }
  return kubefed ? known.kubefed : known.karmada;
}

/** A clusterNames / exclude (or RSP / Federated placement) entry that is not a member; quick fix: the closest member. */
export const unknownClusterNamesIn: DocumentCheck = ({ doc, id }, { members }) => {
  if (!members) return [];
  const refs = clusterNameRefs(doc);
  if (!refs.length) return [];
  const known = knownFor(members, id.kind === 'ReplicaSchedulingPreference' || id.kind.startsWith('Federated'));
  const findings: FederationFinding[] = [];
  for (const ref of refs) {
    if (known.names.includes(ref.name)) continue;
    if (!known.suggestions.has(ref.name)) known.suggestions.set(ref.name, closest(ref.name, known.names));
    const suggestion = known.suggestions.get(ref.name);
    const f = finding(doc, ref.path, 'unknown-cluster', `${ref.name} is not a member cluster (members: ${known.listed})`);
    if (suggestion) f.fix = { title: `Change to ${suggestion}`, replacement: suggestion };
    findings.push(f);
  }
  return findings;
};

export const unknownClusterNames = overDocuments(unknownClusterNamesIn);
