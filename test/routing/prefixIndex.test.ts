import { describe, expect, it } from 'vitest';
import { builtinConvertors, withCustomConvertors } from '../../shared/routing/convertors';
import { matchRequest } from '../../shared/routing/matcher';
import { buildPrefixIndex, candidates, pathIndexKey } from '../../shared/routing/prefixIndex';
import { compilePath } from '../../shared/routing/compilePath';
import type { MatchOutcome, MatchRequest, RouterTree, TableNode } from '../../shared/routing/types';
import { mulberry32 } from '../differential/gen/rng';

const convertors = withCustomConvertors(builtinConvertors([0, 26, 1]), [
  { name: 'slashy', regex: '[a/]+', convert: 'custom' },
  { name: 'digits', regex: '[0-9]+', convert: 'custom' },
]);

const LITERALS = ['/', '/a', '/b', '/a/', 'a', 'b', '.', '\n', '/ab', '/é', '/😀', '', '/a\n'];
const PARAMS = ['{x}', '{x:int}', '{x:float}', '{x:path}', '{x:uuid}', '{x:slashy}', '{x:digits}', '{y}', '{y:int}'];
const SEGMENTS = ['a', 'b', 'ab', '7', '007', '1.5', 'é', '😀', '', '\n', '12345678-1234-5678-1234-567812345678', 'a\n', '7\n'];

function template(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  let t = '/' + (r() < 0.5 ? pick(['a', 'b', '']) : '');
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) t += r() < 0.5 ? pick(LITERALS) : pick(PARAMS);
  return t;
}

function randomPath(r: () => number, templates: string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Instantiate a template with random segment values, then maybe damage it.
  let p = pick(templates).replace(/\{[^}]*\}/g, () => (r() < 0.2 ? pick(SEGMENTS) + '/' + pick(SEGMENTS) : pick(SEGMENTS)));
  const x = r();
  if (x < 0.15) p += '\n';
  else if (x < 0.3) p += '/';
  else if (x < 0.4) p = Array.from(p).slice(0, Math.floor(r() * Array.from(p).length)).join('');
  else if (x < 0.5) p = p.replace(/\/+$/, '');
  return encodeURI(p).replace(/%25/g, '%');
}

function randomTable(r: () => number, size: number, depth = 0): RouterTree {
  const routes: TableNode[] = [];
  for (let i = 0; i < size; i++) {
    const x = r();
    const base = { index: i, chain: [] };
    if (x < 0.05) routes.push({ ...base, kind: 'unresolved', reason: 'dynamic', what: 'route' });
    else if (x < 0.08) routes.push({ ...base, kind: 'host', host: r() < 0.5 ? 'example.com' : '{sub}.example.com', name: null, target: randomTable(r, 4, depth + 1) });
    else if (x < 0.15 && depth < 2) routes.push({ ...base, kind: 'mount', path: r() < 0.2 ? '' : template(r), name: null, target: randomTable(r, 6, depth + 1) });
    else if (x < 0.2) routes.push({ ...base, kind: 'websocket', flavor: 'starlette', path: template(r), name: `ws${i}`, endpoint: null });
    else {
      const methods = r() < 0.2 ? null : r() < 0.5 ? ['GET'] : ['POST', 'PUT'];
      routes.push({ ...base, kind: 'route', flavor: r() < 0.5 ? 'api' : 'starlette', path: r() < 0.03 ? 'nolead' : template(r), methods, name: `r${i}`, endpoint: null });
    }
  }
  return { kind: 'router', label: `t${depth}`, redirectSlashes: r() < 0.8, routes, convertors };
}

function templatesOf(tree: RouterTree, prefix = ''): string[] {
  return tree.routes.flatMap((n) =>
    n.kind === 'route' || n.kind === 'websocket' ? [prefix + n.path] : n.kind === 'mount' && n.target.kind === 'router' ? templatesOf(n.target, prefix + n.path) : [],
  );
}

const withoutTrace = (o: MatchOutcome) => ({ ...o, trace: [] });

describe('prefix index', () => {
  it('keys follow the literal text and segment params only', () => {
    const key = (t: string) => {
      const c = compilePath(t, convertors);
      if (!c.ok) throw new Error(c.error.message);
      return pathIndexKey(c.compiled);
    };
    expect(key('/a/{x:int}/b/{y}')).toEqual({ parts: ['/a/', '/b/', ''], complete: true });
    expect(key('/a/{x}.json')).toEqual({ parts: ['/a/'], complete: false });
    expect(key('/a/{x:path}')).toEqual({ parts: ['/a/'], complete: false });
    expect(key('/a/{x:slashy}/b')).toEqual({ parts: ['/a/'], complete: false });
    // A custom convertor with a built-in's regex behaves like it.
    expect(key('/a/{x:digits}')).toEqual({ parts: ['/a/', ''], complete: true });
    expect(key('host.{x}')).toEqual({ parts: [''], complete: false });
  });

  it('keeps a literal route a candidate for its path plus a final newline, and partial keys for longer paths', () => {
    const index = buildPrefixIndex([
      { parts: ['/a'], complete: true },
      { parts: [''], complete: false },
      { parts: ['/a/', ''], complete: true },
      { parts: ['/a/'], complete: false },
    ]);
    expect(candidates(index, '/a')).toEqual([0, 1]);
    expect(candidates(index, '/a\n')).toEqual([0, 1]);
    expect(candidates(index, '/a\n\n')).toEqual([1]);
    expect(candidates(index, '/a/x')).toEqual([1, 2, 3]);
    expect(candidates(index, '/a/x\n')).toEqual([1, 2, 3]);
    expect(candidates(index, '/a/x/y')).toEqual([1, 3]);
    expect(candidates(index, '/a/')).toEqual([1, 3]);
  });

  it('gives the same answers as the full linear scan on random tables (2,000 requests per seed)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const r = mulberry32(seed);
      const tree = randomTable(r, 60);
      const templates = templatesOf(tree);
      for (let i = 0; i < 200; i++) {
        const req: MatchRequest = {
          type: r() < 0.85 ? 'http' : 'websocket',
          method: r() < 0.6 ? 'GET' : r() < 0.5 ? 'POST' : 'DELETE',
          rawPath: randomPath(r, templates),
          host: r() < 0.3 ? 'a.example.com:80' : 'example.com',
        };
        const fast = matchRequest(tree, req);
        const linear = matchRequest(tree, req, { trace: true });
        expect(withoutTrace(fast), JSON.stringify(req)).toEqual(withoutTrace(linear));
        compared++;
      }
    }
    expect(compared).toBe(2000);
  });
});
