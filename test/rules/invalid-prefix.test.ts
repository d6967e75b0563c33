import { describe, expect, it } from 'vitest';
import { check } from './fixture';

describe('RL005 invalid-prefix', () => {
  it('reports bad prefixes, Starlette paths without "/", Host patterns with "/" and empty prefix + path', async () => {
    const r = await check(
      {
        'app.py':
          'from fastapi import APIRouter, FastAPI\nfrom starlette.routing import Host, Route, Router\n\nasync def ep(request):\n    return None\n\napp = FastAPI()\n' +
          'a = APIRouter(prefix="/items/")\nb = APIRouter(prefix="items")\nc = APIRouter()\n@c.get("")\ndef root(): ...\napp.include_router(c)\n' +
          'app.include_router(APIRouter(), prefix="v1")\napp.router.routes.append(Route("about", ep))\napp.router.routes.append(Host("/x.example.com", app=Router()))\n',
      },
      { select: ['RL005'] },
    );
    expect(r.lines.map((l) => l.replace(/^app\.py:\d+:\d+ /, ''))).toEqual([
      'RL005 "/items/"',
      'RL005 "items"',
      'RL005 app.include_router(c)',
      'RL005 "v1"',
      'RL005 "about"',
      'RL005 "/x.example.com"',
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(r.diagnostics.map((d) => d.fixes[0]?.edits[0]?.newText)).toEqual(['/items', '/items', undefined, '/v1', '/about', undefined]);
    expect(r.diagnostics[2]!.message).toContain('Prefix and path cannot be both empty (path operation: root)');
  });

  it('is silent for valid prefixes and paths, and for an APIRoute path without "/" (FastAPI accepts it)', async () => {
    const r = await check(
      { 'app.py': 'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\nr = APIRouter(prefix="/items")\n@r.get("")\ndef f(): ...\napp.include_router(r)\n@app.get("x")\ndef g(): ...\napp.include_router(APIRouter(), prefix="/v1")\n' },
      { select: ['RL005'] },
    );
    expect(r.lines).toEqual([]);
  });
});
