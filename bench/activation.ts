// Extension activation figure, without a VS Code host: the bundled extension (dist/extension.js)
// is loaded with a stand-in `vscode` module (as test/lsp/extension.test.ts does, but functional
// enough for vscode-languageclient to fork dist/server.js over IPC and talk to it), and we time
// `activate(context)` → the status bar showing a route count (server initialized and its first
// non-`indexing` routeLens/status notification handled). This is NOT VS Code's own activation-event
// latency (extension host start-up, reading package.json, the workspaceContains search).
// Each run is a fresh process, like a fresh extension host.
import { execFileSync } from 'node:child_process';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Listener<T> = (e: T) => unknown;
type Event<T> = (listener: Listener<T>, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

class Disposable {
  constructor(private readonly callOnDispose: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound: Listener<T> = (e) => listener.call(thisArgs, e);
    this.listeners.push(bound);
    const d = new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== bound)));
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(fsPath: string): Uri {
    return new Uri('file', '', fsPath, '', '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: path.posix.join(base.path, ...segments) });
  }
  get fsPath(): string {
    return this.scheme === 'file' ? fileURLToPath(this.toString()) : this.path;
  }
  with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    if (this.scheme === 'file') return pathToFileURL(this.path).href;
    return `${this.scheme}://${this.authority}${this.path}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

class CancellationError extends Error {}

/** Anything not stubbed explicitly: callable, constructible, disposable, never thenable. */
function anything(): unknown {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : key === 'dispose' ? () => undefined : anything()),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

function withFallback<T extends object>(explicit: T): T {
  return new Proxy(explicit, { get: (t, key) => (key in t ? (t as Record<string | symbol, unknown>)[key] : typeof key === 'symbol' || key === 'then' ? undefined : anything()) });
}

const event: Event<unknown> = () => new Disposable();

function configuration(): object {
  return { get: <T>(_key: string, defaultValue?: T) => defaultValue, has: () => false, inspect: () => undefined, update: () => Promise.resolve() };
}

interface Probe {
  /** performance.now() when the status bar first left the `indexing` state, and its text. */
  ready?: { at: number; text: string };
  /** When the Routes view first got a non-empty table (after the ready notification). */
  routesView?: number;
  output: string[];
  onReady?: () => void;
}

/** The rest of the `vscode` names dist/extension.js reads (vscode-languageclient's converters and features). */
const OTHER_NAMES = (
  'CallHierarchyIncomingCall CallHierarchyItem CallHierarchyOutgoingCall CodeAction CodeActionKind CodeActionTriggerKind CodeLens Color ' +
  'ColorInformation ColorPresentation CompletionItem CompletionItemKind CompletionItemTag CompletionList CompletionTriggerKind Diagnostic ' +
  'DiagnosticRelatedInformation DiagnosticSeverity DiagnosticTag DocumentHighlight DocumentHighlightKind DocumentLink DocumentSymbol FileType ' +
  'FoldingRange FoldingRangeKind Hover InlayHint InlayHintLabelPart InlineCompletionItem InlineCompletionList InlineValueEvaluatableExpression ' +
  'InlineValueText InlineValueVariableLookup LinkedEditingRanges Location MarkdownString NotebookCellKind ParameterInformation Position ' +
  'ProgressLocation Range RelativePattern SelectionRange SemanticTokens SemanticTokensEdit SemanticTokensEdits SignatureHelp ' +
  'SignatureHelpTriggerKind SignatureInformation SnippetString SymbolInformation SymbolKind SymbolTag TabInputCustom TabInputText ' +
  'TabInputTextDiff TextDocumentSaveReason TextEdit ThemeColor ThemeIcon TreeItem TypeHierarchyItem WorkspaceEdit'
).split(' ');

function vscodeStub(folder: string, probe: Probe): object {
  const statusBarItem = (id: string): object => {
    let text = '';
    return withFallback({
      get text() {
        return text;
      },
      set text(value: string) {
        text = value;
        if (id === 'routeLens.status' && !probe.ready && !value.includes('indexing')) {
          probe.ready = { at: performance.now(), text: value };
          probe.onReady?.();
        }
      },
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
    });
  };
  const outputChannel = (name: string): object =>
    withFallback({
      name,
      append: (s: string) => probe.output.push(s),
      appendLine: (s: string) => probe.output.push(s + '\n'),
      replace: () => undefined,
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
      // LogOutputChannel members, in case the client asks for one.
      trace: (s: string) => probe.output.push(s + '\n'),
      debug: (s: string) => probe.output.push(s + '\n'),
      info: (s: string) => probe.output.push(s + '\n'),
      warn: (s: string) => probe.output.push(s + '\n'),
      error: (s: unknown) => probe.output.push(String(s) + '\n'),
      logLevel: 2,
      onDidChangeLogLevel: event,
    });
  const diagnostics = (name = 'routeLens'): object => {
    const map = new Map<string, unknown>();
    return withFallback({
      name,
      set: (uri: Uri | [Uri, unknown][], list?: unknown) => {
        if (Array.isArray(uri)) for (const [u, l] of uri) map.set(u.toString(), l);
        else map.set(uri.toString(), list);
      },
      delete: (uri: Uri) => map.delete(uri.toString()),
      clear: () => map.clear(),
      get: (uri: Uri) => map.get(uri.toString()),
      has: (uri: Uri) => map.has(uri.toString()),
      forEach: () => undefined,
      dispose: () => map.clear(),
    });
  };
  const root = Uri.file(folder);
  // The bundle's esbuild interop copies the module's own keys: every name it uses must exist.
  const others = Object.fromEntries(OTHER_NAMES.map((n) => [n, anything()]));
  return withFallback({
    ...others,
    StatusBarAlignment: { Left: 1, Right: 2 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    version: '1.91.0',
    Uri,
    Disposable,
    EventEmitter,
    CancellationTokenSource,
    CancellationError,
    env: withFallback({ appName: 'Route Lens bench', language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1, openExternal: () => Promise.resolve(true) }),
    window: withFallback({
      createOutputChannel: outputChannel,
      createStatusBarItem: statusBarItem,
      registerTreeDataProvider: (_id: string, provider: { onDidChangeTreeData?: Event<unknown>; getChildren(): unknown[] }) => {
        provider.onDidChangeTreeData?.(() => {
          if (probe.routesView === undefined && provider.getChildren().length > 0) probe.routesView = performance.now();
        });
        return new Disposable();
      },
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: event,
      onDidChangeVisibleTextEditors: event,
      tabGroups: withFallback({ all: [], onDidChangeTabs: event, onDidChangeTabGroups: event }),
      showInformationMessage: () => Promise.resolve(undefined),
      showWarningMessage: () => Promise.resolve(undefined),
      showErrorMessage: (m: string) => (probe.output.push(`[error message] ${m}\n`), Promise.resolve(undefined)),
      withProgress: <R>(_o: unknown, task: (p: object, t: object) => Promise<R>) => task({ report: () => undefined }, new CancellationTokenSource().token),
    }),
    workspace: withFallback({
      workspaceFolders: [{ uri: root, name: path.basename(folder), index: 0 }],
      name: path.basename(folder),
      rootPath: folder,
      isTrusted: true,
      textDocuments: [],
      getConfiguration: configuration,
      getWorkspaceFolder: (uri: Uri) => (uri.fsPath.startsWith(folder) ? { uri: root, name: path.basename(folder), index: 0 } : undefined),
      onDidChangeConfiguration: event,
      onDidChangeWorkspaceFolders: event,
      onDidOpenTextDocument: event,
      onDidCloseTextDocument: event,
      onDidChangeTextDocument: event,
      onWillSaveTextDocument: event,
      onDidSaveTextDocument: event,
      onDidGrantWorkspaceTrust: event,
      createFileSystemWatcher: () => withFallback({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose: () => undefined }),
      applyEdit: () => Promise.resolve(false),
    }),
    languages: withFallback({ match: () => 0, createDiagnosticCollection: diagnostics }),
    commands: withFallback({
      registerCommand: () => new Disposable(),
      executeCommand: () => Promise.resolve(undefined),
    }),
  });
}

export interface ActivationSample {
  /** Loading dist/extension.js (require), before activate. */
  loadMs: number;
  /** activate(context) → its promise resolved (client started: server forked, initialize answered). */
  startedMs: number;
  /** activate(context) → status bar shows the route count (first non-`indexing` status). */
  readyMs: number;
  /** activate(context) → the Routes view holds the route table, when it did within the wait. */
  routesViewMs?: number;
  status: string;
}

/** One activation in this process: prints an ActivationSample as JSON on the last stdout line. */
export async function activationChild(repo: string, folder: string): Promise<void> {
  const probe: Probe = { output: [] };
  const stub = vscodeStub(folder, probe);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? stub : original(request, ...rest));
  const tLoad = performance.now();
  const bundle = Module.createRequire(path.join(repo, 'package.json'))(path.join(repo, 'dist/extension.js')) as {
    activate(context: object): Promise<void>;
    deactivate(): Promise<void>;
  };
  const loadMs = performance.now() - tLoad;
  const memento = (): object => withFallback({ get: <T>(_k: string, d?: T) => d, update: () => Promise.resolve(), keys: () => [] });
  const context = withFallback({
    subscriptions: [] as { dispose(): unknown }[],
    extensionPath: repo,
    extensionUri: Uri.file(repo),
    asAbsolutePath: (p: string) => path.join(repo, p),
    globalState: memento(),
    workspaceState: memento(),
    extensionMode: 1,
  });
  const ready = new Promise<void>((resolve) => (probe.onReady = resolve));
  const timeout = setTimeout(() => {
    process.stderr.write(`activation: no route count within 120 s\n${probe.output.join('').slice(-4000)}\n`);
    process.exit(2);
  }, 120_000);
  const t0 = performance.now();
  await bundle.activate(context);
  const startedMs = performance.now() - t0;
  await ready;
  clearTimeout(timeout);
  // The Routes view asks for the table right after the ready notification; give it a moment.
  const viewDeadline = performance.now() + 10_000;
  while (probe.routesView === undefined && performance.now() < viewDeadline) await new Promise((r) => setTimeout(r, 5));
  const sample: ActivationSample = {
    loadMs,
    startedMs,
    readyMs: probe.ready!.at - t0,
    routesViewMs: probe.routesView === undefined ? undefined : probe.routesView - t0,
    status: probe.ready!.text,
  };
  await Promise.race([bundle.deactivate(), new Promise((r) => setTimeout(r, 5000))]);
  for (const d of context.subscriptions) d.dispose();
  process.stderr.write(probe.output.join(''));
  process.stdout.write('\n' + JSON.stringify(sample) + '\n');
  process.exit(0);
}

export interface ActivationFigures {
  readyMs: number;
  startedMs: number;
  routesViewMs?: number;
  loadMs: number;
  status: string;
  samples: ActivationSample[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * `runs` activations on `folder`, each in a fresh process running `node <script> activation <folder>`
 * (the script dispatches that mode to activationChild). Medians.
 */
export function measureActivation(script: string, folder: string, runs: number): ActivationFigures {
  const samples: ActivationSample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [script, 'activation', folder], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
    samples.push(JSON.parse(out.trim().split('\n').pop()!) as ActivationSample);
  }
  const views = samples.flatMap((s) => (s.routesViewMs === undefined ? [] : [s.routesViewMs]));
  return {
    readyMs: median(samples.map((s) => s.readyMs)),
    startedMs: median(samples.map((s) => s.startedMs)),
    routesViewMs: views.length === samples.length ? median(views) : undefined,
    loadMs: median(samples.map((s) => s.loadMs)),
    status: samples[samples.length - 1]!.status,
    samples,
  };
}
