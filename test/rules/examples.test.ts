// The examples' planted mistakes (examples/README.md) are all found, and nothing else.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, initEngine, readWorkspace } from '../../shared/engine';
import { checkWorkspace } from '../../shared/rules/index';
import { describe as show } from './fixture';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describe('examples', () => {
  it('reports exactly the planted mistakes', async () => {
    await initEngine();
    const diagnostics = checkWorkspace(analyzeWorkspace(readWorkspace(EXAMPLES)));
    expect(diagnostics.map((d) => show(EXAMPLES, d))).toEqual([
      'fastapi_shop/shop/drafts.py:13:20 RL002 {sku:slug}',
      'fastapi_shop/shop/drafts.py:18:25 RL001 {a}',
      'fastapi_shop/shop/drafts.py:23:27 RL005 "/drafts/"',
      'fastapi_shop/shop/main.py:22:20 RL006 "/readyz"',
      'fastapi_shop/shop/routers/items.py:42:5 RL004 \\f',
      'fastapi_shop/shop/routers/items.py:46:13 RL003 "/featured"',
      'fastapi_shop/shop/routers/users.py:24:47 RL008 "get_user"',
      'fastapi_shop/shop/routers/users.py:29:32 RL007 {order_id}',
      'starlette_blog/blog/app.py:32:11 RL003 "/archive"',
      'starlette_blog/blog/app.py:36:21 RL001 {username}',
      'starlette_blog/blog/app.py:44:11 RL003 "/about"',
    ]);
  });
});
