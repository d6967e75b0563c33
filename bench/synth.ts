// Seeded synthetic workspaces shaped like real FastAPI apps: packages of routers (3 include
// levels: app → /api router → group router → resource router with its own prefix), model and
// helper modules without routes, a mounted Starlette sub-app built from Route lists, StaticFiles,
// websockets, and paths with literals, convertors (int, float, uuid, a few catch-all `path`).
// The generated code imports and runs under Debian's FastAPI 0.92 / Starlette 0.26.1.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../test/differential/gen/rng';

export interface SynthOptions {
  files: number;
  routes: number;
  seed: number;
  /** Also write app/api/big_routes.py, a routes file of about this many lines (for the LSP edit figure). */
  bigFileLines?: number;
}

export interface SynthWorkspace {
  root: string;
  files: number;
  routes: number;
  bytes: number;
  /** Absolute path of the big routes file, when asked for. */
  bigFile?: string;
}

const NOUNS = ['users', 'orders', 'items', 'invoices', 'carts', 'reviews', 'payments', 'shipments', 'coupons', 'tickets', 'projects', 'tasks', 'teams', 'files', 'reports', 'events', 'alerts', 'tokens', 'accounts', 'plans'];
const VERBS = ['search', 'export', 'summary', 'stats', 'recent', 'archive', 'bulk', 'import', 'preview', 'status'];
const UUID = '{ref:uuid}';

/** One resource router: realistic relative paths with their methods and the endpoint's params. */
function resourceRoutes(r: () => number, count: number): { path: string; methods: string[]; params: string[] }[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const shapes: (() => { path: string; methods: string[]; params: string[] })[] = [
    () => ({ path: '/', methods: ['GET'], params: [] }),
    () => ({ path: '/', methods: ['POST'], params: [] }),
    () => ({ path: '/{item_id:int}', methods: [pick(['GET', 'PUT', 'DELETE', 'PATCH'])], params: ['item_id: int'] }),
    () => ({ path: `/${pick(VERBS)}`, methods: ['GET'], params: [] }),
    () => ({ path: '/{slug}', methods: ['GET'], params: ['slug: str'] }),
    () => ({ path: `/{item_id:int}/${pick(NOUNS)}`, methods: [pick(['GET', 'POST'])], params: ['item_id: int'] }),
    () => ({ path: `/{item_id:int}/${pick(NOUNS)}/{sub_id:int}`, methods: ['GET'], params: ['item_id: int', 'sub_id: int'] }),
    () => ({ path: `/by-ref/${UUID}`, methods: ['GET'], params: ['ref'] }),
    () => ({ path: '/at/{lat:float}/{lon:float}', methods: ['GET'], params: ['lat: float', 'lon: float'] }),
    () => ({ path: `/${pick(VERBS)}/{name}`, methods: [pick(['GET', 'DELETE'])], params: ['name: str'] }),
  ];
  const out: { path: string; methods: string[]; params: string[] }[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count; i++) {
    // A few catch-all routes.
    const shape = r() < 0.02 ? { path: '/files/{file_path:path}', methods: ['GET'], params: ['file_path: str'] } : pick(shapes)();
    const key = `${shape.methods.join(',')} ${shape.path}`;
    if (seen.has(key) && i < count * 20) continue;
    seen.add(key);
    out.push(shape);
  }
  // Careful developers register literal paths before parametrised ones (int before str); a
  // few files keep the random order, so some routes are really shadowed.
  if (r() < 0.05) return out;
  const rank = (p: string) => (!p.startsWith('/{') ? 0 : p.startsWith('/{item_id:int}') ? 1 : 2);
  return out.map((x, i) => [x, i] as const).sort((a, b) => rank(a[0].path) - rank(b[0].path) || a[1] - b[1]).map(([x]) => x);
}

