// Host-header check, malformed and oversized requests (sent raw on a socket), the reserved
// /_route_lens/ pages.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed, hostName } from '../../server/devRouter/hostCheck';
import { parseRequestTarget } from '../../server/devRouter/requestTarget';
import { rawExchange, rawJson, rawStatus, request, serveWorkspace, type Running } from './helpers';

const SHOP = path.resolve(__dirname, '../../examples/fastapi_shop');

describe('host check', () => {
  it.each([
    ['localhost', true],
    ['localhost:8765', true],
    ['LOCALHOST:1', true],
    ['app.localhost', true],
    ['127.0.0.1:8765', true],
    ['127.1.2.3', true],
    ['[::1]:8765', true],
    ['evil.example', false],
    ['evil.example:8765', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['0.0.0.0', false],
    ['[::2]', false],
    ['', false],
  ] as const)('%s -> %s', (header, ok) => {
    expect(hostAllowed(header)).toBe(ok);
  });
  it('accepts names the user allowed, and no Host header at all (HTTP/1.0)', () => {
    expect(hostAllowed('devbox:80', ['devbox'])).toBe(true);
    expect(hostAllowed(undefined)).toBe(true);
    expect(hostName('[::1]:80')).toBe('::1');
  });
});

describe('request targets', () => {
  it('splits path, query and fragment like the ASGI server', () => {
    expect(parseRequestTarget('/a/b?x=1#frag')).toEqual({ ok: true, rawPath: '/a/b', query: 'x=1' });
    expect(parseRequestTarget('http://localhost:1/p?q')).toEqual({ ok: true, rawPath: '/p', query: 'q' });
    expect(parseRequestTarget('http://localhost')).toEqual({ ok: true, rawPath: '/', query: '' });
    expect(parseRequestTarget('*').ok).toBe(false);
  });
});

describe('dev router safety', () => {
  let running: Running;
  beforeAll(async () => {
    running = await serveWorkspace(SHOP, { limits: { maxBodyBytes: 1024, maxHeaderBytes: 4096 } });
  });
  afterAll(async () => running.stop());

  it('refuses a non-loopback Host header (DNS rebinding)', async () => {
    const reply = await request(running.port, 'GET', '/api/v1/users/me', { host: 'evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.json?.outcome).toBe('refused');
    const ok = await request(running.port, 'GET', '/api/v1/users/me', { host: `localhost:${running.port}` });
    expect(ok.status).toBe(200);
  });

  it('refuses a websocket handshake with a foreign Host', async () => {
    const text = await rawExchange(running.port, 'GET /ws/notifications HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    expect(rawStatus(text)).toBe(403);
  });

  it.each([
    ['garbage', 'HELLO\r\n\r\n', 400],
    ['bad request line', 'GET /a b c HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['header without colon', 'GET / HTTP/1.1\r\nHost: localhost\r\nnonsense\r\n\r\n', 400],
    ['unknown method', 'FROB / HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['HTTP/1.1 without Host', 'GET /healthz HTTP/1.1\r\n\r\n', 400],
    ['asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
    ['bad content-length', 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n', 400],
    ['oversized headers', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`, 431],
    ['oversized declared body', 'POST /api/v1/items/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n', 413],
    ['oversized chunked body', `POST /api/v1/items/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n${'x'.repeat(0x800)}\r\n0\r\n\r\n`, 413],
  ])('%s -> %i', async (_label, raw, status) => {
    const text = await rawExchange(running.port, raw);
    expect(rawStatus(text)).toBe(status);
  });

  it('routes HTTP/1.0 without Host, absolute-form targets, and small bodies', async () => {
    const text = await rawExchange(running.port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(rawStatus(text)).toBe(200);
    expect(rawJson(text).route?.name).toBe('healthz');
    const abs = await rawExchange(running.port, `GET http://localhost:${running.port}/api/v1/users/me?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(rawJson(abs).route?.name).toBe('read_current_user');
    const post = await request(running.port, 'POST', '/api/v1/items/', { 'content-type': 'application/json' }, JSON.stringify({ name: 'x', price: 1 }));
    expect(post.status).toBe(200);
    expect(post.json?.route?.name).toBe('create_item');
  });

  it('keeps the connection usable after a body was read', async () => {
    const text = await rawExchange(
      running.port,
      'POST /api/v1/items/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabcGET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(text.match(/^HTTP\/1\.1 200/gm)).toHaveLength(2);
  });

  it('reports query params and converted path params', async () => {
    const reply = await request(running.port, 'GET', '/api/v1/users/007?a=1&a=2&b=x+y&c');
    expect(reply.json?.pathParams).toEqual({ user_id: { value: '007', raw: '007', type: 'str', convertor: 'str' } });
    expect(reply.json?.request?.query).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', 'x y'],
      ['c', ''],
    ]);
    expect(reply.json?.route?.handler?.location).toEqual({ file: 'shop/routers/users.py', line: 20 });
  });

  it('serves the reserved pages', async () => {
    const page = await request(running.port, 'GET', '/_route_lens/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('/api/v1/items/{item_name}');
    expect(page.text).toContain('shadowed');

    const redirect = await request(running.port, 'GET', '/_route_lens');
    expect(redirect.status).toBe(307);

    const routes = await request(running.port, 'GET', '/_route_lens/routes.json');
    const listing = JSON.parse(routes.text) as { app: string; routes: { fullPath: string; name: string | null; shadowed?: unknown[]; opaque?: unknown }[] };
    expect(listing.app).toBe('shop.main:app');
    const featured = listing.routes.find((r) => r.name === 'featured_items')!;
    expect(featured.fullPath).toBe('/api/v1/items/featured');
    expect(featured.shadowed).toHaveLength(1);
    expect(listing.routes.find((r) => r.name === 'static')?.opaque).toBeDefined();
    expect(listing.routes.some((r) => r.fullPath === '/admin/stats')).toBe(true);

    const openapi = await request(running.port, 'GET', '/_route_lens/openapi.json');
    const doc = JSON.parse(openapi.text) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/api/v1/users/{user_id}']?.get?.operationId).toBe('get_user');
    expect(doc.paths['/healthz']).toBeUndefined();

    const match = await request(running.port, 'GET', '/_route_lens/match?method=DELETE&url=/api/v1/users/1/avatar');
    expect((match.json as unknown as { status: number }).status).toBe(405);

    const unknown = await request(running.port, 'GET', '/_route_lens/nothing');
    expect(unknown.status).toBe(404);
  });
});
