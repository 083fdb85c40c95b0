export { planPlacement, PLACEMENT_KINDS, type PlanInput } from './plan';
export type { PlacementOutcome, PlacedCluster, ExcludedCluster } from './result';
export { parseMemberClusters, parseMemberCluster, type MemberCluster } from './members';
export { formatSummary } from './summary';
export { computePlacementLenses, placementLensesOf, type CurrentScheduleOf, type LensWorkspace, type PlacementLens, type PlacementExplanation, type LensDocument } from './lenses';
export { formatExplanation } from './explain';
export { readClusterFiles, type ClusterFileRead } from './clusterFiles';
