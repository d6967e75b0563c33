import { describe, expect, it } from 'vitest';
import { check } from './fixture';

const FASTAPI = 'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\n';

describe('RL002 unknown-convertor', () => {
  it('reports {id:integer} on the placeholder with a fix to the nearest name', async () => {
    const r = await check({ 'app.py': FASTAPI + '@app.get("/items/{id:integer}")\ndef f(id: int): ...\n' }, { select: ['RL002'] });
    expect(r.lines).toEqual(['app.py:4:18 RL002 {id:integer}']);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain("Unknown path convertor 'integer'");
    expect(d.fixes[0]!.edits[0]!.newText).toBe('int');
    const e = d.fixes[0]!.edits[0]!.span;
    expect(r.lines.length).toBe(1);
    expect(e.end - e.start).toBe('integer'.length);
  });

  it('knows custom convertors registered in the workspace and suggests them', async () => {
    const conv =
      'from starlette.convertors import Convertor, register_url_convertor\n\nclass Slug(Convertor):\n    regex = "[a-z-]+"\n    def convert(self, v): return v\n    def to_string(self, v): return v\n\nregister_url_convertor("slug", Slug())\n';
    const r = await check(
      {
        'conv.py': conv,
        'app.py': 'from fastapi import FastAPI\nimport conv\n\napp = FastAPI()\n@app.get("/a/{s:slug}")\ndef a(s: str): ...\n@app.get("/b/{s:slgu}")\ndef b(s: str): ...\n@app.get("/c/{s:Int}")\ndef c(s: int): ...\n',
      },
      { select: ['RL002'] },
    );
    expect(r.lines).toEqual(['app.py:7:14 RL002 {s:slgu}', 'app.py:9:14 RL002 {s:Int}']);
    expect(r.diagnostics.map((d) => d.fixes[0]!.edits[0]!.newText)).toEqual(['slug', 'int']);
    expect(r.diagnostics[0]!.message).toContain('Known convertors: str, path, int, float, uuid, slug');
  });

  it('reports Starlette routes, mounts and hosts, and every unknown convertor of a template', async () => {
    const r = await check(
      {
        'app.py':
          'from starlette.applications import Starlette\nfrom starlette.routing import Host, Mount, Route, Router\n\nasync def ep(request):\n    return None\n\n' +
          'app = Starlette(routes=[Route("/{a:num}/{b:txt}", ep), Mount("/m/{x:hex}", routes=[]), Host("{sub:word}.example.com", app=Router())])\n',
      },
      { select: ['RL002'] },
    );
    expect(r.lines.map((l) => l.split(' ').slice(1).join(' '))).toEqual(['RL002 {a:num}', 'RL002 {b:txt}', 'RL002 {x:hex}', 'RL002 {sub:word}']);
  });

  it('is silent for built-in convertors and for text the placeholder regex does not take', async () => {
    const r = await check(
      { 'app.py': FASTAPI + '@app.get("/{a:int}/{b:float}/{c:path}")\ndef f(a: int, b: float, c: str): ...\n@app.get("/{x:}/{y:1int}/{u:uuid}")\ndef g(u: str): ...\n' },
      { select: ['RL002'] },
    );
    expect(r.lines).toEqual([]);
  });
});
