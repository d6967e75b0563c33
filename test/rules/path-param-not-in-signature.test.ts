import { describe, expect, it } from 'vitest';
import { check } from './fixture';

const HEAD = 'from fastapi import APIRouter, Depends, FastAPI, Path, Request\n\napp = FastAPI()\n';

describe('RL007 path-param-not-in-signature', () => {
  it('reports a path param the endpoint does not take, including one from a router prefix', async () => {
    const r = await check(
      {
        'app.py':
          HEAD +
          '@app.get("/users/{user_id}/orders/{order_id:int}")\ndef read(user_id: int): ...\n' +
          'r = APIRouter(prefix="/shops/{shop}")\n@r.get("/items")\ndef items(): ...\napp.include_router(r)\n',
      },
      { select: ['RL007'] },
    );
    expect(r.lines.map((l) => l.replace(/^app\.py:\d+:\d+ /, ''))).toEqual(['RL007 {order_id:int}', 'RL007 "/items"']);
    expect(r.diagnostics[0]!.message).toContain('{order_id} is not a parameter of read()');
  });

  it('is silent when the value can be read another way (no false positives)', async () => {
    const r = await check(
      {
        'app.py':
          HEAD +
          'def dep(item_id: int): return item_id\n' +
          '@app.get("/a/{item_id}")\ndef a(**kwargs): ...\n' +
          '@app.get("/b/{item_id}")\ndef b(x=Depends(dep)): ...\n' +
          '@app.get("/c/{item_id}", dependencies=[Depends(dep)])\ndef c(): ...\n' +
          '@app.get("/d/{item_id}")\ndef d(request: Request):\n    return request.path_params["item_id"]\n' +
          '@app.get("/e/{item_id}")\ndef e(i: int = Path(alias="item_id")): ...\n' +
          '@app.get("/f/{item_id}")\nasync def f(item_id: int): ...\n',
      },
      { select: ['RL007'] },
    );
    expect(r.lines).toEqual([]);
  });
});
