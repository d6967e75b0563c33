import { describe, expect, it } from 'vitest';
import { check } from './fixture';

const HEAD = 'from fastapi import APIRouter, FastAPI\n\napp = FastAPI()\n';

describe('RL008 duplicate-operation-id', () => {
  it('reports an explicit id used twice, and an explicit id equal to a generated one', async () => {
    const r = await check(
      {
        'app.py':
          HEAD +
          '@app.get("/a", operation_id="get_user")\ndef a(): ...\n@app.get("/b", operation_id="get_user")\ndef b(): ...\n' +
          '@app.get("/items")\ndef list_items(): ...\n@app.post("/other", operation_id="list_items_items_get")\ndef other(): ...\n',
      },
      { select: ['RL008'] },
    );
    expect(r.lines).toEqual(['app.py:6:29 RL008 "get_user"', 'app.py:10:34 RL008 "list_items_items_get"']);
    expect(r.diagnostics[0]!.related[0]!.message).toContain('first used');
    expect(r.diagnostics[0]!.message).toContain('Duplicate Operation ID get_user');
  });

  it('is silent for a multi-method route, routes out of the schema, another app, and apps without OpenAPI', async () => {
    const r = await check(
      {
        'app.py':
          HEAD +
          '@app.api_route("/a", methods=["GET", "HEAD"])\ndef a(): ...\n' +
          '@app.get("/b", operation_id="x")\ndef b(): ...\n@app.get("/c", operation_id="x", include_in_schema=False)\ndef c(): ...\n' +
          'other = FastAPI()\n@other.get("/d", operation_id="x")\ndef d(): ...\n' +
          'closed = FastAPI(openapi_url=None)\n@closed.get("/e", operation_id="y")\ndef e(): ...\n@closed.get("/f", operation_id="y")\ndef f(): ...\n',
      },
      { select: ['RL008'] },
    );
    expect(r.lines).toEqual([]);
  });
});
