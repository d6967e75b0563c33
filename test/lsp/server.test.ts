// Protocol tests: the bundled server (dist/server.js) as a child process, driven over JSON-RPC
// like an editor: initialize, diagnostics, edits (incl. a cross-file effect), watched files,
// hover, code actions, workspace symbols, completion, the custom requests, shutdown.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, Hover, MarkupContent, SymbolInformation } from 'vscode-languageserver/node';
import type { MatchResponse, RouteTableResponse } from '../../shared/ide/protocol';
import { buildBundles, copyFixture, TestClient, uri } from './lspClient';

const FIXTURE = path.resolve(__dirname, 'fixture');

const shadowed = (diags: Diagnostic[], line: number) => diags.some((d) => d.code === 'RL003' && d.range.start.line === line);

describe('language server over stdio', () => {
  let client: TestClient;
  let fixture: ReturnType<typeof copyFixture>;
  let items: string;
  let settings: string;
  let main: string;

  beforeAll(async () => {
    buildBundles();
    fixture = copyFixture(FIXTURE);
    items = path.join(fixture.root, 'app/routers/items.py');
    settings = path.join(fixture.root, 'app/settings.py');
    main = path.join(fixture.root, 'app/main.py');
    client = TestClient.stdio();
  });

  afterAll(() => {
    client?.child.kill();
    fixture?.dispose();
  });

  it('initializes with the features an editor needs', async () => {
    const { capabilities } = await client.initialize(fixture.root);
    expect(capabilities).toMatchObject({
      textDocumentSync: { openClose: true, change: 2 },
      hoverProvider: true,
      workspaceSymbolProvider: true,
      completionProvider: { triggerCharacters: [':'] },
    });
  });

  it('publishes the shadowed-route diagnostic after indexing, with a rule link and related info', async () => {
    const diags = await client.diagnosticsFor(items, (d) => shadowed(d, 25));
    const d = diags.find((x) => x.range.start.line === 25)!;
    expect(d.message).toContain('/items/latest');
    expect(d.severity).toBe(2);
    expect(d.codeDescription?.href).toMatch(/\/RL003-shadowed-route\.md$/);
    expect(d.relatedInformation?.[0]?.location.uri).toBe(uri(items));
    expect(d.relatedInformation?.[0]?.location.range.start.line).toBe(20);
    expect(d.range.start.character).toBe(12); // the path string "/latest"
    expect(shadowed(diags, 5)).toBe(false); // /items/special is reachable
    // Indexing was reported as work-done progress.
    expect(client.serverRequests).toContain('window/workDoneProgress/create');
    await client.until(() => client.progress.includes('end'), 'the end of the indexing progress');
    expect(client.progress).toEqual(['begin', 'end']);
    expect(client.notifications.some((n) => n.method === 'routeLens/status' && (n.params as { state: string }).state === 'ready')).toBe(true);
  });

  it('an edit in one file changes the diagnostics of another (prefix → shadowed route)', async () => {
    const text = readFileSync(settings, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(settings), languageId: 'python', version: 1, text } });
    // Incremental change: replace "items" in ITEMS_PREFIX = "/items" with "goods".
    const col = text.indexOf('items');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(settings), version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: col }, end: { line: 0, character: col + 5 } }, text: 'goods' }],
    });
    // /goods/special is now taken by main.py's earlier GET /goods/{anything}.
    const diags = await client.diagnosticsFor(items, (d) => shadowed(d, 5));
    const d = diags.find((x) => x.range.start.line === 5)!;
    expect(d.message).toContain('/goods/special');
    expect(d.relatedInformation?.[0]?.location.uri).toBe(uri(main));
    expect(shadowed(diags, 25)).toBe(true);
  });

  it('an edit in the file itself updates its diagnostics', async () => {
    const text = readFileSync(items, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(items), languageId: 'python', version: 1, text } });
    const col = '@router.get("'.length;
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(items), version: 2 },
      contentChanges: [{ range: { start: { line: 25, character: col }, end: { line: 25, character: col } }, text: '/{name}/more' }],
    });
    const diags = await client.diagnosticsFor(items, (d) => !shadowed(d, 25));
    expect(shadowed(diags, 5)).toBe(true);
  });

  it('hover on a path string shows the route card', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(items) }, position: { line: 5, character: 16 } });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('**GET** `/goods/special`');
    expect(value).toContain('app `app.main:app`');
    expect(value).toContain('Summary: **Special Item**');
    expect(value).toContain('`special_item_goods_special_get`');
    expect(value).toContain('Tags: `items`');
    expect(value).toContain('The special item.');
    expect(value).toMatch(/never reached.*GET \/goods\/\{anything\}/);
    expect(hover!.range).toEqual({ start: { line: 5, character: 12 }, end: { line: 5, character: 22 } });
  });

  it('hover on a decorator shows explicit OpenAPI fields, params and flags', async () => {
    const line = readFileSync(main, 'utf8').split('\n').findIndex((l) => l.startsWith('@app.post'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(main) }, position: { line, character: 3 } });
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('**POST** `/orders/{order_id}`');
    expect(value).toContain('Summary: **Create an order**');
    expect(value).toContain('operationId: `make_order`');
    expect(value).toContain('`order_id` (`str` `[^/]+`)');
    expect(value).toContain('*deprecated*');
    const nothing = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(main) }, position: { line: 0, character: 0 } });
    expect(nothing).toBeNull();
  });

  it('code actions offer "ignore this rule on this line"', async () => {
    const diags = client.diagnostics.get(uri(items))!;
    const d = diags.find((x) => x.range.start.line === 5)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(items) }, range: d.range, context: { diagnostics: [d] } });
    const ignore = actions.find((a) => a.title.startsWith('Ignore RL003'))!;
    expect(ignore.kind).toBe('quickfix');
    expect(ignore.edit!.changes![uri(items)]).toEqual([{ range: { start: { line: 5, character: 23 }, end: { line: 5, character: 23 } }, newText: '  # route-lens: ignore[RL003]' }]);
    const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(items) }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
    expect(none).toEqual([]);
  });

  it('workspace symbols find routes by method + path and by handler', async () => {
    const byPath = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'GET /goods/special' });
    expect(byPath.map((s) => s.name)).toEqual(['GET /goods/special']);
    expect(byPath[0]!.location).toMatchObject({ uri: uri(items), range: { start: { line: 6, character: 4 } } });
    const byHandler = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'create_order' });
    expect(byHandler.map((s) => s.name)).toEqual(['POST /orders/{order_id}']);
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    expect(all.length).toBe(6); // user routes only, not the FastAPI docs routes
  });

  it('completes convertor names after {name: in a path string', async () => {
    const text = readFileSync(main, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(main), languageId: 'python', version: 1, text } });
    const lines = text.split('\n').length;
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uri(main), version: 2 },
      contentChanges: [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: '@app.get("/things/{thing_id:i' }],
    });
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri(main) }, position: { line: lines - 1, character: '@app.get("/things/{thing_id:i'.length } });
    expect(items.map((i) => i.label).sort()).toEqual(['float', 'int', 'path', 'str', 'uuid']);
    const int = items.find((i) => i.label === 'int')!;
    expect(int.detail).toBe('[0-9]+');
    expect(int.textEdit).toEqual({ range: { start: { line: lines - 1, character: 28 }, end: { line: lines - 1, character: 29 } }, newText: 'int' });
    const outside = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri(main) }, position: { line: 0, character: 4 } });
    expect(outside).toEqual([]);
  });

  it('quick fixes of the rules, and the ignore comment silences the diagnostic once applied', async () => {
    const text = readFileSync(main, 'utf8') + '\n\n@app.get("/parts/{part_id:integer}")\ndef read_part(part_id: int):\n    return {}\n';
    const line = text.split('\n').findIndex((l) => l.includes('integer'));
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(main), version: 10 }, contentChanges: [{ text }] });
    const diags = await client.diagnosticsFor(main, (d) => d.some((x) => x.code === 'RL002'));
    const d = diags.find((x) => x.code === 'RL002')!;
    expect(d.range.start.line).toBe(line);
    expect(d.codeDescription?.href).toMatch(/\/RL002-unknown-convertor\.md$/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(main) }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.title === "Replace 'integer' with 'int'")!;
    expect(fix.isPreferred).toBe(true);
    expect(fix.edit!.changes![uri(main)]![0]!.newText).toBe('int');
    const ignore = actions.find((a) => a.title.startsWith('Ignore RL002'))!;
    const edit = ignore.edit!.changes![uri(main)]![0]!;
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(main), version: 11 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
    await client.diagnosticsFor(main, (list) => !list.some((x) => x.code === 'RL002'));
  });

  it('answers the custom match request as the framework would', async () => {
    const match = (method: string, url: string) => client.request<MatchResponse>('routeLens/match', { method, url });
    const ok = await match('GET', '/goods/7');
    expect(ok.ok && ok.answer).toMatchObject({ kind: 'route', status: 200, appId: 'app.main:app', route: { fullPath: '/goods/{anything}', handler: 'any_goods' }, params: { anything: { value: '7', type: 'str' } } });
    const notAllowed = await match('GET', 'http://localhost:8000/orders/5');
    expect(notAllowed.ok && notAllowed.answer).toMatchObject({ kind: 'method-not-allowed', status: 405, allow: ['POST'] });
    const redirect = await match('GET', 'http://localhost:8000/goods/7/');
    expect(redirect.ok && redirect.answer).toMatchObject({ kind: 'redirect', status: 307, location: 'http://localhost:8000/goods/7' });
    const missing = await match('GET', '/nothing/here');
    expect(missing.ok && missing.answer).toMatchObject({ kind: 'not-found', status: 404 });
    const bad = await match('G E T', '/');
    expect(bad).toEqual({ ok: false, error: 'not an HTTP method: G E T' });
  });

  it('answers the route table request', async () => {
    const tables = await client.request<RouteTableResponse>('routeLens/routeTable', {});
    expect(tables).toHaveLength(1);
    const app = tables[0]!.apps.find((a) => a.id === 'app.main:app')!;
    expect(app.served).toBe(true);
    const special = app.routes.find((r) => r.fullPath === '/goods/special')!;
    expect(special.shadowed).toContain('GET /goods/{anything}');
    expect(app.routes.map((r) => r.label)).toContain('POST /orders/{order_id}');
  });

  it('closing a document falls back to the file on disk; watched-file events re-read it', async () => {
    await client.notify('textDocument/didClose', { textDocument: { uri: uri(settings) } });
    await client.diagnosticsFor(items, (d) => !shadowed(d, 5)); // "/items" again: nothing takes /items/special
    writeFileSync(settings, 'ITEMS_PREFIX = "/goods"\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(settings), type: 2 }] });
    await client.diagnosticsFor(items, (d) => shadowed(d, 5));
  });

  it('survives bad input: a broken file, unknown documents, bad params', async () => {
    const broken = path.join(fixture.root, 'app/broken.py');
    writeFileSync(broken, 'from fastapi import APIRouter\nrouter = APIRouter(\n@router.get("/x"\ndef (:\n\u0000\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(broken), type: 1 }] });
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(broken), languageId: 'python', version: 1, text: '@router.get("/{a}/{a}")\ndef f(:' } });
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } });
    expect(hover).toBeNull();
    const outside = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('/nonexistent/file.py') }, position: { line: 3, character: 0 } });
    expect(outside).toBeNull();
    const match = await client.request<MatchResponse>('routeLens/match', null);
    expect(match.ok).toBe(false);
    // Still working.
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'create_order' });
    expect(symbols).toHaveLength(1);
  });

  it('shuts down and exits cleanly', async () => {
    expect(await client.stop()).toBe(0);
  });
});

describe('language server over node IPC', () => {
  it('initializes, publishes diagnostics and exits', async () => {
    buildBundles();
    const fixture = copyFixture(FIXTURE);
    const client = TestClient.ipc();
    try {
      await client.initialize(fixture.root);
      await client.diagnosticsFor(path.join(fixture.root, 'app/routers/items.py'), (d) => shadowed(d, 25));
      expect(await client.stop()).toBe(0);
    } finally {
      client.child.kill();
      fixture.dispose();
    }
  });
});
