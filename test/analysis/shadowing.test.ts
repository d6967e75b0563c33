import { describe, expect, test } from 'vitest';
import { analyseShadowing, findShadowedRoutes, reachableExample, type ShadowFinding } from '../../shared/analysis/shadowing';
import type { RouterTree, TableNode } from '../../shared/routing/types';
import { shadowedRouteDiagnostics } from '../../shared/rules/shadowed-route';
import { anyMethod, api, convertorTable, mount, route, router, ws } from './routeTrees';

const label = (n: TableNode): string => (n.kind === 'route' || n.kind === 'websocket' ? n.name : n.kind === 'mount' ? `mount ${n.path}` : n.kind);

function summary(tree: RouterTree): { node: string; methods: string[] | 'all'; by: string[]; takenBy: string; example: string }[] {
  return findShadowedRoutes(tree).map((f: ShadowFinding) => ({
    node: label(f.node),
    methods: f.methods,
    by: f.shadowedBy.map(label),
    takenBy: label(f.takenBy),
    example: f.example,
  }));
}

const shadowedNames = (tree: RouterTree): string[] => findShadowedRoutes(tree).map((f) => label(f.node));

describe('the examples of the brief', () => {
  test('/items/{id:int} before /items/me is not shadowing', () => {
    expect(shadowedNames(router([api('GET /items/{id:int}'), api('GET /items/me')]))).toEqual([]);
  });
  test('/items/{name} before /items/me is', () => {
    expect(summary(router([api('GET /items/{name}'), api('GET /items/me')]))).toEqual([
      { node: 'GET /items/me', methods: ['GET'], by: ['GET /items/{name}'], takenBy: 'GET /items/{name}', example: '/items/me' },
    ]);
  });
  test('/files/{p:path} before anything under /files/', () => {
    const tree = router([api('GET /files/{p:path}'), api('GET /files/a/b'), api('GET /files/'), api('GET /files/{x:int}/{y:uuid}.txt'), api('GET /files')]);
    expect(shadowedNames(tree)).toEqual(['GET /files/a/b', 'GET /files/', 'GET /files/{x:int}/{y:uuid}.txt']);
  });
  test('... except str params: "." stops at "\\n", [^/] does not', () => {
    const tree = router([api('GET /files/{p:path}'), api('GET /files/{x}'), api('GET /files/{x}/{y:int}/z')]);
    expect(shadowedNames(tree)).toEqual([]);
    expect(reachableExample(tree, tree.routes[1] as never, 'GET')).toBe('/files/\na');
  });
  test('a Mount("/static") before /static/x', () => {
    const tree = router([mount('/static'), api('GET /static/x'), api('GET /static'), api('POST /static/{p:path}')]);
    expect(summary(tree).map((s) => [s.node, s.takenBy])).toEqual([
      ['GET /static/x', 'mount /static'],
      ['POST /static/{p:path}', 'mount /static'],
    ]);
  });
  test('a mount path loses its trailing slashes', () => {
    expect(shadowedNames(router([mount('/static//'), api('GET /static/x')]))).toEqual(['GET /static/x']);
  });
  test('GET /a before POST /a is not', () => {
    expect(shadowedNames(router([api('GET /a'), api('POST /a')]))).toEqual([]);
  });
  test('exact duplicates are shadowing', () => {
    expect(summary(router([api('GET /a/{x}', 'first'), api('GET /a/{x}', 'second')]))).toEqual([
      { node: 'second', methods: ['GET'], by: ['first'], takenBy: 'first', example: '/a/a' },
    ]);
  });
});

