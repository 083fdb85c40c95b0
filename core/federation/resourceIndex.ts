import { ResourceIndex } from '../placement/resourceIndex';
import type { FederationContext } from './types';
import { OVERRIDE_KINDS, PROPAGATION_KINDS } from './util';

const SELECTING_KINDS = new Set([...PROPAGATION_KINDS, ...OVERRIDE_KINDS]);
const indexes = new WeakMap<FederationContext, ResourceIndex>();

/** The resources a policy could select: workspace documents plus live objects, never the policies themselves; built once per check run. */
export function resourceIndex(context: FederationContext): ResourceIndex {
  let index = indexes.get(context);
  if (!index) {
    index = new ResourceIndex([...context.documents.map((d) => d.value), ...(context.liveObjects ?? [])], SELECTING_KINDS);
    indexes.set(context, index);
  }
  return index;
}
