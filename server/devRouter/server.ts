// The dev router's HTTP server (node:http). Each request reads the model provider once and is
// answered from that snapshot only; the table can be swapped underneath at any time.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { matchRequest } from '../../shared/routing/matcher';
import type { MatchRequest } from '../../shared/routing/types';
import { openapiPaths } from '../../shared/openapi/paths';
import { describeOutcome, type DevResponse } from './describeOutcome';
import { hostAllowed } from './hostCheck';
import { renderPage } from './page';
import { parseRequestTarget, queryPairs } from './requestTarget';
import { routeListing } from './routeList';
import { viewOf, type SnapshotView } from './snapshotView';
import {
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  RESERVED_PREFIX,
  type DevRouterHandle,
  type DevRouterLimits,
  type DevRouterOptions,
} from './types';

/** `generation`: of the snapshot that answered (sent as X-Route-Lens-Generation). */
type Reply = DevResponse & { html?: string; generation?: number };

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

function errorReply(status: number, detail: string): Reply {
  return { status, headers: { 'x-route-lens-outcome': 'refused' }, body: { outcome: 'refused', status, detail } };
}

export async function startDevRouter(opts: DevRouterOptions): Promise<DevRouterHandle> {
  const limits: DevRouterLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const host = opts.host ?? DEFAULT_HOST;
  const allowedHosts = [...(opts.allowedHosts ?? [])];
  if (host !== '0.0.0.0' && host !== '::') allowedHosts.push(host);
  let publicUrl = '';

  const route = (method: string, target: string, hostHeader: string | undefined, type: 'http' | 'websocket', server: { host: string; port: number }): Reply => {
    if (!hostAllowed(hostHeader, allowedHosts)) {
      return errorReply(403, `Host ${JSON.stringify(hostHeader)} is not a loopback name: refused (DNS rebinding protection)`);
    }
    const parsed = parseRequestTarget(target);
    if (!parsed.ok) return errorReply(400, parsed.reason);
    const snapshot = opts.model(); // read ONCE: everything below uses this one table
    const view = snapshot ? viewOf(snapshot, opts.app) : undefined;
    let reply: Reply;
    if (parsed.rawPath === RESERVED_PREFIX || parsed.rawPath.startsWith(RESERVED_PREFIX + '/')) {
      reply = ownPage(view, parsed.rawPath, parsed.query, server);
    } else if (!view) {
      reply = { status: 503, headers: { 'retry-after': '1', 'x-route-lens-outcome': 'not-ready' }, body: { outcome: 'not-ready', detail: 'the workspace is still being analysed' } };
    } else {
      reply = routeIn(view, { type, method, rawPath: parsed.rawPath, query: parsed.query, host: hostHeader, scheme: type === 'websocket' ? 'ws' : 'http', server });
    }
    if (view) reply.generation = view.generation;
    return reply;
  };

  const routeIn = (view: SnapshotView, req: Omit<MatchRequest, 'rootPath'>): Reply => {
    if (!view.choice.ok) {
      return { status: 503, headers: { 'x-route-lens-outcome': 'no-app' }, body: { outcome: 'no-app', detail: view.choice.message, apps: view.choice.apps, generation: view.generation } };
    }
    const app = view.choice.app;
    const full: MatchRequest = { ...req, rootPath: app.settings.rootPath };
    return describeOutcome(view, full, matchRequest(app.tree, full), queryPairs(req.query ?? ''));
  };

  const ownPage = (view: SnapshotView | undefined, rawPath: string, query: string, server: { host: string; port: number }): Reply => {
    const sub = rawPath.slice(RESERVED_PREFIX.length);
    if (sub === '') return { status: 307, headers: { location: RESERVED_PREFIX + '/' }, body: { location: RESERVED_PREFIX + '/' } };
    if (!view) return { status: 503, headers: { 'retry-after': '1' }, body: { outcome: 'not-ready', detail: 'the workspace is still being analysed' } };
    switch (sub) {
      case '/':
        return { status: 200, headers: {}, body: null, html: renderPage(routeListing(view), publicUrl) };
      case '/routes.json':
        return { status: 200, headers: {}, body: routeListing(view) };
      case '/openapi.json': {
        if (!view.choice.ok || !view.project) return { status: 503, headers: {}, body: { detail: view.choice.ok ? 'no project' : view.choice.message } };
        const app = view.choice.app;
        return {
          status: 200,
          headers: {},
          body: { openapi: '3.0.2', info: { title: app.id, version: '', 'x-route-lens': 'paths derived statically from the source' }, paths: openapiPaths(app, view.project) },
        };
      }
      case '/match': {
        const q = new URLSearchParams(query);
        const method = (q.get('method') ?? 'GET').toUpperCase();
        const url = q.get('url') ?? '/';
        const target = parseRequestTarget(url.startsWith('/') ? url : '/' + url);
        if (!target.ok) return errorReply(400, target.reason);
        const ws = method === 'WEBSOCKET';
        const r = routeIn(view, { type: ws ? 'websocket' : 'http', method: ws ? 'GET' : method, rawPath: target.rawPath, query: target.query, scheme: ws ? 'ws' : 'http', server });
        return { status: 200, headers: {}, body: { status: r.status, headers: r.headers, body: r.body } };
      }
      default:
        return { status: 404, headers: {}, body: { detail: `no Route Lens page ${rawPath}; see ${RESERVED_PREFIX}/` } };
    }
  };

  const server = http.createServer({ maxHeaderSize: limits.maxHeaderBytes, requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    const serverAddr = { host: req.socket.localAddress ?? host, port: req.socket.localPort ?? 0 };
    let reply: Reply;
    try {
      reply = route(req.method ?? 'GET', req.url ?? '/', req.headers.host, 'http', serverAddr);
    } catch (e) {
      reply = { status: 500, headers: { 'x-route-lens-outcome': 'internal-error' }, body: { outcome: 'internal-error', detail: e instanceof Error ? e.message : String(e) } };
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxBodyBytes) {
      send(res, errorReply(413, `request body over ${limits.maxBodyBytes} bytes`), true);
      return;
    }
    // The body is never used, but it is read (and counted) so the connection stays usable.
    let received = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBodyBytes && !refused) {
        refused = true;
        send(res, errorReply(413, `request body over ${limits.maxBodyBytes} bytes`), true);
      }
    });
    req.on('end', () => {
      if (!refused) send(res, reply, false);
    });
    req.on('error', () => res.destroy());
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const serverAddr = { host: req.socket.localAddress ?? host, port: req.socket.localPort ?? 0 };
    let reply: Reply;
    try {
      reply = route(isWebSocket ? 'GET' : (req.method ?? 'GET'), req.url ?? '/', req.headers.host, isWebSocket ? 'websocket' : 'http', serverAddr);
    } catch (e) {
      reply = errorReply(500, e instanceof Error ? e.message : String(e));
    }
    // Never 101: the handshake is answered with a plain HTTP response describing the match.
    writeRaw(socket, reply);
  });

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    writeRaw(socket, errorReply(status, `malformed request: ${err.code ?? err.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const info = server.address() as AddressInfo;
  const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  publicUrl = `http://${urlHost}:${info.port}`;
  return {
    address: { host: info.address, port: info.port, url: publicUrl },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function send(res: http.ServerResponse, reply: Reply, close: boolean): void {
    if (res.headersSent) return;
    const { body, type } = serialise(reply);
    const headers: Record<string, string | number> = { ...reply.headers, 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' };
    if (reply.generation !== undefined) headers['x-route-lens-generation'] = String(reply.generation);
    if (close) headers['connection'] = 'close';
    res.writeHead(reply.status, headers);
    res.end(body);
    if (close) res.on('finish', () => res.socket?.destroy());
  }
}

function serialise(reply: Reply): { body: Buffer; type: string } {
  if (reply.html !== undefined) return { body: Buffer.from(reply.html, 'utf8'), type: 'text/html; charset=utf-8' };
  return { body: Buffer.from(JSON.stringify(reply.body, null, 2) + '\n', 'utf8'), type: 'application/json' };
}

function writeRaw(socket: Duplex, reply: Reply): void {
  const { body, type } = serialise(reply);
  const lines = [`HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? http.STATUS_CODES[reply.status] ?? ''}`];
  const headers: Record<string, string | number> = { ...reply.headers, 'content-type': type, 'content-length': body.length, connection: 'close' };
  if (reply.generation !== undefined) headers['x-route-lens-generation'] = String(reply.generation);
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]));
}
