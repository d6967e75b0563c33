// The server's state and its analysis loop: debounced re-analysis after edits, diagnostics
// publishing per folder, the status notification, and the start-up indexing with progress.
import type { Connection } from 'vscode-languageserver/node';
import { initEngine } from '../../shared/engine';
import type { TableNode } from '../../shared/routing/types';
import { STATUS_NOTIFICATION, type StatusParams } from '../../shared/ide/protocol';
import type { ServerContext } from './context';
import { DevRouterHost } from './devRouterHost';
import { DiagnosticsStore, diagnosticsOf, toLspDiagnostic } from './diagnostics';
import { Locations, pathToUri } from './locations';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';
import { WorkspaceIndex } from './workspaceIndex';

export class Session implements ServerContext {
  readonly index: WorkspaceIndex;
  readonly locations: Locations;
  readonly diagnostics = new DiagnosticsStore();
  /** The dev router (routeLens/startDevRouter), served from this session's index. */
  readonly devRouter: DevRouterHost;
  private current: ServerSettings = DEFAULT_SETTINGS;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  /** What was last published per file (its URI and the list as JSON), to skip identical lists. */
  private readonly sent = new Map<string, { uri: string; json: string }>();
  /** Files to publish at the next analysis even when unchanged (documents just opened). */
  private readonly forced = new Set<string>();
  /** Duration of the last analysis: the debounce never waits longer than an analysis takes. */
  private lastAnalysisMs = Number.POSITIVE_INFINITY;

  constructor(private readonly connection: Connection) {
    this.index = new WorkspaceIndex((m) => this.log(m));
    this.locations = new Locations((file) => this.index.textOf(file));
    this.devRouter = new DevRouterHost(this);
  }

  log(message: string): void {
    try {
      this.connection.console.log(message);
    } catch {
      // the connection is gone; nothing to report to
    }
  }

  settings(): ServerSettings {
    return this.current;
  }

  setSettings(settings: ServerSettings): void {
    this.current = settings;
    this.index.setOptions({ versions: settings.versions });
    if (this.ready) this.schedule(0);
  }

  /** First indexing, reported with window/workDoneProgress. */
  async start(): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Route Lens', 0, 'indexing the workspace…', false);
    this.status({ state: 'indexing', routes: 0, apps: 0 });
    try {
      await initEngine();
      this.ready = true;
      this.runAnalysis();
    } catch (e) {
      this.log(`route-lens: cannot start the engine: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.status({ state: 'error', routes: 0, apps: 0, message: e instanceof Error ? e.message : String(e) });
    } finally {
      progress?.done();
    }
  }

  /**
   * Re-analyse after `delay` ms of quiet (edits coming in restart the clock). By default the
   * configured debounce, shortened to the last analysis' duration: waiting longer than the work
   * itself would only delay diagnostics (edits arriving meanwhile are still coalesced).
   */
  schedule(delay = Math.min(this.current.debounceMs, Math.ceil(this.lastAnalysisMs))): void {
    if (!this.ready) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runAnalysis();
    }, delay);
  }

  flush(): void {
    if (!this.ready || (!this.timer && !this.index.isDirty)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.runAnalysis();
  }

  private runAnalysis(): void {
    if (this.index.isDirty) this.status({ state: 'indexing', ...this.counts() });
    const start = performance.now();
    const roots = this.index.refresh();
    for (const root of roots) this.publish(root);
    if (roots.length) this.lastAnalysisMs = performance.now() - start;
    const errors = this.index.errors();
    this.status({ state: errors.length ? 'error' : 'ready', ...this.counts(), ...(errors.length ? { message: errors.join('\n') } : {}) });
  }

  private publish(root: string): void {
    const model = this.index.models().find((m) => m.root === root);
    if (!model) return;
    const byFile = diagnosticsOf(model, this.current, (m) => this.log(m), (file) => this.index.overlay(file));
    const files = new Set(this.diagnostics.replace(root, byFile));
    for (const file of this.forced) if (this.index.folderOf(file)?.root === root) files.add(file);
    for (const file of files) this.send(file);
  }

  /** A document was opened: publish its diagnostics at the next analysis, changed or not. */
  documentOpened(file: string): void {
    this.forced.add(file);
  }

  /** Publishes a file's current diagnostics (all folders), or [] when it has none; nothing when the client already has this list. */
  private send(file: string): void {
    try {
      const list = this.diagnostics.at(file).map((d) => toLspDiagnostic(d, this.locations, this.current));
      const uri = pathToUri(file);
      const json = JSON.stringify(list);
      const last = this.sent.get(file);
      if (!this.forced.delete(file) && (last ? last.uri === uri && last.json === json : list.length === 0)) return;
      if (list.length) this.sent.set(file, { uri, json });
      else this.sent.delete(file);
      void this.connection.sendDiagnostics({ uri, diagnostics: list });
    } catch (e) {
      this.log(`route-lens: publishing diagnostics of ${file} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  removeFolder(root: string): void {
    this.index.removeFolder(root);
    for (const file of this.diagnostics.clear(root)) this.send(file);
  }

  private counts(): { routes: number; apps: number } {
    let routes = 0;
    let apps = 0;
    for (const model of this.index.models()) {
      apps += model.served.length;
      for (const app of model.served) routes += countRoutes(app.tree.routes);
    }
    return { routes, apps };
  }

  private status(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  }

  /** On shutdown: no more analyses, and the dev router's port is released. */
  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.devRouter.stop().catch((e: unknown) => this.log(`route-lens: stopping the dev router failed: ${String(e)}`));
  }
}

function countRoutes(nodes: readonly TableNode[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.kind === 'route' || node.kind === 'websocket') n++;
    else if ((node.kind === 'mount' || node.kind === 'host') && node.target.kind === 'router') n += countRoutes(node.target.routes);
  }
  return n;
}
