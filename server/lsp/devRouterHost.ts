// The dev router inside the language server: served from the live index, so every new analysis
// (an edit, a watched-file event) is the table of the next request. Each new model is wrapped in
// a NEW snapshot object with a higher generation; a snapshot is never changed once handed out.
import type { WorkspaceModel } from '../../shared/engine';
import type { StartDevRouterParams, StartDevRouterResponse } from '../../shared/ide/protocol';
import { startDevRouter } from '../devRouter/server';
import { DEFAULT_HOST, DEFAULT_PORT, type DevRouterHandle, type DevRouterSnapshot } from '../devRouter/types';
import type { ServerContext } from './context';

interface Running {
  handle: DevRouterHandle;
  folder: string;
  app: string;
}

type Target = { ok: true; folder: string; app: string } | Extract<StartDevRouterResponse, { ok: false }>;

export class DevRouterHost {
  private running: Running | undefined;
  private last: { model: WorkspaceModel; snapshot: DevRouterSnapshot } | undefined;
  private generation = 0;
  /** Start/stop calls run one after the other (a start while another is binding waits for it). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {}

  get url(): string | undefined {
    return this.running?.handle.address.url;
  }

  start(params: StartDevRouterParams | undefined): Promise<StartDevRouterResponse> {
    return this.serially(() => this.doStart(params ?? {}));
  }

  stop(): Promise<boolean> {
    return this.serially(() => this.doStop());
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(params: StartDevRouterParams): Promise<StartDevRouterResponse> {
    const bad = (error: string): StartDevRouterResponse => ({ ok: false, error, reason: 'bad-params', apps: [] });
    const port = params.port ?? DEFAULT_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) return bad(`port must be an integer 0..65535, got ${String(params.port)}`);
    if (params.host !== undefined && (typeof params.host !== 'string' || !params.host.trim())) return bad('host must be a non-empty string');
    if (params.app !== undefined && typeof params.app !== 'string') return bad('app must be a string');
    const host = params.host?.trim() || DEFAULT_HOST;

    this.ctx.flush();
    const target = this.target(params.app || undefined);
    if (!target.ok) return target;
    await this.doStop();
    const folder = target.folder;
    let handle: DevRouterHandle;
    try {
      handle = await startDevRouter({ model: () => this.snapshotOf(folder), app: target.app, port, host });
    } catch (e) {
      return { ok: false, error: `cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}`, reason: 'listen', apps: [] };
    }
    this.running = { handle, folder, app: target.app };
    this.ctx.log(`route-lens: dev router for ${target.app} at ${handle.address.url}/`);
    return { ok: true, url: handle.address.url, host: handle.address.host, port: handle.address.port, app: target.app, folder };
  }

  private async doStop(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    this.running = undefined;
    this.last = undefined;
    await running.handle.close();
    this.ctx.log(`route-lens: dev router at ${running.handle.address.url} stopped`);
    return true;
  }

  /** The folder and app to serve: the named app, else the only app served in the workspace. */
  private target(wanted: string | undefined): Target {
    const models = this.ctx.index.models();
    if (models.length === 0) return { ok: false, error: 'no workspace folder has been analysed yet', reason: 'not-ready', apps: [] };
    const all = models.flatMap((m) => m.apps.map((a) => ({ folder: m.root, id: a.id })));
    if (wanted) {
      // Ids of multi-project workspaces carry the project folder ("shop/shop.main:app").
      const found = all.find((a) => a.id === wanted) ?? all.find((a) => a.id.endsWith('/' + wanted));
      if (found) return { ok: true, folder: found.folder, app: found.id };
      return { ok: false, error: `app ${wanted} not found; apps: ${all.map((a) => a.id).join(', ') || 'none'}`, reason: 'not-found', apps: all.map((a) => a.id) };
    }
    const served = models.flatMap((m) => m.served.map((a) => ({ folder: m.root, id: a.id })));
    if (served.length === 1) return { ok: true, folder: served[0]!.folder, app: served[0]!.id };
    if (served.length === 0) {
      return { ok: false, error: `no served app found${all.length ? `; apps: ${all.map((a) => a.id).join(', ')}` : ''}`, reason: 'no-app', apps: all.map((a) => a.id) };
    }
    const ids = served.map((a) => a.id);
    return { ok: false, error: `several apps are served: ${ids.join(', ')}; choose one`, reason: 'ambiguous', apps: ids };
  }

  /**
   * The dev router's model provider, read once per HTTP request. A pending (debounced) analysis
   * runs first, so a request sent after an edit is answered from the edited files.
   */
  private snapshotOf(folder: string): DevRouterSnapshot | undefined {
    this.ctx.flush();
    const model = this.ctx.index.models().find((m) => m.root === folder);
    if (!model) return undefined;
    if (this.last?.model !== model) {
      this.last = { model, snapshot: { workspace: model, files: this.ctx.index.textsOf(folder), generation: ++this.generation } };
    }
    return this.last.snapshot;
  }
}
