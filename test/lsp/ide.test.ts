// The editor-agnostic answers (shared/ide) on small inline workspaces, without a server.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, initEngine, type WorkspaceModel } from '../../shared/engine';
import { convertorCompletions } from '../../shared/ide/completion';
import { hoverAt } from '../../shared/ide/hover';
import { ignoreRuleEdit } from '../../shared/ide/ignoreComment';
import { matchUrl, parseUrl } from '../../shared/ide/match';
import { hoverMarkdown } from '../../shared/ide/routeCardMarkdown';
import { routeTable } from '../../shared/ide/routeTable';
import { routeTableMarkdown } from '../../shared/ide/routeTableMarkdown';
import { symbolMatches, workspaceSymbols } from '../../shared/ide/symbols';
import { ORACLE_VERSIONS } from '../../shared/versions';

const ROOT = '/virtual/ws';
const MAIN = `${ROOT}/main.py`;

/** Analyses one in-memory main.py; `$0` marks the cursor (removed from the text). */
function workspace(source: string): { model: WorkspaceModel; text: string; cursor: number } {
  const cursor = source.indexOf('$0');
  const text = source.replace('$0', '');
  const model = analyzeWorkspace({ root: ROOT, files: new Map([[MAIN, text]]), problems: [] }, { versions: ORACLE_VERSIONS });
  return { model, text, cursor };
}

beforeAll(async () => {
  await initEngine();
});

describe('hoverAt', () => {
  it('shows the published description and warns when the \\f cut fails (Python 3.11)', () => {
    const { model, cursor } = workspace(
      'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/it$0ems/{item_id:int}", tags=["a", "b"], include_in_schema=False)\ndef read_items(item_id):\n    """A\n    \\fB\n    """\n',
    );
    const hover = hoverAt(model, MAIN, cursor)!;
    expect(hover.cards).toHaveLength(1);
    const card = hover.cards[0]!;
    expect(card).toMatchObject({ appId: 'main:app', kind: 'route', methods: ['GET'], fullPath: '/items/{item_id:int}', handler: 'read_items' });
    expect(card.params).toEqual([{ name: 'item_id', convertor: 'int', regex: '[0-9]+' }]);
    expect(card.openapi).toMatchObject({ summary: 'Read Items', description: 'A\nB', formFeedLost: { intended: 'A' }, operationId: 'read_items_items__item_id__get', tags: ['a', 'b'], includeInSchema: false, published: false });
    const md = hoverMarkdown(hover);
    expect(md).toContain('The `\\f` cut fails');
    expect(md).toContain('hidden from schema');
  });

  it('covers every route a stacked handler declares when hovering its name', () => {
    const { model, cursor } = workspace('from fastapi import FastAPI\napp = FastAPI()\n\n@app.put("/a")\n@app.patch("/a")\ndef up$0date():\n    pass\n');
    const hover = hoverAt(model, MAIN, cursor)!;
    // Decorators apply bottom-up: PATCH is registered (and matched) first.
    expect(hover.cards.map((c) => c.methods)).toEqual([['PATCH'], ['PUT']]);
  });

  it('is undefined away from routes', () => {
    const { model, cursor } = workspace('from fastapi import FastAPI\n$0app = FastAPI()\n');
    expect(hoverAt(model, MAIN, cursor)).toBeUndefined();
  });
});

describe('convertorCompletions', () => {
  const names = (source: string) => {
    const { model, text, cursor } = workspace(source);
    return convertorCompletions(model, MAIN, text, cursor).map((c) => c.label).sort();
  };
  const all = ['float', 'int', 'path', 'str', 'uuid'];
  it('completes after {name: in decorator, Route(...), path=/prefix= arguments', () => {
    expect(names('@app.get("/items/{id:$0}")')).toEqual(all);
    expect(names("routes = [Route('/a/{x:pa$0', ep)]")).toEqual(all);
    expect(names('router = APIRouter(prefix="/v1/{tenant:$0")')).toEqual(all);
    expect(names('app.add_api_route(path="/{a}/{b:$0", endpoint=f)')).toEqual(all);
  });
  it('offers nothing elsewhere', () => {
    expect(names('x = "/items/{id:$0}"')).toEqual([]);
    expect(names('@app.get("/items/{id$0}")')).toEqual([]);
    expect(names('@app.get(f"/items/{id:$0}")')).toEqual([]);
    expect(names('@app.get("/items/{id}") # {id:$0')).toEqual([]);
    expect(names('@app.get("/items/") + "{id:$0"')).toEqual([]);
  });
  it('includes custom convertors registered in the project', () => {
    const source =
      'from starlette.convertors import Convertor, register_url_convertor\nfrom starlette.applications import Starlette\nclass Slug(Convertor):\n    regex = "[a-z-]+"\n    def convert(self, v): return v\n    def to_string(self, v): return v\nregister_url_convertor("slug", Slug())\napp = Starlette()\nx = Route("/{s:$0")\n';
    expect(names(source)).toEqual([...all, 'slug'].sort());
  });
});

