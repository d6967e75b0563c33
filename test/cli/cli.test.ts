// The bundled CLI (dist/cli.js, built by `npm test` before vitest runs) on the examples.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SHOP = path.join(ROOT, 'examples/fastapi_shop');

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});

describe('route-lens CLI', () => {
  it('routes: prints each served app of examples/ in match order', () => {
    const r = cli('routes', 'examples');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('FastAPI app fastapi_shop/shop.main:app');
    expect(r.stdout).toContain('Starlette app starlette_blog/blog.app:app');
    const shop = r.stdout.indexOf('/api/v1/items/{item_name}');
    expect(shop).toBeGreaterThan(0);
    expect(r.stdout.indexOf('/api/v1/items/featured')).toBeGreaterThan(shop);
  });

  it('routes --json: machine-readable rows with handlers', () => {
    const r = cli('routes', SHOP, '--json');
    const json = JSON.parse(r.stdout) as { apps: { id: string; routes: { path: string; methods: string[] | null; handler?: { location: string } }[] }[] };
    expect(json.apps.map((a) => a.id)).toEqual(['shop.main:app']);
    const featured = json.apps[0]!.routes.find((x) => x.path === '/api/v1/items/featured')!;
    expect(featured.methods).toEqual(['GET']);
    expect(featured.handler!.location).toMatch(/^shop\/routers\/items\.py:\d+:\d+$/);
  });

  it('match: the route Starlette picks, with converted params and the trace', () => {
    const r = cli('match', SHOP, 'GET', '/api/v1/items/featured', '--json');
    const json = JSON.parse(r.stdout) as { status: number; route: { name: string }; params: Record<string, { value: string }>; trace: unknown[] };
    expect(json.status).toBe(200);
    expect(json.route.name).toBe('read_item'); // the shadowing planted in the example
    expect(json.params['item_name']!.value).toBe('featured');
    expect(json.trace.length).toBeGreaterThan(4);
  });

  it('match: 405 with Allow, 307 with Location, 404', () => {
    expect(JSON.parse(cli('match', SHOP, 'DELETE', '/healthz', '--json').stdout)).toMatchObject({ status: 405, allow: ['GET'] });
    expect(JSON.parse(cli('match', SHOP, 'GET', '/healthz/', '--json').stdout)).toMatchObject({ status: 307, location: 'http://localhost/healthz' });
    expect(JSON.parse(cli('match', SHOP, 'GET', '/nope', '--json').stdout)).toMatchObject({ status: 404 });
  });

  it('match: several served apps need --app, and the error names them', () => {
    const r = cli('match', 'examples', 'GET', '/');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('shop.main:app');
    expect(r.stderr).toContain('blog.app:app');
    expect(cli('match', 'examples', 'GET', '/', '--app', 'blog.app:app').status).toBe(0);
  });

  it('openapi: the paths FastAPI will publish', () => {
    const r = cli('openapi', SHOP);
    const paths = (JSON.parse(r.stdout) as { paths: Record<string, Record<string, { summary: string; operationId: string }>> }).paths;
    expect(paths['/api/version']!['get']!.summary).toBe('Version');
    // include_in_schema=False on the health router; docs routes are never in the schema
    expect(Object.keys(paths)).not.toContain('/healthz');
    expect(Object.keys(paths)).not.toContain('/openapi.json');
  });

  it('exit codes: usage errors 2, no app 3', () => {
    expect(cli('routes', '/definitely/not/here').status).toBe(2);
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('routes', SHOP, '--bogus').status).toBe(2);
    expect(cli('routes', mkdtempSync(path.join(os.tmpdir(), 'empty-'))).status).toBe(3);
  });
});
