import { describe, expect, it } from 'vitest';
import { builtinConvertors } from '../../shared/routing/convertors';
import { matchRequest } from '../../shared/routing/matcher';
import type { MatchRequest, RouteNode, RouterTree, TableNode } from '../../shared/routing/types';

const convertors = builtinConvertors([0, 26, 1]);
type NodeInput = TableNode extends infer N ? (N extends TableNode ? Omit<N, 'index' | 'chain'> : never) : never;

function router(routes: NodeInput[], redirectSlashes = true, label = 'app'): RouterTree {
  return { kind: 'router', label, redirectSlashes, convertors, routes: routes.map((r, index): TableNode => ({ ...r, index, chain: [] })) };
}

function route(path: string, name: string, methods: string[] | null = ['GET'], flavor: RouteNode['flavor'] = 'starlette'): Omit<RouteNode, 'index' | 'chain'> {
  return { kind: 'route', flavor, path, methods, name, endpoint: null };
}

const get = (rawPath: string, extra: Partial<MatchRequest> = {}): MatchRequest => ({ type: 'http', method: 'GET', rawPath, ...extra });

describe('matchRequest (Starlette 0.26.1 Router loop)', () => {
  it('takes the first FULL match and converts params the Python way', () => {
    const tree = router([route('/items/{id:int}/{f:float}/{u:uuid}', 'item')]);
    const o = matchRequest(tree, get('/items/007/1%2E0/12345678-1234-5678-9abc-def012345678'));
    expect(o.kind).toBe('route');
    if (o.kind === 'route') {
      expect(o.route.name).toBe('item');
      expect(o.params.id).toEqual({ convertor: 'int', raw: '007', value: '7', type: 'int' });
      expect(o.params.f!.value).toBe('1.0');
    }
    const big = matchRequest(router([route('/f/{x:float}', 'f')]), get('/f/10000000000000000'));
    expect(big.kind === 'route' && big.params.x!.value).toBe('1e+16');
  });

  it('answers 405 from the first PARTIAL, with HEAD added to GET for Starlette routes only', () => {
    const tree = router([route('/a', 'api', ['GET'], 'api'), route('/b', 'st', ['GET'])]);
    expect(matchRequest(tree, get('/a', { method: 'HEAD' }))).toMatchObject({ kind: 'method-not-allowed', allow: ['GET'] });
    expect(matchRequest(tree, get('/b', { method: 'HEAD' })).kind).toBe('route');
    const o = matchRequest(tree, get('/b', { method: 'POST' }));
    expect(o.kind === 'method-not-allowed' && new Set(o.allow)).toEqual(new Set(['GET', 'HEAD']));
    expect(matchRequest(router([route('/c', 'c', null)]), get('/c', { method: 'FOO' })).kind).toBe('route');
  });

  it('redirects on a toggled trailing slash, keeping the query and using the Host header', () => {
    const tree = router([route('/items/', 'items')]);
    expect(matchRequest(tree, get('/items', { host: 'example.com:8080', query: 'a=1 b' }))).toMatchObject({
      kind: 'redirect',
      location: 'http://example.com:8080/items/?a=1%20b',
    });
    // rstrip("/") removes every trailing slash; a path with "%" keeps it unescaped.
    const t2 = router([route('/a%', 'pct')]);
    expect(matchRequest(t2, get('/a%25///'))).toMatchObject({ kind: 'redirect', location: '/a%' });
    expect(matchRequest(router([route('/x', 'x')], false), get('/x/')).kind).toBe('not-found');
  });

  it('mounts: FULL on the prefix whatever the method, child sees the rest, root_path accumulates', () => {
    const child = router([route('/users/', 'users')], true, 'child');
    const tree = router([{ kind: 'mount', path: '/api/', name: 'api', target: child }, route('/api/other', 'never')]);
    expect(matchRequest(tree, get('/api/other')).kind).toBe('not-found');
    expect(matchRequest(tree, get('/api/users', { server: { host: 'srv', port: 8000 } }))).toMatchObject({
      kind: 'redirect',
      location: 'http://srv:8000/api/users/',
    });
    const ok = matchRequest(tree, get('/api/users/'));
    expect(ok.kind === 'route' && ok.fullPath).toBe('/api/users/');
    expect(matchRequest(tree, get('/api'))).toMatchObject({ kind: 'redirect', location: '/api/' });
  });

  it('hosts match the Host header without port, case-sensitively', () => {
    const tree = router([{ kind: 'host', host: '{sub}.example.com', name: 'h', target: router([route('/', 'home')]) }]);
    const o = matchRequest(tree, get('/', { host: 'shop.example.com:81' }));
    expect(o.kind === 'route' && o.params.sub!.value).toBe('shop');
    expect(matchRequest(tree, get('/', { host: 'shop.EXAMPLE.com' })).kind).toBe('not-found');
  });

  it('websocket scopes only reach websocket routes; a miss closes the socket', () => {
    const tree = router([route('/ws', 'http'), { kind: 'websocket', flavor: 'starlette', path: '/ws', name: 'ws', endpoint: null }]);
    const ws: MatchRequest = { type: 'websocket', method: 'GET', rawPath: '/ws' };
    expect(matchRequest(tree, ws)).toMatchObject({ kind: 'route', route: { name: 'ws' } });
    expect(matchRequest(tree, { ...ws, rawPath: '/ws/' }).kind).toBe('websocket-close');
  });

  it('decodes the path like uvicorn (unquote, UTF-8 with replacement)', () => {
    const tree = router([route('/{s}', 's')]);
    const o = matchRequest(tree, get('/%C3%28%zz%e2%80%a8'));
    expect(o.kind === 'route' && o.params.s!.value).toBe('\ufffd(%zz\u2028');
    expect(matchRequest(tree, get('/a%0A')).kind).toBe('route');
  });

  it('records unresolved declarations passed before the decision, and opaque apps', () => {
    const tree = router([
      { kind: 'unresolved', reason: 'dynamic path', what: 'route' },
      { kind: 'mount', path: '/static', name: 'static', target: { kind: 'opaque', label: 'StaticFiles', reason: 'files' } },
    ]);
    const o = matchRequest(tree, get('/static/a.css'), { trace: true });
    expect(o.kind).toBe('opaque-app');
    expect(o.uncertainBecause).toHaveLength(1);
    expect(o.trace.map((s) => s.result)).toEqual(['unresolved', 'full']);
    expect(matchRequest(tree, get('/static/a.css')).trace).toEqual([]);
  });

  it('fails like Python when int() refuses more than 4300 digits', () => {
    const tree = router([route('/n/{x:int}', 'n', ['POST']), route('/n/{y}', 'later')]);
    expect(matchRequest(tree, get('/n/' + '1'.repeat(4301))).kind).toBe('server-error');
    expect(matchRequest(tree, get('/n/' + '1'.repeat(4300))).kind).toBe('route');
  });
});