describe('ignoreRuleEdit', () => {
  const text = 'a = 1\n@app.get("/x")  # route-lens: ignore[RL001]\n@app.get("/y")\n';
  it('appends a comment, or a code to an existing ignore list', () => {
    const second = text.indexOf('@app.get("/y")');
    expect(ignoreRuleEdit('f', text, second + 3, 'RL003')).toEqual({ span: { file: 'f', start: second + 14, end: second + 14 }, newText: '  # route-lens: ignore[RL003]' });
    const first = text.indexOf('@app.get("/x")');
    const at = text.indexOf(']');
    expect(ignoreRuleEdit('f', text, first, 'RL003')).toEqual({ span: { file: 'f', start: at, end: at }, newText: ', RL003' });
    expect(ignoreRuleEdit('f', text, first, 'RL001')).toBeUndefined();
    expect(ignoreRuleEdit('f', 'x = """abc\ndef"""\n', 2, 'RL004')).toBeUndefined();
  });
});

describe('symbols and match', () => {
  const source =
    'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items/{item_id:int}")\ndef read_item(item_id): ...\n\n@app.api_route("/items/{item_id:int}", methods=["POST", "DELETE"])\ndef change_item(item_id): ...\n';
  it('finds routes by method and path, handler, or fuzzy', () => {
    const { model } = workspace(source);
    expect(workspaceSymbols(model, 'GET /items').map((s) => s.name)).toEqual(['GET /items/{item_id:int}']);
    expect(workspaceSymbols(model, 'DELETE /items').map((s) => s.handler)).toEqual(['change_item']);
    expect(workspaceSymbols(model, 'chgitem').map((s) => s.handler)).toEqual(['change_item']);
    expect(workspaceSymbols(model, '').length).toBe(2);
    expect(symbolMatches('post /ITEMS', 'POST,DELETE /items/{id}')).toBe(true);
    expect(symbolMatches('put /items', 'POST,DELETE /items/{id}')).toBe(false);
  });
  it('matches as Starlette would, with converted params', () => {
    const { model } = workspace(source);
    const ok = matchUrl(model, { method: 'get', url: '/items/007' });
    expect(ok.ok && ok.answer).toMatchObject({ status: 200, route: { handler: 'read_item' }, params: { item_id: { value: '7', type: 'int' } } });
    expect(ok.ok && ok.answer.summary).toBe('200 GET /items/{item_id:int} → read_item(item_id=7)');
    const put = matchUrl(model, { method: 'PUT', url: '/items/1' });
    expect(put.ok && put.answer).toMatchObject({ status: 405, allow: ['GET'] });
    const noApp = matchUrl(model, { method: 'GET', url: '/', app: 'nope:app' });
    expect(noApp).toEqual({ ok: false, error: 'no app nope:app; apps: main:app' });
  });
  it('parses paths and absolute URLs', () => {
    expect(parseUrl('http://user@example.com:8000/a%20b?x=1#frag')).toEqual({ scheme: 'http', host: 'example.com:8000', rawPath: '/a%20b', query: 'x=1' });
    expect(parseUrl('items?q')).toEqual({ rawPath: '/items', query: 'q' });
    expect(parseUrl('https://h')).toEqual({ scheme: 'https', host: 'h', rawPath: '/', query: '' });
  });
  it('renders the route table', () => {
    const { model } = workspace(source);
    const table = routeTable(model);
    expect(table.apps[0]!.routes.map((r) => r.label)).toEqual([
      'GET,HEAD /openapi.json',
      'GET,HEAD /docs',
      'GET,HEAD /docs/oauth2-redirect',
      'GET,HEAD /redoc',
      'GET /items/{item_id:int}',
      'POST,DELETE /items/{item_id:int}',
    ]);
    expect(routeTableMarkdown([table])).toContain('| 5 | POST, DELETE | `/items/{item_id:int}` | change_item | change_item |  |');
  });
});
