/**
 * The cross-document diagnostics of the open files: each run brings the workspace index up to date with
 * the files changed since the last (the federation checks rerun only where those changes can reach), runs
 * the diagnostic features over the files whose findings changed, and says which open files to republish.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import { memberClusterObjects } from './features/placementClusters';
import type { DiagnosticProvider, WorkspaceContext } from './features/registry';
import { safely } from './safely';
import type { WorkspaceModel } from './workspaceModel';

/** Above this many stale files (the workspace scan, a branch switch) they are read in slices between requests. */
const SLICED_REFRESH_FILES = 50;

export class FeatureDiagnostics {
  private readonly byUri = new Map<string, Diagnostic[]>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly providers: DiagnosticProvider[],
    private readonly log: (message: string) => void,
    private readonly info: (message: string) => void,
  ) {}

  of(uri: string): Diagnostic[] {
    return this.byUri.get(uri) ?? [];
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Returns the open files whose cross-document diagnostics changed. */
  async run(context: WorkspaceContext, isOpen: (uri: string) => boolean, yieldToEventLoop: () => Promise<void>): Promise<string[]> {
    const started = performance.now();
    const stale = this.model.staleCount;
    this.model.setSetting({ clusters: memberClusterObjects(context) });
    if (stale > SLICED_REFRESH_FILES) await this.model.refreshInSlices(yieldToEventLoop);
    else this.model.refresh();
    const took = performance.now() - started;
    if (took > 250) this.info(`workspace index: ${stale} files brought up to date in ${took.toFixed(0)} ms`);
    const changed = [...this.model.takeChanged()].filter(isOpen);
    const next = new Map<string, Diagnostic[]>(changed.map((uri) => [uri, []]));
    for (const provider of this.providers) {
      const found = provider.provideFor
        ? safely(() => provider.provideFor!(context, changed), new Map<string, Diagnostic[]>(), this.log)
        : new Map([...safely(() => provider.provide(context), new Map<string, Diagnostic[]>(), this.log)].filter(([uri]) => next.has(uri)));
      for (const [uri, list] of found) next.set(uri, [...(next.get(uri) ?? []), ...list]);
    }
    const republish: string[] = [];
    for (const [uri, list] of next) {
      const previous = this.byUri.get(uri) ?? [];
      if (list.length) this.byUri.set(uri, list);
      else this.byUri.delete(uri);
      if (JSON.stringify(previous) !== JSON.stringify(list)) republish.push(uri);
    }
    return republish;
  }
}
