// Keeps an analysis of a workspace folder current: a file watcher (fs.watch recursive, or
// polling where that is unavailable) re-reads and re-analyses, then swaps the snapshot reference
// in one assignment. Requests holding the old snapshot finish on it.
import { watch, type FSWatcher } from 'node:fs';
import { analyzeWorkspace, initEngine, readWorkspace, type WorkspaceOptions } from '../../shared/engine';
import type { DevRouterSnapshot } from './types';

export interface LiveWorkspaceOptions {
  analysis?: WorkspaceOptions;
  /** Quiet time after the last change before re-analysing (default 80 ms). */
  debounceMs?: number;
  /** Poll instead of fs.watch (default: only when fs.watch fails), every pollMs (default 1000). */
  poll?: boolean;
  pollMs?: number;
  onReload?: (snapshot: DevRouterSnapshot, elapsedMs: number) => void;
  onError?: (error: unknown) => void;
}

const RELEVANT = /(\.py|\.toml|\.txt|\.cfg|\.python-version)$/;

export class LiveWorkspace {
  private current: DevRouterSnapshot;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private waiters: { generation: number; resolve: (s: DevRouterSnapshot) => void }[] = [];

  private constructor(
    readonly root: string,
    private readonly options: LiveWorkspaceOptions,
  ) {
    this.current = this.analyse(0);
  }

  static async open(root: string, options: LiveWorkspaceOptions = {}): Promise<LiveWorkspace> {
    await initEngine();
    const live = new LiveWorkspace(root, options);
    live.startWatching();
    return live;
  }

  /** The current snapshot: pass `() => live.snapshot` as the dev router's model provider. */
  get snapshot(): DevRouterSnapshot {
    return this.current;
  }

  /** Re-reads and re-analyses now; the new snapshot replaces the old one atomically. */
  reload(): DevRouterSnapshot {
    const started = performance.now();
    const next = this.analyse((this.current.generation ?? 0) + 1);
    this.current = next;
    this.options.onReload?.(next, performance.now() - started);
    this.waiters = this.waiters.filter((w) => {
      if ((next.generation ?? 0) < w.generation) return true;
      w.resolve(next);
      return false;
    });
    return next;
  }

  /** Resolves once a snapshot of at least `generation` is current. */
  waitForGeneration(generation: number): Promise<DevRouterSnapshot> {
    if ((this.current.generation ?? 0) >= generation) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push({ generation, resolve }));
  }

  close(): void {
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
  }

  private analyse(generation: number): DevRouterSnapshot {
    const files = readWorkspace(this.root, this.options.analysis?.overlays);
    const workspace = analyzeWorkspace(files, this.options.analysis);
    return { workspace, files: files.files, generation };
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.reload();
      } catch (e) {
        this.options.onError?.(e);
      }
    }, this.options.debounceMs ?? 80);
  }

  private startWatching(): void {
    if (!this.options.poll) {
      try {
        this.watcher = watch(this.root, { recursive: true }, (_event, name) => {
          if (!name || RELEVANT.test(name.toString())) this.schedule();
        });
        this.watcher.on('error', (e) => {
          this.options.onError?.(e);
          this.watcher?.close();
          this.watcher = undefined;
          this.startPolling();
        });
        return;
      } catch {
        /* recursive watching unsupported here: poll */
      }
    }
    this.startPolling();
  }

  private startPolling(): void {
    this.poller = setInterval(() => {
      try {
        const files = readWorkspace(this.root, this.options.analysis?.overlays).files;
        if (!sameFiles(files, this.current.files)) this.reload();
      } catch (e) {
        this.options.onError?.(e);
      }
    }, this.options.pollMs ?? 1000);
    this.poller.unref();
  }
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
