// A realistic request mix over a served app's table: hits on every kind of route, 405s,
// slash redirects and 404s, seeded.
import type { RouterTree, TableNode } from '../shared/routing/types';

export interface BenchRequest {
  method: string;
  rawPath: string;
  query: string;
  kind: 'hit' | 'method' | 'redirect' | 'missing';
}

const SAMPLE: Record<string, string> = {
  int: '42',
  float: '1.5',
  uuid: '12345678-1234-5678-1234-567812345678',
  path: 'docs/a/b.txt',
  str: 'abc',
};

interface Leaf {
  template: string;
  methods: string[] | null;
}

function leaves(tree: RouterTree, prefix = '', out: Leaf[] = [], seen = new Set<RouterTree>()): Leaf[] {
  if (seen.has(tree)) return out;
  seen.add(tree);
  for (const n of tree.routes as TableNode[]) {
    if (n.kind === 'route') out.push({ template: prefix + n.path, methods: n.methods });
    else if (n.kind === 'mount' && n.target.kind === 'router') leaves(n.target, prefix + n.path, out, seen);
  }
  return out;
}

function instantiate(template: string): string | null {
  let ok = true;
  const path = template.replace(/\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?\}/g, (_m, _name: string, conv?: string) => {
    const v = SAMPLE[conv ?? 'str'];
    if (v === undefined) ok = false;
    return v ?? '';
  });
  return ok ? path : null;
}

export function requestMix(tree: RouterTree, count: number, seed: number): BenchRequest[] {
  let a = seed >>> 0;
  const r = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const routes = leaves(tree).filter((l) => instantiate(l.template) !== null);
  const out: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const leaf = routes[Math.floor(r() * routes.length)]!;
    const path = instantiate(leaf.template)!;
    const x = r();
    const query = r() < 0.2 ? `page=${i % 7}&q=x` : '';
    if (x < 0.55) out.push({ method: leaf.methods?.[0] ?? 'GET', rawPath: path, query, kind: 'hit' });
    else if (x < 0.7) out.push({ method: leaf.methods?.includes('PATCH') ? 'PUT' : 'PATCH', rawPath: path, query, kind: 'method' });
    else if (x < 0.85 && path !== '/') out.push({ method: leaf.methods?.[0] ?? 'GET', rawPath: path.endsWith('/') ? path.replace(/\/+$/, '') : path + '/', query, kind: 'redirect' });
    else out.push({ method: 'GET', rawPath: `${path.replace(/\/[^/]*$/, '')}/no-such-${i}/x`, query, kind: 'missing' });
  }
  return out;
}
