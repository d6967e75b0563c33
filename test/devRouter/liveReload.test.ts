// Editing a route file while requests are in flight: every response comes from one table
// (the old one or the new one, as its X-Route-Lens-Generation says), never a mix, and the new
// route answers once the change is seen.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveWorkspace } from '../../server/devRouter/liveWorkspace';
import { startDevRouter } from '../../server/devRouter/server';
import type { DevRouterHandle, DevRouterSnapshot } from '../../server/devRouter/types';
import { parseRequestTarget } from '../../server/devRouter/requestTarget';
import { matchRequest } from '../../shared/routing/matcher';
import type { RouterTree } from '../../shared/routing/types';
import { positionIn, request, type Reply } from './helpers';

const TARGETS = ['/api/v1/items/brand-new', '/api/v1/items/', '/api/v1/items/all', '/api/v1/items/widget', '/api/v1/users/me'];

function tableShape(tree: RouterTree): string {
  return JSON.stringify(tree.routes.map((r) => [r.kind, 'path' in r ? r.path : '', 'name' in r ? r.name : '']));
}

describe('live reload', () => {
  let dir: string;
  let live: LiveWorkspace;
  let router: DevRouterHandle;
  const snapshots = new Map<number, DevRouterSnapshot>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'route-lens-live-'));
    cpSync(path.resolve(__dirname, '../../examples/fastapi_shop'), dir, { recursive: true });
    live = await LiveWorkspace.open(dir, { debounceMs: 30, onReload: (s) => snapshots.set(s.generation!, s) });
    snapshots.set(0, live.snapshot);
    router = await startDevRouter({ model: () => live.snapshot, port: 0 });
  });
  afterAll(async () => {
    await router.close();
    live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request from exactly one table while the file changes', async () => {
    const port = router.address.port;
    const old = live.snapshot;
    const replies: { target: string; reply: Reply }[] = [];
    let stop = false;
    let sawNew = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const target = TARGETS[i % TARGETS.length]!;
        const reply = await request(port, 'GET', target);
        replies.push({ target, reply });
        if (Number(reply.headers['x-route-lens-generation']) > 0) sawNew = true;
      }
    };
    const workers = [0, 1, 2, 3].map(worker);

    await new Promise((r) => setTimeout(r, 150));
    const file = path.join(dir, 'shop/routers/items.py');
    const text = readFileSync(file, 'utf8')
      .replace('@router.get("/")\nasync def list_items', '@router.get("/all")\nasync def list_items')
      .replace('@router.get("/{item_name}")', '@router.get("/brand-new")\nasync def brand_new():\n    return []\n\n\n@router.get("/{item_name}")');
    // Editors save by writing a temporary file and renaming it over the old one.
    writeFileSync(file + '.tmp', text);
    renameSync(file + '.tmp', file);

    const fresh = await live.waitForGeneration(1);
    const deadline = Date.now() + 10_000;
    while (!sawNew && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 150));
    stop = true;
    await Promise.all(workers);

    expect(sawNew).toBe(true);
    const newShape = tableShape(fresh.workspace.served[0]!.tree);
    expect(newShape).not.toBe(tableShape(old.workspace.served[0]!.tree));
    // Every table the watcher produced is the old or the new one (no half-written file seen).
    for (const [gen, s] of snapshots) {
      expect([tableShape(old.workspace.served[0]!.tree), newShape], `generation ${gen}`).toContain(tableShape(s.workspace.served[0]!.tree));
    }

    const generations = new Set<number>();
    for (const { target, reply } of replies) {
      const gen = Number(reply.headers['x-route-lens-generation']);
      generations.add(gen);
      expect(reply.json?.generation).toBe(gen);
      const snapshot = snapshots.get(gen)!;
      const tree = snapshot.workspace.served[0]!.tree;
      const t = parseRequestTarget(target);
      if (!t.ok) throw new Error(t.reason);
      const expected = matchRequest(tree, { type: 'http', method: 'GET', rawPath: t.rawPath, query: t.query });
      expect(reply.json?.outcome, `${target} @${gen}`).toBe(expected.kind);
      if (expected.kind === 'route' || expected.kind === 'method-not-allowed') {
        expect(reply.json?.route?.name, `${target} @${gen}`).toBe(expected.route.name);
        expect(reply.json?.route?.position, `${target} @${gen}`).toBe(positionIn(tree, expected.route));
      }
    }
    expect(generations.has(0)).toBe(true);
    expect([...generations].some((g) => g > 0)).toBe(true);

    // The new route answers now.
    const after = await request(port, 'GET', '/api/v1/items/brand-new');
    expect(after.json?.route?.name).toBe('brand_new');
    const moved = await request(port, 'GET', '/api/v1/items/');
    expect(moved.status).toBe(405);
    const before = replies.find((r) => r.target === '/api/v1/items/brand-new' && r.reply.headers['x-route-lens-generation'] === '0');
    expect(before?.reply.json?.route?.name).toBe('read_item');
  });
});
