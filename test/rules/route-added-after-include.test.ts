import { describe, expect, it } from 'vitest';
import { check, PINNED } from './fixture';

const SOURCE =
  'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\nrouter = APIRouter()\n\n@router.get("/early")\ndef early(): ...\n\napp.include_router(router)\n\n' +
  '@router.get("/late")\ndef late(): ...\n\n@router.websocket("/ws")\nasync def ws(websocket): ...\n';

describe('RL006 route-added-after-include', () => {
  it('reports routes added to a router after it was included (FastAPI < 0.137)', async () => {
    const r = await check({ 'app.py': SOURCE }, { select: ['RL006'] });
    expect(r.lines).toEqual(['app.py:11:13 RL006 "/late"', 'app.py:14:19 RL006 "/ws"']);
    expect(r.diagnostics[0]!.message).toContain('GET /late is added after app.include_router(router) (line 9)');
    expect(r.diagnostics[0]!.related[0]!.message).toContain('included here');
  });

  it('is silent from FastAPI 0.137 (lazy includes serve later routes) and when routes come first', async () => {
    const lazy = await check({ 'pyproject.toml': PINNED('3.11', '0.47.0', '0.137.0'), 'app.py': SOURCE }, { select: ['RL006'] });
    expect(lazy.lines).toEqual([]);
    const ordered = await check(
      { 'app.py': 'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\nrouter = APIRouter()\n\n@router.get("/a")\ndef a(): ...\n\napp.include_router(router)\n' },
      { select: ['RL006'] },
    );
    expect(ordered.lines).toEqual([]);
  });
});
