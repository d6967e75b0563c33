// A minimal LSP client for the protocol tests: starts dist/server.js as a child process and
// talks JSON-RPC to it the way an editor would.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'dist/server.js');

let built = false;
/** Bundles the server the way `npm run build` does (once per test file). */
export function buildBundles(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
  built = true;
}

/** A copy of a fixture folder in a fresh temp dir (the tests edit files on disk). */
export function copyFixture(fixture: string): { root: string; dispose(): void } {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'route-lens-lsp-')));
  const root = path.join(base, path.basename(fixture));
  cpSync(fixture, root, { recursive: true });
  return { root, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

export const uri = (file: string): string => pathToFileURL(file).href;

export interface Waiter<T> {
  predicate: (value: T) => boolean;
  resolve: (value: T) => void;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly serverRequests: string[] = [];
  readonly progress: string[] = [];
  readonly log: string[] = [];
  private waiters: Waiter<PublishDiagnosticsParams>[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.log.push(p.message);
    });
    connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
    });
    connection.onRequest((method: string, params: unknown) => {
      this.serverRequests.push(method);
      if (method === 'window/workDoneProgress/create') {
        // vscode-jsonrpc routes $/progress to handlers registered per token.
        const token = (params as { token: string | number }).token;
        connection.onProgress(WorkDoneProgress.type, token, (value) => {
          this.progress.push(value.kind);
        });
      }
      if (method === 'workspace/configuration') return [{}];
      return null; // window/workDoneProgress/create, client/registerCapability
    });
    connection.listen();
  }

  static stdio(): TestClient {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(child, connection);
  }

  static ipc(): TestClient {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    return new TestClient(child, connection);
  }

  async initialize(root: string, initializationOptions: unknown = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: uri(root),
      workspaceFolders: [{ uri: uri(root), name: path.basename(root) }],
      initializationOptions,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, symbol: {} },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          completion: { completionItem: { snippetSupport: false } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The next publishDiagnostics (or the latest one already received) for which `predicate` holds. */
  diagnosticsFor(file: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<Diagnostic[]> {
    const key = uri(file);
    const current = this.diagnostics.get(key);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${file}; last: ${JSON.stringify(this.diagnostics.get(key))}\nlog: ${this.log.join('\n')}`)), timeoutMs);
      this.waiters.push({
        predicate: (p) => p.uri === key && predicate(p.diagnostics),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  /** Resolves once `condition` holds (checked whenever a message arrives, and every 20 ms). */
  async until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    return code;
  }
}
