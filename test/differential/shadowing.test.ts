// Seeded random route tables: every route flagged shadowed must never handle a request in the
// real Starlette, and every route not flagged must handle the example the analysis gives for it.
import { beforeAll, expect, test } from 'vitest';
import { findShadowedRoutes, reachableExample, type AnalysedNode } from '../../shared/analysis/shadowing';
import type { RouterTree } from '../../shared/routing/types';
import { requireOracle, runOracle } from '../oracle/oracle';
import { anyMethod, api, convertorTable, mount, route, router, ws, type NodeSpec } from '../analysis/routeTrees';
import { mulberry32, suiteSeed } from './gen/rng';

const CUSTOM = { hex: '[0-9a-f]+', word: '[a-z]+', ver: 'v[0-9]+(?:\\.[0-9]+)?' };
const CONVERTORS = convertorTable(CUSTOM);
const TABLES = 70;
const UNLISTED_METHOD = 'ZZZ';

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const LITERALS = ['a', 'b', 'me', 'items', '1', '1.5', 'x.json', 'v2', 'ff'];
const CONVERTOR_NAMES = ['', ':int', ':float', ':path', ':uuid', ':hex', ':word', ':ver', ':str'];
const VALUES: Record<string, string[]> = {
  str: ['me', 'a', '1', '1.5', 'a\nb', 'x y', 'ff', 'v2', 'é', '12345678-1234-1234-1234-123456789abc'],
  int: ['1', '007', '42'],
  float: ['1.5', '2', '0.25'],
  path: ['', 'a', 'a/b', 'me', '1', 'a\nb', 'items/me', '1.5/x'],
  uuid: ['12345678-1234-1234-1234-123456789abc'],
  hex: ['ff', '1', 'abc'],
  word: ['me', 'a', 'items'],
  ver: ['v2', 'v1.5'],
};

function randomPath(rand: Rand, maxSegments: number): string {
  const n = 1 + Math.floor(rand() * maxSegments);
  const segments: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rand() < 0.45) segments.push(`{p${i}${pick(rand, CONVERTOR_NAMES)}}`);
    else segments.push(pick(rand, LITERALS));
  }
  let path = '/' + segments.join('/');
  if (rand() < 0.12) path += '/';
  if (rand() < 0.04) path += '\n';
  return path;
}

function randomNode(rand: Rand, i: number): NodeSpec {
  const r = rand();
  const methods = pick(rand, ['GET', 'POST', 'GET,POST', 'PUT', 'HEAD']);
  const path = randomPath(rand, 3);
  if (r < 0.6) return api(`${methods} ${path}`, `r${i}`);
  if (r < 0.75) return route(`${methods} ${path}`, `r${i}`);
  if (r < 0.82) return anyMethod(path, `r${i}`);
  if (r < 0.9) return ws(path, `r${i}`);
  return mount(randomPath(rand, 1).replace(/\n$/, ''), undefined, `r${i}`);
}

function instantiate(rand: Rand, template: string): string {
  return template.replace(/{[a-z0-9]+(?::([a-z]+))?}/g, (_, conv: string | undefined) => pick(rand, VALUES[conv ?? 'str']!));
}

interface Req {
  type: 'http' | 'websocket';
  method: string;
  path: string;
}

interface Check {
  table: number;
  request: number;
  expect: 'handler' | 'not-handler';
  node: number;
  why: string;
}

const tables: RouterTree[] = [];
const requests: Req[][] = [];
const checks: Check[] = [];
let flaggedCount = 0;
let exampleCount = 0;

function nodeMethods(node: AnalysedNode): (string | undefined)[] {
  if (node.kind === 'route') return node.methods === null ? [undefined] : node.methods;
  return [undefined];
}

