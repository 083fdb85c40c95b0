/** Registers every workspace feature with the server. A new feature adds its provider here. */
import { FeatureRegistry } from './registry';
import { federationDiagnostics, federationDiagnosticsOf, federationQuickFixes, FEDERATION_SOURCE } from './federation';
import { placementCodeLenses, placementCodeLensesFrom } from './placement';
import { memberClusterObjects } from './placementClusters';
import { workloadPlacementActions } from './workloadPlacement';

export function builtinFeatures(): FeatureRegistry {
  const registry = new FeatureRegistry();
  registry.registerDiagnostics({
    source: FEDERATION_SOURCE,
    provide: (ctx) => federationDiagnostics({ documents: ctx.documents, clusters: memberClusterObjects(ctx) }),
    provideFor: (ctx, uris) => new Map([...uris].map((uri) => [uri, federationDiagnosticsOf(ctx.documentsOf?.(uri) ?? [], ctx.model?.federation.findingsOf(uri) ?? [])])),
  });
  registry.registerCodeActions((uri, diagnostics) => federationQuickFixes(uri, diagnostics));
  registry.registerCodeActions((uri, _diagnostics, ctx, range) => workloadPlacementActions(uri, range, ctx));
  registry.registerCodeLens((uri, ctx) => {
    const lenses = ctx.model && ctx.documentsOf
      ? placementCodeLensesFrom(uri, ctx.documentsOf(uri), ctx.model.lensWorkspace(), memberClusterObjects(ctx) ?? [], ctx.schedules?.previous)
      : placementCodeLenses(uri, ctx.documents, memberClusterObjects(ctx) ?? [], ctx.schedules?.previous);
    ctx.schedules?.flush();
    return lenses;
  });
  return registry;
}
