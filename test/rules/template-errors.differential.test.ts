// RL001 (within a template), RL002 and RL005 against the real Starlette/FastAPI: generated
// modules, each declaring one route/mount/host/router from generated templates and prefixes, are
// executed by Debian's Python; the module raises exactly when the rules report an error in it,
// and the exception is one the reported codes stand for.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireOracle, runOracle } from '../oracle/oracle';
import { check } from './fixture';
import { mulberry32, suiteSeed } from '../differential/gen/rng';

const SEGMENTS = ['/a', 'a', '/', '/{x}', '/{y}', '/{x:int}', '/{x:integer}', '/{y:slug}', '/{z:Path}', '/{path}', '{x}', '/{x:}', '/{1x}', '/{y:path}', '.example.com', '/{x}-{y:float}'];
const PREFIXES = ['', '', '/p', 'p', '/p/', '/', '/{x}', '/{y:int}', '/{q:nope}', '//'];

const HEADER =
  'from fastapi import APIRouter, FastAPI\nfrom starlette.applications import Starlette\nfrom starlette.convertors import Convertor, register_url_convertor\n' +
  'from starlette.routing import Host, Mount, Route, Router, WebSocketRoute\n\n' +
  'class Slug(Convertor):\n    regex = "[a-z]+"\n    def convert(self, v): return v\n    def to_string(self, v): return v\n\nregister_url_convertor("slug", Slug())\n\n' +
  'async def ep(request):\n    return None\n\n';

function generate(rand: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const n = Math.floor(rand() * 4);
  const t = JSON.stringify(Array.from({ length: n }, () => pick(SEGMENTS)).join(''));
  const p = JSON.stringify(pick(PREFIXES));
  switch (Math.floor(rand() * 7)) {
    case 0:
      return `app = Starlette(routes=[Route(${t}, ep)])\n`;
    case 1:
      return `app = FastAPI()\n\n@app.get(${t})\ndef f():\n    return None\n`;
    case 2:
      return `r = APIRouter(prefix=${p})\n\n@r.get(${t})\ndef f():\n    return None\n`;
    case 3:
      return `app = FastAPI()\nr = APIRouter()\n\n@r.get(${t})\ndef f():\n    return None\n\napp.include_router(r, prefix=${p})\n`;
    case 4:
      return `app = Starlette(routes=[Mount(${t}, routes=[])])\n`;
    case 5:
      return `app = Starlette(routes=[Host(${t}, app=Router())])\n`;
    default:
      return `app = Starlette(routes=[WebSocketRoute(${t}, ep)])\n`;
  }
}

const CODE_OF: Array<[RegExp, string]> = [
  [/^ValueError: Duplicated param/, 'RL001'],
  [/^AssertionError: Unknown path convertor/, 'RL002'],
  [/^AssertionError: (A path prefix|Routed paths|Host must not)/, 'RL005'],
  [/^Exception: Prefix and path cannot be both empty/, 'RL005'],
];

const COUNT = 500;

describe('RL001/RL002/RL005 differential (Debian Starlette 0.26.1 / FastAPI 0.92)', () => {
  it('a generated module raises exactly when an error is reported in it', async () => {
    requireOracle();
    const rand = mulberry32(suiteSeed('template/prefix rules'));
    const bodies = Array.from({ length: COUNT }, () => generate(rand));
    const files: Record<string, string> = {};
    bodies.forEach((b, i) => (files[`gen/m${i}.py`] = HEADER + b));
    const r = await check(files, { select: ['RL001', 'RL002', 'RL005'] });
    const results = runOracle(bodies.map((b, i) => ({ op: 'rules_exec_module', name: `m${i}`, source: HEADER + b })));
    const mismatches: string[] = [];
    let raised = 0;
    bodies.forEach((body, i) => {
      const file = path.join(r.root, 'gen', `m${i}.py`);
      const errors = r.diagnostics.filter((d) => d.span.file === file && d.severity === 'error');
      const res = results[i]!;
      const exception = 'error' in res ? `${res.error.type}: ${res.error.message}` : undefined;
      if (exception) raised++;
      const expectedCode = exception ? CODE_OF.find(([re]) => re.test(exception))?.[1] : undefined;
      if (exception && !expectedCode) mismatches.push(`unexpected exception ${exception} for\n${body}`);
      else if (!!exception !== errors.length > 0) mismatches.push(`${exception ?? 'no exception'} but reported [${errors.map((d) => d.code).join(', ')}] for\n${body}`);
      else if (expectedCode && !errors.some((d) => d.code === expectedCode)) mismatches.push(`${exception} but reported [${errors.map((d) => d.code).join(', ')}] for\n${body}`);
    });
    expect(mismatches).toEqual([]);
    expect(raised).toBeGreaterThan(100);
    expect(COUNT - raised).toBeGreaterThan(100);
  }, 120_000);
});
