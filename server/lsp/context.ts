// What the feature modules share: the index, the published diagnostics and a way to bring the
// analysis up to date before answering a request (so positions match the text just typed).
import type { DiagnosticsStore } from './diagnostics';
import type { Locations } from './locations';
import type { ServerSettings } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ServerContext {
  index: WorkspaceIndex;
  locations: Locations;
  diagnostics: DiagnosticsStore;
  settings(): ServerSettings;
  log(message: string): void;
  /** Runs a pending (debounced) analysis now. */
  flush(): void;
}

/** Runs a request handler; an internal error is logged and answered with `fallback`. */
export function guarded<P, R>(ctx: ServerContext, what: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (e) {
      ctx.log(`route-lens: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}