describe('convertor interplay', () => {
  const pairs: [string, string, boolean][] = [
    // earlier, later, later shadowed?
    ['/v/{x:float}', '/v/{x:int}', true],
    ['/v/{x:int}', '/v/{x:float}', false],
    ['/v/{x}', '/v/{x:uuid}', true],
    ['/v/{x:uuid}', '/v/{x}', false],
    ['/v/{x:int}', '/v/{x:uuid}', false],
    ['/v/{x:uuid}', '/v/{x:int}', false],
    ['/v/{x:path}', '/v/{x}', false], // /v/a\nb
    ['/v/{x:path}', '/v/{x:int}', true],
    ['/v/{x}', '/v/{x:path}', false],
    ['/v/{x}', '/v/{x:int}', true],
    ['/v/{x}', '/v/{x:float}', true],
    ['/v/{x:path}', '/v/', true],
    ['/v/{x}', '/v/', false],
    ['/{a}/{b}', '/x/y', true],
    ['/{a}/{b}', '/x/y/', false],
    ['/v/{x:int}', '/v/12', true],
    ['/v/{x:int}', '/v/1.5', false],
    ['/v/{x:float}', '/v/1.5', true],
    ['/v/{x:float}', '/v/1.', false],
    ['/v/{x}.json', '/v/a.json', true],
    ['/v/{x}.json', '/v/{y:int}.json', true],
    ['/v/{x:int}.json', '/v/{y}.json', false],
    ['/v/{a}-{b}', '/v/1-2-3', true],
    ['/v/{x:hex}', '/v/{y:int}', true],
    ['/v/{x:hex}', '/v/{y}', false],
    ['/v/{x:lower}', '/v/{y:hex}', true],
    ['/v/{x:hex}', '/v/{y:lower}', false],
    ['/v/{x:lower}', '/v/{y:word}', true],
  ];
  const convertors = convertorTable({ hex: '[0-9a-f]+', lower: '[a-z0-9]+', word: '[a-z]+' });
  test.each(pairs)('%s before %s: %s', (earlier, later, shadowed) => {
    const tree = router([api(`GET ${earlier}`), api(`GET ${later}`)], convertors);
    expect(shadowedNames(tree)).toEqual(shadowed ? [`GET ${later}`] : []);
  });

  test('several routes together cover one no single route covers', () => {
    const table = convertorTable({ alpha: '[^0-9/][^/]*', mixed: '[0-9]+[^0-9/][^/]*' });
    const tree = router([api('GET /v/{a:int}'), api('GET /v/{b:alpha}'), api('GET /v/{c:mixed}'), api('GET /v/{d}')], table);
    expect(summary(tree)).toEqual([
      { node: 'GET /v/{d}', methods: ['GET'], by: ['GET /v/{a:int}', 'GET /v/{b:alpha}', 'GET /v/{c:mixed}'], takenBy: 'GET /v/{b:alpha}', example: '/v/a' },
    ]);
    const twoOfThree = router([api('GET /v/{a:int}'), api('GET /v/{b:alpha}'), api('GET /v/{d}')], table);
    expect(shadowedNames(twoOfThree)).toEqual([]);
    expect(reachableExample(twoOfThree, twoOfThree.routes[2] as never, 'GET')).toMatch(/^\/v\/[0-9]+[^0-9/]/);
  });

  test("Python's Unicode \\d: proven only where it is certain", () => {
    const table = convertorTable({ digits: '\\d+' });
    expect(shadowedNames(router([api('GET /x/{d:digits}'), api('GET /x/{i:int}')], table))).toEqual(['GET /x/{i:int}']);
    // \d+ also matches non-ASCII digits, which reach the later route
    expect(shadowedNames(router([api('GET /x/{i:int}'), api('GET /x/{d:digits}')], table))).toEqual([]);
    expect(shadowedNames(router([api('GET /x/{d:digits}', 'one'), api('GET /x/{d:digits}', 'two')], table))).toEqual(['two']);
  });

  test('a path that fails to compile is skipped', () => {
    expect(shadowedNames(router([api('GET /x/{a:nope}'), api('GET /x/{b}'), api('GET /x/{c}/{c}'), api('GET /x/q')]))).toEqual(['GET /x/q']);
  });
});

