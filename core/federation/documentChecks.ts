import { unboundClusterSetsIn } from './clusterSets';
import { unknownClusterNamesIn } from './clusterNames';
import { missingOverridePathsIn } from './overrides';
import { equalPriorityConflictsIn, unmatchedResourceSelectorsIn } from './resourceSelectors';
import { serviceExportsWithoutServiceIn } from './serviceExports';
import { unsatisfiableSpreadIn } from './spread';
import type { DocumentCheck } from './types';
import { allZeroStaticWeightsIn } from './weights';

/** The same checks, one document at a time (what the incremental index reruns), in the same order. */
export const DOCUMENT_CHECKS: DocumentCheck[] = [
  unknownClusterNamesIn,
  unmatchedResourceSelectorsIn,
  missingOverridePathsIn,
  equalPriorityConflictsIn,
  serviceExportsWithoutServiceIn,
  allZeroStaticWeightsIn,
  unsatisfiableSpreadIn,
  unboundClusterSetsIn,
];

