// Language-server figures over stdio JSON-RPC: resident memory after indexing a workspace, and
// edit → publishDiagnostics latency on a big routes file.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface Message {
  id?: number;
  method?: string;
  params?: { uri?: string; diagnostics?: unknown[] };
  result?: unknown;
}

class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private listeners: ((m: Message) => void)[] = [];
  private lastMessageAt = Date.now();
  readonly proc: ChildProcess;

  constructor(serverJs: string) {
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      const length = Number(m?.[1] ?? 0);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const msg = JSON.parse(body) as Message;
      this.lastMessageAt = Date.now();
      if (msg.method && msg.id !== undefined) this.send({ jsonrpc: '2.0', id: msg.id, result: null }); // server → client requests
      for (const l of [...this.listeners]) l(msg);
    }
  }

  send(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request(method: string, params: object, timeoutMs: number): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
  }

  notify(method: string, params: object): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  waitFor(pred: (m: Message) => boolean, timeoutMs: number): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error('timed out'));
      }, timeoutMs);
      const listener = (m: Message) => {
        if (!pred(m)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m);
      };
      this.listeners.push(listener);
    });
  }

  /** Resolves once no message arrived for `quietMs` (or after `maxMs`). */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    while (Date.now() < end && Date.now() - this.lastMessageAt < quietMs) await new Promise((r) => setTimeout(r, 50));
  }

  kill(): void {
    this.proc.kill();
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export interface LspFigures {
  rssMb?: number;
  indexMs?: number;
  editP50?: number;
  editP95?: number;
  edits?: number;
  note?: string;
}

export async function measureLsp(serverJs: string, root: string, bigFile: string, edits: number): Promise<LspFigures> {
  const client = new LspClient(serverJs);
  const figures: LspFigures = {};
  try {
    const rootUri = pathToFileURL(root).href;
    const t0 = performance.now();
    await client.request(
      'initialize',
      { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { textDocument: { publishDiagnostics: {} } } },
      60_000,
    );
    client.notify('initialized', {});
    const firstDiagnostics = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics', 60_000).catch(() => undefined);
    await firstDiagnostics;
    figures.indexMs = performance.now() - t0;
    await client.quiet(1000, 30_000);
    figures.rssMb = rssMb(client.proc.pid!);

    const uri = pathToFileURL(bigFile).href;
    const base = readFileSync(bigFile, 'utf8');
    // Adds a route that an earlier `/{slug}`-style route shadows: one more diagnostic.
    const shadowed = base + '\n\n@router.get("/{slug}")\nasync def bench_catch(slug: str):\n    return []\n\n\n@router.get("/bench-shadowed")\nasync def bench_shadowed():\n    return []\n';
    const opened = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri, 30_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: base } });
    let count = (await opened).params?.diagnostics?.length ?? 0;
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const toShadowed = i % 2 === 0;
      // The edit adds (or removes) shadowed routes: the publication that reflects it has another count.
      const previous = count;
      const got = client
        .waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && (m.params.diagnostics?.length ?? 0) !== previous, 10_000)
        .then((m) => (count = m.params?.diagnostics?.length ?? 0));
      const start = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: toShadowed ? shadowed : base }] });
      await got;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    figures.edits = times.length;
    figures.editP50 = times[Math.floor(times.length * 0.5)];
    figures.editP95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  } catch (e) {
    figures.note = `failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    client.kill();
  }
  return figures;
}
