// The engine's model on small inline apps: constructs, seeds, unresolved values, versions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, ORACLE_PINS, table } from './helpers';

/** A code example copied verbatim from the seed documents (test/model/seeds/). */
function seedCode(file: string): string {
  return readFileSync(path.resolve(__dirname, 'seeds', file), 'utf8');
}

describe('seeds', () => {
  it('seed 000: a Starlette app whose routes.append runs only inside a request handler', async () => {
    const code = seedCode('seed000_dynamic_routes.py');
    const m = await analyze({ 'app.py': code, 'pyproject.toml': ORACLE_PINS });
    expect(m.served.map((a) => a.id)).toEqual(['app:app']);
    // At import time only /register exists; the append happens when /register is called.
    expect(table(m.served[0]!.tree)).toEqual(['POST /register register_route']);
  });

  it('seed 002: FastAPI with a lifespan', async () => {
    const code = seedCode('seed002_lifespan.py');
    const m = await analyze({ 'main.py': code, 'pyproject.toml': ORACLE_PINS });
    expect(table(m.served[0]!.tree)).toEqual([
      'GET,HEAD /openapi.json openapi',
      'GET,HEAD /docs swagger_ui_html',
      'GET,HEAD /docs/oauth2-redirect swagger_ui_redirect',
      'GET,HEAD /redoc redoc_html',
      'GET /names get_names',
    ]);
  });

  it("seed 003: the docstring whose \\f is deleted by cleandoc", async () => {
    const m = await analyze({
      'main.py': 'import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/v1")\ndef v1():\n    """应该出现在OpenAPI 内\n    \\f不应该出现在 OpenAPI 内\n    """\n    return ""\n',
      'pyproject.toml': ORACLE_PINS,
    });
    const route = m.served[0]!.tree.routes.at(-1)!;
    expect(route.kind === 'route' && route.api?.docstring?.value).toBe('应该出现在OpenAPI 内\n    \f不应该出现在 OpenAPI 内\n    ');
  });

  it('seed 000 app.router.routes.append at import time', async () => {
    const m = await analyze({
      'app.py': 'from starlette.applications import Starlette\nfrom starlette.routing import Route\napp = Starlette()\ndef new_view(request): ...\napp.router.routes.append(Route("/dynamic", new_view))\napp.routes.insert(0, Route("/first", new_view, name="first"))\n',
    });
    expect(table(m.served[0]!.tree)).toEqual(['GET,HEAD /first first', 'GET,HEAD /dynamic new_view']);
  });
});

describe('unresolved values are reported with a reason, never guessed', () => {
  it('a path from the environment', async () => {
    const m = await analyze({
      'main.py': 'import os\nfrom fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n@app.get(os.environ.get("HEALTH", "/health"))\ndef health(): ...\n@app.get("/ok")\ndef ok(): ...\n',
    });
    const rows = table(m.served[0]!.tree);
    expect(rows[0]).toMatch(/^UNRESOLVED route: .*os\.environ\.get/);
    expect(rows[1]).toBe('GET /ok ok');
    expect(m.unresolved).toHaveLength(1);
  });

  it('an include under a condition that cannot be evaluated', async () => {
    const m = await analyze({
      'main.py': 'from fastapi import FastAPI, APIRouter\nimport settings\napp = FastAPI(openapi_url=None)\nr = APIRouter()\nif settings.DEBUG:\n    app.include_router(r)\n',
      'settings.py': 'import os\nDEBUG = os.getenv("DEBUG")\n',
    });
    expect(m.unresolved.map((u) => u.what)).toEqual(['if']);
    expect(m.unresolved[0]!.reason).toContain('settings.DEBUG');
  });

  it('a for loop over a non-literal iterable', async () => {
    const m = await analyze({
      'main.py': 'from fastapi import FastAPI\nimport plugins\napp = FastAPI(openapi_url=None)\nfor p in plugins.load():\n    app.add_api_route(p.path, p.handler)\n',
    });
    expect(m.unresolved.map((u) => u.what)).toEqual(['for']);
  });
});

describe('constructs', () => {
  it('include_router copies routes at call time before FastAPI 0.137; later routes are missing', async () => {
    const files = {
      'main.py': 'from fastapi import FastAPI, APIRouter\napp = FastAPI(openapi_url=None)\nr = APIRouter(prefix="/r")\n@r.get("/a")\ndef a(): ...\napp.include_router(r)\n@r.get("/late")\ndef late(): ...\n',
    };
    const old = await analyze({ ...files, 'pyproject.toml': ORACLE_PINS });
    expect(table(old.served[0]!.tree)).toEqual(['GET /r/a a']);
    const lazy = await analyze(files, { versions: { fastapi: [0, 137, 0] } });
    expect(table(lazy.served[0]!.tree)).toEqual(['GET /r/a a', 'GET /r/late late']);
  });

  it('Starlette Route adds HEAD to GET; FastAPI APIRoute does not; class endpoints take every method', async () => {
    const m = await analyze({
      'main.py': [
        'from fastapi import FastAPI',
        'from starlette.routing import Route',
        'from starlette.endpoints import HTTPEndpoint',
        'class Things(HTTPEndpoint):',
        '    async def get(self, request): ...',
        'def f(request): ...',
        'app = FastAPI(openapi_url=None, routes=[Route("/s", f), Route("/c", Things), Route("/all", f, methods=[])])',
        '@app.get("/api")',
        'def api(): ...',
      ].join('\n'),
    });
    expect(table(m.served[0]!.tree)).toEqual(['GET,HEAD /s f', '* /c Things', ' /all f', 'GET /api api']);
  });

  it('names resolve to their origin: a local class called APIRouter is not FastAPI\'s', async () => {
    const m = await analyze({
      'main.py': 'from fastapi import FastAPI\nfrom mylib import APIRouter\napp = FastAPI(openapi_url=None)\nr = APIRouter()\n@r.get("/x")\ndef x(): ...\n',
      'mylib.py': 'class APIRouter:\n    def get(self, path):\n        return lambda f: f\n',
    });
    expect(table(m.served[0]!.tree)).toEqual([]);
  });

  it('syntax errors mid-edit: the rest of the file is still read', async () => {
    const m = await analyze({
      'main.py': 'from fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n@app.get("/a")\ndef a(): ...\ndef broken(:\n    pass\n@app.get("/b")\ndef b(): ...\n',
    });
    expect(table(m.served[0]!.tree)).toContain('GET /a a');
    expect(m.problems.some((p) => p.message.includes('syntax error'))).toBe(true);
  });

  it('several apps: each served app is reported, mounted ones are not served on their own', async () => {
    const m = await analyze({
      'main.py': 'from fastapi import FastAPI\nfrom other import sub\napp = FastAPI(openapi_url=None)\napp.mount("/sub", sub)\n',
      'other.py': 'from starlette.applications import Starlette\nsub = Starlette()\n',
      'tool.py': 'from starlette.applications import Starlette\ntool = Starlette()\n',
    });
    expect(m.served.map((a) => a.id).sort()).toEqual(['main:app', 'tool:tool']);
    expect(m.apps.find((a) => a.id === 'other:sub')!.mountedBy).toEqual(['main:app']);
  });

  it('versions come from the workspace, with newest-release defaults', async () => {
    const pinned = await analyze({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', 'pyproject.toml': ORACLE_PINS });
    expect(pinned.projects[0]!.versions.fastapi).toEqual([0, 92, 0]);
    const unpinned = await analyze({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    expect(unpinned.projects[0]!.versionSources.fastapi).toMatch(/default/);
  });
});