export function generateWorkspace(root: string, opts: SynthOptions): SynthWorkspace {
  const r = mulberry32(opts.seed);
  let bytes = 0;
  let fileCount = 0;
  let routeCount = 0;
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (rel.endsWith('.py')) {
      bytes += Buffer.byteLength(text);
      fileCount++;
    }
  };
  write(
    'pyproject.toml',
    '[project]\nname = "synthetic"\nversion = "0.1.0"\nrequires-python = ">=3.11,<3.12"\ndependencies = ["fastapi==0.92.0", "starlette==0.26.1"]\n\n[tool.route-lens]\napp = "app.main:app"\n',
  );
  writeFileSync(path.join(root, '.python-version'), '3.11\n');

  // Fixed files: app/__init__.py, app/main.py, app/legacy.py, app/api/__init__.py,
  // app/models/__init__.py, app/helpers/__init__.py.
  const fixed = opts.bigFileLines ? 7 : 6;
  const bigRoutes = opts.bigFileLines ? Math.floor(opts.bigFileLines / 6) : 0;
  const legacyRoutes = Math.max(10, Math.round(opts.routes * 0.02));
  const wsRoutes = Math.max(2, Math.round(opts.routes * 0.005));
  const apiRoutes = opts.routes - legacyRoutes - wsRoutes - bigRoutes;
  const routeFiles = Math.max(1, Math.round((opts.files - fixed) / 2));
  const groups = Math.max(1, Math.round(Math.sqrt(routeFiles / 2)));
  const fillerFiles = opts.files - fixed - routeFiles - groups; // each group has an __init__.py
  const perGroup: number[][] = Array.from({ length: groups }, () => []);
  for (let f = 0; f < routeFiles; f++) perGroup[f % groups]!.push(f);

  let routesLeft = apiRoutes;
  let processed = 0;
  const groupImports: string[] = [];
  for (let g = 0; g < groups; g++) {
    const includes: string[] = [];
    for (const f of perGroup[g]!) {
      const n = Math.round(routesLeft / (routeFiles - processed++));
      routesLeft -= n;
      const noun = `${NOUNS[f % NOUNS.length]}${Math.floor(f / NOUNS.length) || ''}`;
      const lines = [
        `"""Routes for ${noun}."""`,
        'from fastapi import APIRouter, WebSocket',
        '',
        `from ...helpers.h${f % Math.max(1, Math.floor(fillerFiles / 2))} import helper`,
        '',
        `router = APIRouter(prefix="/${noun}", tags=["${noun}"])`,
        '',
      ];
      resourceRoutes(r, n).forEach((route, i) => {
        const decorator = route.methods.length === 1 ? `@router.${route.methods[0]!.toLowerCase()}("${route.path}")` : `@router.api_route("${route.path}", methods=${JSON.stringify(route.methods)})`;
        lines.push('', decorator, `async def ${noun}_${i}(${route.params.join(', ')}):`, `    """${route.methods[0]} ${noun} (${i})."""`, '    return helper()', '');
        routeCount++;
      });
      write(`app/api/g${g}/r${f}.py`, lines.join('\n') + '\n');
      includes.push(`from .r${f} import router as r${f}_router`);
      includes.push(`router.include_router(r${f}_router)`);
    }
    write(`app/api/g${g}/__init__.py`, ['from fastapi import APIRouter', '', 'router = APIRouter()', '', ...includes, ''].join('\n'));
    groupImports.push(`from .g${g} import router as g${g}_router`, `api_router.include_router(g${g}_router, prefix="/v${g % 3 + 1}/g${g}")`);
  }
  let bigFile: string | undefined;
  if (bigRoutes) {
    const lines = ['from fastapi import APIRouter', '', 'router = APIRouter(prefix="/big")'];
    resourceRoutes(r, bigRoutes).forEach((route, i) => {
      const decorator = `@router.api_route("${route.path}", methods=${JSON.stringify(route.methods)})`;
      lines.push('', decorator, `async def big_${i}(${route.params.join(', ')}):`, `    """Big ${i}."""`, '    return []', '');
      routeCount++;
    });
    write('app/api/big_routes.py', lines.join('\n') + '\n');
    bigFile = path.join(root, 'app/api/big_routes.py');
    groupImports.push('from .big_routes import router as big_router', 'api_router.include_router(big_router)');
  }
  write('app/api/__init__.py', ['from fastapi import APIRouter', '', 'api_router = APIRouter()', '', ...groupImports, ''].join('\n'));

  // Filler: models and helpers, no routes.
  const helpers = Math.max(1, Math.floor(fillerFiles / 2));
  for (let h = 0; h < helpers; h++) {
    write(`app/helpers/h${h}.py`, `"""Helpers ${h}."""\nimport json\n\n\ndef helper():\n    return json.loads("[]")\n\n\ndef format_${h}(value):\n    return f"{value!r}"\n`);
  }
  for (let m = 0; m < fillerFiles - helpers; m++) {
    write(`app/models/m${m}.py`, `"""Model ${m}."""\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass Model${m}:\n    id: int\n    name: str = ""\n\n    def label(self):\n        return f"{self.id}:{self.name}"\n`);
  }
  write('app/helpers/__init__.py', '');
  write('app/models/__init__.py', '');

  // A Starlette sub-app from Route lists, mounted at /legacy, with websockets.
  const legacy: string[] = [
    'from starlette.applications import Starlette',
    'from starlette.responses import PlainTextResponse',
    'from starlette.routing import Mount, Route, WebSocketRoute',
    '',
    '',
    'async def page(request):',
    '    return PlainTextResponse("page")',
    '',
    '',
    'async def socket(websocket):',
    '    await websocket.accept()',
    '    await websocket.close()',
    '',
    '',
    'pages = [',
  ];
  for (let i = 0; i < legacyRoutes; i++) {
    const p = i % 4 === 0 ? `/p${i}/{name}` : i % 4 === 1 ? `/p${i}` : i % 4 === 2 ? `/p${i}/{n:int}/edit` : `/p${i}/{rest:path}`;
    legacy.push(`    Route("${p}", page${i % 5 === 0 ? ', methods=["GET", "POST"]' : ''}),`);
    routeCount++;
  }
  legacy.push(']', '', 'app = Starlette(routes=[Mount("/pages", routes=pages), WebSocketRoute("/ws", socket)])', '');
  routeCount++;
  write('app/legacy.py', legacy.join('\n'));

  const main = [
    '"""Synthetic app."""',
    'import pathlib',
    '',
    'from fastapi import FastAPI, WebSocket',
    'from fastapi.staticfiles import StaticFiles',
    '',
    'from .api import api_router',
    'from .legacy import app as legacy_app',
    '',
    'app = FastAPI(title="Synthetic")',
    'app.include_router(api_router, prefix="/api")',
    '',
  ];
  for (let i = 0; i < wsRoutes - 1; i++) {
    main.push('', `@app.websocket("/ws/channel{i}/{room}")`.replace('{i}', String(i)), `async def channel_${i}(websocket: WebSocket, room: str):`, '    await websocket.accept()', '');
    routeCount++;
  }
  main.push('', 'app.mount("/legacy", legacy_app, name="legacy")', 'app.mount("/static", StaticFiles(directory=pathlib.Path(__file__).parent, check_dir=False), name="static")', '');
  write('app/main.py', main.join('\n'));
  write('app/__init__.py', '');
  return { root, files: fileCount, routes: routeCount, bytes, bigFile };
}
