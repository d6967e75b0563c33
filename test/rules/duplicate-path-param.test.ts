import { describe, expect, it } from 'vitest';
import { check } from './fixture';

const STARLETTE = 'from starlette.applications import Starlette\nfrom starlette.routing import Host, Mount, Route, Router, WebSocketRoute\n\nasync def ep(request):\n    return None\n\n';
const FASTAPI = 'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\n';

describe('RL001 duplicate-path-param', () => {
  it('reports a name repeated in one template, at the repeat, as an error', async () => {
    const r = await check({ 'app.py': STARLETTE + 'app = Starlette(routes=[Route("/pairs/{a}/{b}/{a}", ep)])\n' }, { select: ['RL001'] });
    expect(r.lines).toEqual(['app.py:7:47 RL001 {a}']);
    expect(r.diagnostics[0]!.severity).toBe('error');
    expect(r.diagnostics[0]!.message).toContain('Duplicated param name a at path /pairs/{a}/{b}/{a}');
    expect(r.diagnostics[0]!.related).toHaveLength(1);
  });

  it('names every duplicated param like Starlette (sorted, plural)', async () => {
    const r = await check({ 'app.py': FASTAPI + '@app.get("/{b}/{a:int}/{b}/{a}")\ndef f(a: int, b: str): ...\n' }, { select: ['RL001'] });
    expect(r.codes).toEqual(['RL001']);
    expect(r.diagnostics[0]!.message).toContain('Duplicated param names a, b at path /{b}/{a:int}/{b}/{a}');
  });

  it('reports a router prefix repeating a param of the path, and an include prefix', async () => {
    const r = await check({
      'app.py':
        FASTAPI +
        'r = APIRouter(prefix="/{id}")\n@r.get("/x/{id}")\ndef f(id: int): ...\n' +
        's = APIRouter()\n@s.get("/y/{id}")\ndef g(id: int): ...\napp.include_router(s, prefix="/t/{id}")\n',
    }, { select: ['RL001'] });
    expect(r.lines).toEqual(['app.py:5:12 RL001 {id}', 'app.py:8:12 RL001 {id}']);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(r.diagnostics[1]!.message).toContain('when the router is included');
  });

  it("reports Mount('/{path}'): a Mount adds its own {path:path}", async () => {
    const r = await check({ 'app.py': STARLETTE + 'app = Starlette(routes=[Mount("/files/{path}", routes=[])])\n' }, { select: ['RL001'] });
    expect(r.lines).toEqual(['app.py:7:39 RL001 {path}']);
    expect(r.diagnostics[0]!.message).toContain('Duplicated param name path at path /files/{path}/{path:path}');
  });

  it('warns when a route repeats a param of its Mount or Host', async () => {
    const r = await check({
      'app.py':
        STARLETTE +
        'inner = [Route("/profile/{username}", ep), Route("/posts", ep), WebSocketRoute("/ws/{username}", ep)]\n' +
        'app = Starlette(routes=[Mount("/users/{username}", routes=inner), Host("{sub}.example.com", app=Router(routes=[Route("/{sub}", ep)]))])\n',
    }, { select: ['RL001'] });
    expect(r.lines).toEqual(['app.py:7:26 RL001 {username}', 'app.py:7:85 RL001 {username}', 'app.py:8:120 RL001 {sub}']);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(r.diagnostics[0]!.related[0]!.message).toContain("Mount('/users/{username}')");
  });

  it('is silent for distinct names, braces that are not params, and params of sibling mounts', async () => {
    const r = await check({
      'app.py':
        STARLETTE +
        'app = Starlette(routes=[Route("/{a}/{b}", ep), Route("/{a-b}/{a-b}", ep), Route("/{x:}/{x:}", ep), Route("/{ a }/{ a }", ep),\n' +
        '    Mount("/m/{a}", routes=[Route("/{b}", ep)]), Mount("/n", routes=[Route("/{a}/{path}", ep)])])\n',
    }, { select: ['RL001'] });
    expect(r.lines).toEqual([]);
  });
});