describe('trailing slashes and "\\n"', () => {
  test('/a and /a/ do not shadow each other', () => {
    expect(shadowedNames(router([api('GET /a'), api('GET /a/'), api('GET /a')]))).toEqual(['GET /a']);
  });
  test('$ also matches before a final newline: /a takes "/a\\n"', () => {
    const tree = router([api('GET /a'), api('GET /a\n')]);
    expect(shadowedNames(tree)).toEqual([]);
    expect(reachableExample(tree, tree.routes[1] as never, 'GET')).toBe('/a\n\n');
    const reversed = router([api('GET /a\n'), api('GET /a')]);
    expect(reachableExample(reversed, reversed.routes[1] as never, 'GET')).toBe('/a');
    const withInt = router([api('GET /a/{p:path}'), api('GET /a/{n:int}')]);
    expect(summary(withInt)).toMatchObject([{ node: 'GET /a/{n:int}', takenBy: 'GET /a/{p:path}' }]);
  });
  test('"." excludes "\\n" but [^/] does not: {p:path} does not cover {x}', () => {
    const tree = router([api('GET /a/{p:path}'), api('GET /a/{x}')]);
    expect(shadowedNames(tree)).toEqual([]);
    const example = reachableExample(tree, tree.routes[1] as never, 'GET');
    expect(example).toMatch(/^\/a\/[^/]*\n[^/]*$/);
    expect(example!.endsWith('\n')).toBe(false);
  });
  test('{x} followed by {p:path} covers everything but the bare prefix', () => {
    expect(shadowedNames(router([api('GET /a/{x}'), api('GET /a/{p:path}'), api('GET /a/{q:path}')]))).toEqual(['GET /a/{q:path}']);
  });
});

describe('methods', () => {
  test('a route accepting every method shadows each method', () => {
    expect(summary(router([anyMethod('/x'), api('GET,POST /x')]))).toEqual([
      { node: 'GET,POST /x', methods: ['GET', 'POST'], by: ['/x'], takenBy: '/x', example: '/x' },
    ]);
  });
  test('a route accepting every method is only shadowed when every method is', () => {
    expect(shadowedNames(router([api('GET /x'), anyMethod('/x')]))).toEqual([]);
    expect(summary(router([anyMethod('/{p:path}'), anyMethod('/x')]))[0]).toMatchObject({ node: '/x', methods: 'all' });
  });
  test('only the shadowed methods are reported', () => {
    expect(summary(router([api('GET /x'), api('GET,POST /x')]))).toMatchObject([{ methods: ['GET'] }]);
  });
  test('HEAD: Starlette adds it to GET, FastAPI does not', () => {
    expect(summary(router([route('GET /x'), route('HEAD /x')]))).toMatchObject([{ node: 'HEAD /x', methods: ['HEAD'] }]);
    expect(shadowedNames(router([api('GET /x'), route('HEAD /x')]))).toEqual([]);
    // the Starlette route's GET is taken by the APIRoute, its HEAD still reaches it
    expect(summary(router([api('GET /x'), route('GET /x')]))).toMatchObject([{ node: 'GET /x', methods: ['GET'] }]);
    expect(summary(router([route('GET /x'), api('GET /x')]))).toMatchObject([{ methods: ['GET'] }]);
  });
});

describe('websockets, mounts, hosts, unresolved', () => {
  test('websocket routes are compared with websocket routes and mounts only', () => {
    expect(shadowedNames(router([api('GET /w'), anyMethod('/w'), ws('/w')]))).toEqual([]);
    expect(shadowedNames(router([ws('/w', 'one'), ws('/w', 'two')]))).toEqual(['two']);
    expect(shadowedNames(router([ws('/w/{x}'), api('GET /w/a')]))).toEqual([]);
    expect(summary(router([mount('/w'), ws('/w/x')]))).toMatchObject([{ node: '/w/x', methods: 'all', takenBy: 'mount /w' }]);
  });
  test('a mount is shadowed when both its http and websocket requests are taken', () => {
    expect(summary(router([mount('/s', undefined, 'one'), mount('/s/')]))).toMatchObject([{ node: 'mount /s/', methods: 'all', example: '/s/a', takenBy: 'mount /s' }]);
    expect(shadowedNames(router([anyMethod('/{p:path}'), mount('/s')]))).toEqual([]);
    expect(shadowedNames(router([anyMethod('/{p:path}'), ws('/{p:path}'), mount('/s')]))).toEqual(['mount /s']);
    expect(shadowedNames(router([api('GET /{p:path}'), ws('/{p:path}'), mount('/s')]))).toEqual([]);
  });
  test('routes inside a mounted router are analysed against that router, relative to the mount', () => {
    const inner = router([api('GET /{x}'), api('GET /me')], convertorTable(), 'Mount(/api)');
    const findings = findShadowedRoutes(router([api('GET /api/me'), mount('/api', inner)]));
    expect(findings.map((f) => [label(f.node), f.mountPrefix, f.example, f.router.label])).toEqual([['GET /me', '/api', '/me', 'Mount(/api)']]);
  });
  test('hosts and unresolved declarations take nothing', () => {
    const tree = router([
      { kind: 'host', host: '{sub}.example.com', name: null, target: { kind: 'opaque', label: 'x', reason: 'test' }, chain: [] },
      { kind: 'unresolved', reason: 'dynamic', what: 'include_router', chain: [] },
      api('GET /a'),
    ]);
    expect(findShadowedRoutes(tree)).toEqual([]);
  });
});

