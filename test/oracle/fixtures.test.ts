// Every fixture and example app imports under the oracle and yields routes. The engine's
// comparison against these dumps lives with the engine's tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/workspace/config';
import { dumpApps, flattenRoutes, importError, type AppDump, type DumpRequest } from './dumpApp';
import { requireOracle } from './oracle';

const REPO = path.resolve(__dirname, '../..');

function appDirs(parent: string): DumpRequest[] {
  return readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(parent, d.name, 'pyproject.toml')))
    .map((d) => {
      const dir = path.join(parent, d.name);
      const file = path.join(dir, 'pyproject.toml');
      const { config } = parseConfig(readFileSync(file, 'utf8'), file);
      if (!config.app) throw new Error(`${file} names no [tool.route-lens] app`);
      return { dir, app: `${config.app.module}:${config.app.variable}` };
    });
}

describe('app fixtures under the oracle', () => {
  const requests = [...appDirs(path.join(REPO, 'test/fixtures')), ...appDirs(path.join(REPO, 'examples'))];
  let dumps: Map<string, AppDump> | undefined;
  const dumpOf = (name: string): AppDump => {
    if (!dumps) {
      requireOracle();
      const all = dumpApps(requests);
      dumps = new Map(requests.map((r, i) => [path.basename(r.dir), all[i]!]));
    }
    return dumps.get(name)!;
  };
  const paths = (name: string) => flattenRoutes(dumpOf(name).routes).map((r) => `${(r.methods ?? ['*']).join(',')} ${r.full_path}`);

  it('finds the fixtures and both examples', () => {
    expect(requests.length).toBeGreaterThanOrEqual(20);
  });

  for (const r of requests) {
    it(`${path.relative(REPO, r.dir)} (${r.app}) imports and has routes`, () => {
      const dump = dumpOf(path.basename(r.dir));
      expect(flattenRoutes(dump.routes).length).toBeGreaterThan(0);
      for (const route of flattenRoutes(dump.routes)) {
        if (route.endpoint?.file) expect(route.endpoint.line).toBeGreaterThan(0);
      }
    });
  }

  it('dumps in match order with full paths', () => {
    expect(paths('nested_includes').slice(4)).toEqual([
      'GET /api/v1/users/{user_id}',
      'GET /api/v1/users/{user_id}/profile',
      'PUT /api/v1/users/{user_id}/profile/avatar',
      'GET /api/v1/users/settings/',
      'GET /api/v1/status',
    ]);
    expect(paths('starlette_blog')).toContain('GET,HEAD /posts/{slug:slug}');
    expect(paths('fastapi_shop')).not.toContain('GET /readyz');
  });

  it('keeps fixtures apart (no module or convertor leaks between them)', () => {
    expect(paths('lookalike_router').slice(4)).toEqual(['GET /real/thing']);
    expect(dumpOf('redirect_slashes').routes.find((n) => n.kind === 'mount')).toMatchObject({ redirect_slashes: false });
  });

  it('reports what Python reports for decorated functions', () => {
    const stacked = flattenRoutes(dumpOf('decorators').routes).filter((r) => r.name === 'stacked');
    expect(stacked.map((r) => r.methods)).toEqual([['POST'], ['GET'], ['GET']]);
    expect(stacked[0]!.endpoint).toMatchObject({ file: 'main.py' });
    expect(stacked[0]!.endpoint!.def_line! - stacked[0]!.endpoint!.line!).toBe(3);
  });

  it('captures OpenAPI fields and duplicate operation id warnings', () => {
    const openapi = dumpOf('fastapi_shop').openapi!;
    expect(openapi.warnings.some((w) => w.startsWith('Duplicate Operation ID get_user for function read_user_by_email'))).toBe(true);
    const readItem = openapi.operations.find((o) => o.operationId === 'read_item_api_v1_items__item_name__get');
    expect(readItem?.description).toBe('Read one item.\nInternal: looks the item up in the legacy index, do not document.');
    expect(dumpOf('starlette_blog').openapi).toBeNull();
  });

  it('reports import-time errors of the drafts module', () => {
    requireOracle();
    expect(importError(path.join(REPO, 'examples/fastapi_shop'), 'shop.drafts')).toEqual({
      raised: true,
      type: 'AssertionError',
      message: "Unknown path convertor 'slug'",
      file: 'shop/drafts.py',
      line: 13,
    });
    expect(importError(path.join(REPO, 'examples/fastapi_shop'), 'shop.main')).toEqual({ raised: false });
  });
});