beforeAll(() => {
  requireOracle();
  const rand = mulberry32(suiteSeed('shadowing'));
  for (let t = 0; t < TABLES; t++) {
    const size = 3 + Math.floor(rand() * 10);
    const tree = router(
      Array.from({ length: size }, (_, i) => randomNode(rand, i)),
      CONVERTORS,
    );
    const reqs: Req[] = [];
    const add = (req: Req): number => reqs.push(req) - 1;
    const findings = findShadowedRoutes(tree);
    tree.routes.forEach((node, index) => {
      if (node.kind !== 'route' && node.kind !== 'websocket' && node.kind !== 'mount') return;
      const finding = findings.find((f) => f.node === node);
      const template = node.kind === 'mount' ? node.path.replace(/\/+$/, '') + '/{path:path}' : node.path;
      // random requests the node's own regex may match, in every scope/method it takes
      const variants: Req[] = [];
      for (let k = 0; k < 6; k++) {
        let path = instantiate(rand, template);
        if (rand() < 0.1) path += '\n';
        if (node.kind === 'websocket') variants.push({ type: 'websocket', method: 'GET', path });
        else if (node.kind === 'mount') variants.push({ type: rand() < 0.5 ? 'websocket' : 'http', method: pick(rand, ['GET', 'POST', UNLISTED_METHOD]), path });
        else for (const m of nodeMethods(node)) variants.push({ type: 'http', method: m ?? pick(rand, ['GET', 'DELETE', UNLISTED_METHOD]), path });
      }
      for (const req of variants) {
        const shadowedForIt = finding && (finding.methods === 'all' || finding.methods.includes(req.method));
        const r = add(req);
        if (shadowedForIt) checks.push({ table: t, request: r, expect: 'not-handler', node: index, why: `flagged ${JSON.stringify(finding.methods)}` });
      }
      if (finding) flaggedCount++;
      // the analysis's own example for each method it does not flag
      const scopes: { method?: string; scope: 'http' | 'websocket' }[] =
        node.kind === 'websocket' ? [{ scope: 'websocket' }] : node.kind === 'mount' ? [{ scope: 'http' }, { scope: 'websocket' }] : nodeMethods(node).map((method) => ({ method, scope: 'http' as const }));
      const examples = scopes.map((s) => ({ ...s, example: reachableExample(tree, node, s.method, s.scope) }));
      for (const { method, scope, example } of examples) {
        const flaggedHere = finding && (finding.methods === 'all' || (method !== undefined && finding.methods.includes(method)));
        if (flaggedHere) {
          expect(example, `table ${t} node ${index}: flagged yet an example`).toBeUndefined();
          continue;
        }
        if (example === undefined) continue;
        exampleCount++;
        const r = add({ type: scope, method: method ?? UNLISTED_METHOD, path: example });
        checks.push({ table: t, request: r, expect: 'handler', node: index, why: 'reachable example' });
      }
      if (!finding) {
        // every node the analysis does not flag must have at least one proven example
        expect(
          examples.some((e) => e.example !== undefined),
          `table ${t} node ${index} (${template}) is neither flagged nor given an example`,
        ).toBe(true);
      }
    });
    tables.push(tree);
    requests.push(reqs);
  }
});

test('flagged routes never handle a request; examples of the others reach them (real Starlette)', () => {
  const cases = tables.map((tree, t) => ({
    op: 'shadow_handlers',
    convertors: CUSTOM,
    routes: tree.routes.map((n) =>
      n.kind === 'route'
        ? { kind: 'route', flavor: n.flavor, path: n.path, methods: n.flavor === 'starlette' && n.methods ? n.methods.filter((m) => m !== 'HEAD' || !n.methods!.includes('GET')) : n.methods }
        : n.kind === 'mount'
          ? { kind: 'mount', path: n.path }
          : { kind: 'websocket', path: n.kind === 'websocket' ? n.path : '' },
    ),
    requests: requests[t],
  }));
  const results = runOracle<{ handler: number | null; matching: number[] }[]>(cases);
  const failures: string[] = [];
  let ownMatches = 0;
  for (const check of checks) {
    const result = results[check.table]!;
    if (!('ok' in result)) throw new Error(`table ${check.table}: ${JSON.stringify(result.error)}`);
    const got = result.ok[check.request]!;
    const req = requests[check.table]![check.request]!;
    const node = tables[check.table]!.routes[check.node]!;
    const describe = `table ${check.table} node ${check.node} ${JSON.stringify(node.kind === 'route' ? [node.methods, node.path] : 'path' in node ? node.path : node.kind)} ${check.why}: ${req.type} ${req.method} ${JSON.stringify(req.path)} -> handler ${got.handler}`;
    if (check.expect === 'handler' && got.handler !== check.node) failures.push(describe);
    if (check.expect === 'not-handler') {
      if (got.matching.includes(check.node)) ownMatches++;
      if (got.handler === check.node) failures.push(describe);
    }
  }
  expect(failures).toEqual([]);
  const total = requests.reduce((n, r) => n + r.length, 0);
  console.log(`${TABLES} tables, ${total} requests, ${flaggedCount} flagged nodes, ${ownMatches} requests matching a flagged route's regex, ${exampleCount} examples checked`);
  expect(flaggedCount).toBeGreaterThan(20);
  expect(ownMatches).toBeGreaterThan(100);
  expect(exampleCount).toBeGreaterThan(300);
});