describe('reachableExample', () => {
  test('gives a path the route really handles', () => {
    const tree = router([api('GET /items/{id:int}'), api('GET /items/me'), api('GET /items/{name}')]);
    expect(reachableExample(tree, tree.routes[2] as never, 'GET')).toBe('/items/a');
    expect(reachableExample(tree, tree.routes[0] as never, 'GET')).toBe('/items/0');
    expect(reachableExample(tree, tree.routes[0] as never, 'POST')).toBeUndefined();
    const shadowed = router([api('GET /items/{name}'), api('GET /items/me')]);
    expect(reachableExample(shadowed, shadowed.routes[1] as never, 'GET')).toBeUndefined();
  });
});

describe('work budget', () => {
  const tiny = { maxNodesPerDecision: 5, maxNodesPerAnalysis: 5 };

  test('a route whose shortest remaining path is long is decided (no enumeration of word sets)', () => {
    // ROUTE_LENS_SEED=11 of the differential test: the example left after the mount is 38 characters long
    const tree = router([mount('/{p0}'), api('PUT /{p0:path}/{p1:uuid}')]);
    expect(analyseShadowing(tree)).toEqual({ findings: [], undecided: 0 });
    expect(reachableExample(tree, tree.routes[1] as never, 'PUT')).toMatch(/^\/\/[0-9a-f-]{36}$/);
  });

  test('past the budget a route is left undecided, never reported', () => {
    const tree = router([api('GET /files/{p:path}'), api('GET /files/{n:int}')]);
    expect(shadowedNames(tree)).toEqual(['GET /files/{n:int}']);
    expect(analyseShadowing(tree, tiny)).toEqual({ findings: [], undecided: 1 });
    expect(findShadowedRoutes(tree, tiny)).toEqual([]);
    expect(reachableExample(tree, tree.routes[1] as never, 'GET', 'http', tiny)).toBeUndefined();
  });

  test('an exact duplicate needs no automaton', () => {
    const tree = router([api('GET /items/{name}'), api('GET /items/{name}')]);
    expect(analyseShadowing(tree, tiny).findings.map((f) => label(f.node))).toEqual(['GET /items/{name}']);
  });
});

describe('RL003 diagnostics', () => {
  test('message, span and related information', () => {
    const file = 'main.py';
    const first = { ...api('GET /items/{name}'), span: { file, start: 100, end: 130 }, pathString: { value: '/items/{name}', offsets: [], file, span: { file, start: 110, end: 125 } } };
    const second = { ...api('GET /items/me'), span: { file, start: 200, end: 230 } };
    const tree = router([first, second]);
    const diagnostics = shadowedRouteDiagnostics(findShadowedRoutes(tree), (span) => (span.start === 110 ? 12 : undefined));
    expect(diagnostics).toEqual([
      {
        code: 'RL003',
        rule: 'shadowed-route',
        severity: 'warning',
        message: 'GET /items/me is never reached: GET /items/{name} (line 12) matches every request it would get, e.g. /items/me. Move this route before it.',
        span: { file, start: 200, end: 230 },
        related: [{ span: { file, start: 110, end: 125 }, message: 'takes /items/me first' }],
        fixes: [],
      },
    ]);
  });
});
