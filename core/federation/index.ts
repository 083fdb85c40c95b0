import { unboundClusterSets } from './clusterSets';
import { unknownClusterNames } from './clusterNames';
import { missingOverridePaths } from './overrides';
import { equalPriorityConflicts, unmatchedResourceSelectors } from './resourceSelectors';
import { serviceExportsWithoutService } from './serviceExports';
import { unsatisfiableSpread } from './spread';
import type { FederationCheck, FederationContext, FederationFinding } from './types';
import { allZeroStaticWeights } from './weights';

export type { CheckEnvironment, DocumentCheck, FederationCheck, FederationContext, FederationDocument, FederationFinding, PathSegment, QuickFix } from './types';

export const FEDERATION_CHECKS: FederationCheck[] = [
  unknownClusterNames,
  unmatchedResourceSelectors,
  missingOverridePaths,
  equalPriorityConflicts,
  serviceExportsWithoutService,
  allZeroStaticWeights,
  unsatisfiableSpread,
  unboundClusterSets,
];

export { DOCUMENT_CHECKS } from './documentChecks';
export { IncrementalFederation, type FederationSetting } from './incremental';
export { WorkspaceFacts, type FactEntry } from './facts';

/** Runs every cross-document and cluster-aware check. */
export function checkFederation(context: FederationContext): FederationFinding[] {
  return FEDERATION_CHECKS.flatMap((check) => check(context));
}
