// The dev router inside the language server: started and stopped with the custom requests,
// answering real HTTP requests from the live index (an unsaved edit is the next request's table),
// and gone after shutdown.
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartDevRouterResponse, StopDevRouterResponse } from '../../shared/ide/protocol';
import { buildBundles, copyFixture, TestClient, uri } from './lspClient';

const FIXTURE = path.resolve(__dirname, 'fixture');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { outcome: string; generation: number; route?: { name: string; handler: { name: string; location?: { file: string; line: number } } | null } };
}

function get(port: number, target: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: target, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['body'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('dev router in the language server', () => {
  let client: TestClient;
  let fixture: ReturnType<typeof copyFixture>;
  let items: string;
  let port = 0;

  beforeAll(async () => {
    buildBundles();
    fixture = copyFixture(FIXTURE);
    items = path.join(fixture.root, 'app/routers/items.py');
    client = TestClient.stdio();
    // A debounce no test waits out: only the dev router's own catch-up can show an edit.
    await client.initialize(fixture.root, { debounceMs: 10_000 });
    await client.until(() => client.notifications.some((n) => n.method === 'routeLens/status' && (n.params as { state: string }).state === 'ready'), 'the first analysis');
  });

  afterAll(() => {
    client?.child.kill();
    fixture?.dispose();
  });

  it('refuses bad parameters and unknown apps, naming the apps', async () => {
    const bad = await client.request<StartDevRouterResponse>('routeLens/startDevRouter', { port: 70000 });
    expect(bad).toMatchObject({ ok: false, reason: 'bad-params' });
    const unknown = await client.request<StartDevRouterResponse>('routeLens/startDevRouter', { port: 0, app: 'nope:app' });
    expect(unknown).toMatchObject({ ok: false, reason: 'not-found', apps: ['app.main:app'] });
    expect(!unknown.ok && unknown.error).toContain('app.main:app');
    expect(await client.request<StopDevRouterResponse>('routeLens/stopDevRouter', {})).toEqual({ stopped: false });
  });

  it('starts on port 0 and routes a real request to the fixture handler', async () => {
    const started = await client.request<StartDevRouterResponse>('routeLens/startDevRouter', { port: 0 });
    if (!started.ok) throw new Error(started.error);
    expect(started.app).toBe('app.main:app');
    expect(started.folder).toBe(fixture.root);
    port = started.port;
    expect(port).toBeGreaterThan(0);
    expect(started.url).toBe(`http://127.0.0.1:${port}`);

    const r = await get(port, '/items/42');
    expect(r.status).toBe(200);
    expect(r.headers['x-route-lens-route']).toContain('read_item');
    expect(r.body.route?.handler?.name).toBe('read_item');
    expect(r.body.route?.handler?.location).toEqual({ file: 'app/routers/items.py', line: 13 });
    // Declared after /{name}: shadowed, so /items/latest reaches item_by_name.
    const latest = await get(port, '/items/latest');
    expect(latest.body.route?.handler?.name).toBe('item_by_name');
    expect((await get(port, '/nowhere')).status).toBe(404);
  });

  it('an unsaved edit (didChange) is the table of the next request', async () => {
    const before = await get(port, '/items/latest');
    const text = readFileSync(items, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(items), languageId: 'python', version: 1, text } });
    // Rename the catch-all /{name} to /by-name/{name}: /items/latest now reaches latest_item.
    const line = text.split('\n').findIndex((l) => l.includes('"/{name}"'));
    const col = text.split('\n')[line]!.indexOf('/{name}');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(items), version: 2 },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '/by-name/' }],
    });
    // A round trip that does not itself bring the analysis up to date (an unknown method): the
    // server has taken the edit in, and its re-analysis is still pending, when the HTTP request comes.
    await expect(client.request('routeLens/noSuchRequest', {})).rejects.toThrow();
    const after = await get(port, '/items/latest');
    expect(after.status).toBe(200);
    expect(after.headers['x-route-lens-route']).toContain('latest_item');
    expect(after.body.route?.handler?.name).toBe('latest_item');
    expect(Number(after.headers['x-route-lens-generation'])).toBeGreaterThan(Number(before.headers['x-route-lens-generation']));
    const byName = await get(port, '/items/by-name/x');
    expect(byName.body.route?.handler?.name).toBe('item_by_name');
    // The handler lines come from the edited text (the rename kept the line count).
    expect(byName.body.route?.handler?.location).toEqual({ file: 'app/routers/items.py', line: line + 2 });
  });

  it('stops: the port is closed', async () => {
    expect(await listening(port)).toBe(true);
    expect(await client.request<StopDevRouterResponse>('routeLens/stopDevRouter', {})).toEqual({ stopped: true });
    expect(await listening(port)).toBe(false);
  });

  it('shutdown stops a running dev router', async () => {
    const started = await client.request<StartDevRouterResponse>('routeLens/startDevRouter', { port: 0 });
    if (!started.ok) throw new Error(started.error);
    expect((await get(started.port, '/items/special')).body.route?.handler?.name).toBe('special_item');
    await client.request('shutdown', undefined);
    expect(await listening(started.port)).toBe(false);
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    await client.notify('exit', undefined);
    expect(await exited).toBe(0);
  });
});
