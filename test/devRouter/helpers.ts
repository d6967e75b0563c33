// Shared by the dev router tests: start a router on an ephemeral port, send real requests.
import http from 'node:http';
import net from 'node:net';
import { LiveWorkspace } from '../../server/devRouter/liveWorkspace';
import { startDevRouter } from '../../server/devRouter/server';
import type { DevRouterHandle, DevRouterOptions } from '../../server/devRouter/types';
import type { RouterTree, TableNode } from '../../shared/routing/types';

export interface Running {
  live: LiveWorkspace;
  router: DevRouterHandle;
  port: number;
  stop(): Promise<void>;
}

export async function serveWorkspace(root: string, opts: Partial<DevRouterOptions> & { debounceMs?: number } = {}): Promise<Running> {
  const live = await LiveWorkspace.open(root, { debounceMs: opts.debounceMs });
  const router = await startDevRouter({ model: () => live.snapshot, port: 0, host: '127.0.0.1', ...opts });
  return {
    live,
    router,
    port: router.address.port,
    stop: async () => {
      await router.close();
      live.close();
    },
  };
}

/** The JSON body the dev router answers a routed request with (see describeOutcome.ts). */
export interface DevBody {
  outcome: string;
  status: number | null;
  generation: number;
  app: string | null;
  route?: { name: string; path: string; fullPath?: string; position?: string; methods: string[] | null; handler: { name: string; location?: { file: string; line: number } } | null };
  mount?: { name: string | null; position?: string };
  pathParams?: Record<string, { value: string; raw: string; type: string; convertor: string }>;
  allow?: string[];
  location?: string;
  detail?: string;
  request?: { query: [string, string][] };
  uncertain: string[];
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: DevBody | null;
}

/** One request on its own connection; the path is sent exactly as given. */
export function request(port: number, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Reply['json'] = null;
        if ((res.headers['content-type'] ?? '').startsWith('application/json') && text) json = JSON.parse(text) as DevBody;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Writes raw bytes on a TCP connection and returns everything the server sends until it closes. */
export function rawExchange(port: number, data: string | Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e) => (chunks.length ? undefined : reject(e)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(data, () => socket.end());
  });
}

/** Status code of a raw HTTP response text. */
export function rawStatus(text: string): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** A websocket handshake request as a browser sends it; the router answers it with plain HTTP. */
export function websocketHandshake(target: string, port: number): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  );
}

/** Body JSON of a raw response text. */
export function rawJson(text: string): DevBody {
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body) as DevBody;
}

/** Index path of a node in the tree ("19/3"), found by identity. */
export function positionIn(tree: RouterTree, node: TableNode): string | undefined {
  const walk = (t: RouterTree, prefix: string, seen: Set<RouterTree>): string | undefined => {
    if (seen.has(t)) return undefined;
    seen.add(t);
    for (let i = 0; i < t.routes.length; i++) {
      const n = t.routes[i]!;
      if (n === node) return prefix + i;
      if ((n.kind === 'mount' || n.kind === 'host') && n.target.kind === 'router') {
        const found = walk(n.target, `${prefix}${i}/`, seen);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(tree, '', new Set());
}

