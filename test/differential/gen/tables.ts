// Seeded route tables (a JSON description the oracle builds with the real classes, and the
// RouterTree the engine gets for the same app) and requests aimed at them.
import { builtinConvertors, withCustomConvertors } from '../../../shared/routing/convertors';
import type { MatchRequest, RouterTree, TableNode } from '../../../shared/routing/types';
import { ORACLE_VERSIONS } from '../../../shared/versions';
import type { Rng } from './rng';
import { CUSTOM_CONVERTORS, fill, genTemplate, type CustomConvertorDesc, type TemplateSpec } from './templates';

export type NodeDesc =
  | { t: 'route'; id: string; path: string; methods: string[] | null; endpoint: 'function' | 'class' }
  | { t: 'ws'; id: string; path: string }
  | { t: 'mount'; id: string; path: string; redirectSlashes: boolean; routes: NodeDesc[] }
  | { t: 'opaque'; id: string; path: string }
  | { t: 'host'; id: string; host: string; redirectSlashes: boolean; routes: NodeDesc[] }
  | { t: 'api'; id: string; path: string; methods: string[] | null }
  | { t: 'apiws'; id: string; path: string }
  | { t: 'include'; prefix: string; routerPrefix: string; routes: NodeDesc[] };

export interface TableDesc {
  kind: 'starlette' | 'fastapi';
  docs: boolean;
  redirectSlashes: boolean;
  routes: NodeDesc[];
}

/** A place a request can aim at: the full template (mount prefixes included) and the host it needs. */
export interface Target {
  spec: TemplateSpec;
  host: TemplateSpec | null;
  websocket: boolean;
}

const METHOD_SETS: (string[] | null)[] = [null, ['GET'], ['POST'], ['GET', 'POST'], ['put', 'Delete'], ['HEAD'], [], ['PATCH', 'OPTIONS']];
const MOUNT_PATHS = ['/m', '/m/', '/api', '/{tenant}', '/api/{v:int}', '/static', '/users/{uid:uuid}', '/ü'];
const HOSTS = ['{sub}.example.com', 'api.example.com', 'api.example.com:8000', '{a}.{b:int}.test:80', 'Example.COM'];
const PREFIXES = ['', '/v1', '/api', '/{org}', '/ü'];

interface GenState {
  rng: Rng;
  customs: readonly CustomConvertorDesc[];
  next: number;
  targets: Target[];
}

function id(s: GenState, kind: string): string {
  return `${kind}${s.next++}`;
}

function validPath(s: GenState): TemplateSpec {
  return genTemplate(s.rng, { valid: true, customs: s.customs });
}

function concatSpec(a: TemplateSpec, b: TemplateSpec): TemplateSpec {
  return { template: a.template + b.template, params: [...a.params, ...b.params] };
}

function specOf(template: string): TemplateSpec {
  const params = [...template.matchAll(/{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}/g)].map((m) => ({
    name: m[1]!,
    convertor: m[2] ? m[2].slice(1) : 'str',
  }));
  return { template, params };
}

function starletteNodes(s: GenState, depth: number, count: number): NodeDesc[] {
  const out: NodeDesc[] = [];
  for (let i = 0; i < count; i++) {
    const r = s.rng.next();
    if (r < 0.55 || depth >= 2) {
      const spec = validPath(s);
      const endpoint = s.rng.chance(0.2) ? 'class' : 'function';
      out.push({ t: 'route', id: id(s, 'r'), path: spec.template, methods: s.rng.pick(METHOD_SETS), endpoint });
    } else if (r < 0.68) {
      const spec = validPath(s);
      out.push({ t: 'ws', id: id(s, 'w'), path: spec.template });
    } else if (r < 0.85) {
      const path = s.rng.chance(0.05) ? '' : s.rng.pick(MOUNT_PATHS);
      const routes = starletteNodes(s, depth + 1, s.rng.int(1, 4));
      out.push({ t: 'mount', id: id(s, 'm'), path, redirectSlashes: s.rng.chance(0.7), routes });
    } else if (r < 0.92) {
      const path = s.rng.pick(MOUNT_PATHS);
      out.push({ t: 'opaque', id: id(s, 'o'), path });
    } else {
      const routes = starletteNodes(s, depth + 1, s.rng.int(1, 3));
      out.push({ t: 'host', id: id(s, 'h'), host: s.rng.pick(HOSTS), redirectSlashes: s.rng.chance(0.7), routes });
    }
  }
  return out;
}

/** FastAPI nodes for an APIRouter whose own prefix is `routerPrefix` (already in `prefixSeen`'s paths). */
function fastapiNodes(s: GenState, depth: number, count: number, routerPrefix: string): NodeDesc[] {
  const out: NodeDesc[] = [];
  for (let i = 0; i < count; i++) {
    const r = s.rng.next();
    if (r < 0.5 || depth >= 2) {
      let path = validPath(s).template;
      if (s.rng.chance(0.03)) path = path.replace(/^\//, '') || 'items';
      if (routerPrefix === '' && path === '') path = '/';
      // methods=[] makes FastAPI's generate_unique_id assert: the app would not start.
      out.push({ t: 'api', id: id(s, 'a'), path, methods: s.rng.pick(METHOD_SETS.filter((m) => m === null || m.length > 0)) });
    } else if (r < 0.6) {
      out.push({ t: 'apiws', id: id(s, 'aw'), path: validPath(s).template });
    } else if (r < 0.75) {
      const spec = validPath(s);
      out.push({ t: 'route', id: id(s, 'r'), path: spec.template, methods: s.rng.pick(METHOD_SETS), endpoint: s.rng.chance(0.2) ? 'class' : 'function' });
    } else if (r < 0.8 && depth === 0) {
      out.push(...starletteNodes(s, 1, 1));
    } else {
      // Prefix params get fresh names: a name repeated along one path is a startup error.
      const prefix = () => s.rng.pick(PREFIXES).replace('{org}', `{org${s.next++}}`);
      const childPrefix = prefix();
      out.push({ t: 'include', prefix: prefix(), routerPrefix: childPrefix, routes: fastapiNodes(s, depth + 1, s.rng.int(1, 4), childPrefix) });
    }
  }
  return out;
}

export interface GeneratedTable {
  desc: TableDesc;
  customs: CustomConvertorDesc[];
  targets: Target[];
}

export function genTable(rng: Rng): GeneratedTable {
  const customs = rng.chance(0.5) ? [rng.pick(CUSTOM_CONVERTORS), rng.pick(CUSTOM_CONVERTORS)].filter((c, i, a) => a.indexOf(c) === i) : [];
  const s: GenState = { rng, customs, next: 0, targets: [] };
  const kind = rng.chance(0.5) ? 'fastapi' : 'starlette';
  const routes = kind === 'starlette' ? starletteNodes(s, 0, rng.int(2, 8)) : fastapiNodes(s, 0, rng.int(2, 8), '');
  const desc: TableDesc = { kind, docs: rng.chance(0.6), redirectSlashes: rng.chance(0.85), routes };
  const tree = toTree(desc, customs);
  collectTargets(tree, { template: '', params: [] }, null, s.targets);
  return { desc, customs, targets: s.targets };
}


/** Targets from the final tree (covers include_router copies, whose paths only exist there). */
function collectTargets(tree: RouterTree, prefix: TemplateSpec, host: TemplateSpec | null, out: Target[]): void {
  for (const n of tree.routes) {
    if (n.kind === 'route' || n.kind === 'websocket') {
      out.push({ spec: concatSpec(prefix, specOf(n.path)), host, websocket: n.kind === 'websocket' });
    } else if (n.kind === 'mount') {
      const mountSpec = concatSpec(prefix, specOf(n.path.replace(/\/+$/, '')));
      out.push({ spec: concatSpec(mountSpec, specOf(n.target.kind === 'router' ? '' : '/x')), host, websocket: false });
      if (n.target.kind === 'router') collectTargets(n.target, mountSpec, host, out);
    } else if (n.kind === 'host' && n.target.kind === 'router') {
      collectTargets(n.target, prefix, specOf(n.host), out);
    }
  }
}

// ---- the engine's view of the same table ----

type Flat = { node: NodeDesc; path: string };

/** The routes an APIRouter holds after its add_* and include_router calls (FastAPI < 0.137: copies). */
function flattenRouter(nodes: NodeDesc[], routerPrefix: string): Flat[] {
  const out: Flat[] = [];
  for (const n of nodes) {
    switch (n.t) {
      case 'api':
      case 'apiws':
        out.push({ node: n, path: routerPrefix + n.path });
        break;
      case 'route':
      case 'ws':
        out.push({ node: n, path: n.path });
        break;
      case 'mount':
      case 'opaque':
        out.push({ node: n, path: n.path });
        break;
      case 'host':
        out.push({ node: n, path: n.host });
        break;
      case 'include':
        for (const c of flattenRouter(n.routes, n.routerPrefix)) {
          const t = c.node.t;
          if (t === 'api' || t === 'apiws') out.push({ node: c.node, path: routerPrefix + n.prefix + c.path });
          else if (t === 'route' || t === 'ws') out.push({ node: c.node, path: n.prefix + c.path });
          // Mount and Host inside an included router are dropped by include_router.
        }
        break;
    }
  }
  return out;
}

export function toTree(desc: TableDesc, customs: readonly CustomConvertorDesc[]): RouterTree {
  const convertors = withCustomConvertors(
    builtinConvertors(ORACLE_VERSIONS.starlette),
    customs.map((c) => ({ name: c.name, regex: c.regex, convert: 'custom' as const })),
  );
  const routerOf = (label: string, redirectSlashes: boolean, flat: Flat[]): RouterTree => {
    const tree: RouterTree = { kind: 'router', label, redirectSlashes, routes: [], convertors };
    tree.routes = flat.map((f, index) => nodeOf(f, index));
    return tree;
  };
  const nodeOf = (f: Flat, index: number): TableNode => {
    const n = f.node;
    const base = { index, chain: [] };
    switch (n.t) {
      case 'route': {
        const isFunction = n.endpoint === 'function';
        const methods = n.methods ?? (isFunction ? ['GET'] : null);
        return { ...base, kind: 'route', flavor: 'starlette', path: f.path, methods, name: n.id, endpoint: { name: n.id, isFunction } };
      }
      case 'api':
        return { ...base, kind: 'route', flavor: 'api', path: f.path, methods: n.methods ?? ['GET'], name: n.id, endpoint: { name: n.id, isFunction: true } };
      case 'ws':
      case 'apiws':
        return { ...base, kind: 'websocket', flavor: n.t === 'ws' ? 'starlette' : 'api', path: f.path, name: n.id, endpoint: { name: n.id, isFunction: true } };
      case 'mount':
        return { ...base, kind: 'mount', path: f.path, name: n.id, target: routerOf(`Mount(${n.path})`, n.redirectSlashes, flattenRouter(n.routes, '')) };
      case 'opaque':
        return { ...base, kind: 'mount', path: f.path, name: n.id, target: { kind: 'opaque', label: 'OpaqueApp', reason: 'an ASGI app' } };
      case 'host':
        return { ...base, kind: 'host', host: n.host, name: n.id, target: routerOf(`Host(${n.host})`, n.redirectSlashes, flattenRouter(n.routes, '')) };
      case 'include':
        throw new Error('flattened away');
    }
  };
  const flat = flattenRouter(desc.routes, '');
  const docs: Flat[] = [];
  if (desc.kind === 'fastapi' && desc.docs) {
    for (const [name, path] of [['openapi', '/openapi.json'], ['swagger_ui_html', '/docs'], ['swagger_ui_redirect', '/docs/oauth2-redirect'], ['redoc_html', '/redoc']] as const) {
      docs.push({ node: { t: 'route', id: name, path, methods: null, endpoint: 'function' }, path });
    }
  }
  const tree = routerOf('app', desc.redirectSlashes, [...docs, ...flat]);
  for (const n of tree.routes.slice(0, docs.length)) if (n.kind === 'route') n.flavor = 'docs';
  return tree;
}

// ---- requests ----

const METHODS = ['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'FOO'];
const NON_ASCII_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/** The request target a client would send for a decoded path, with random but valid choices. */
export function encodePath(rng: Rng, decoded: string): string {
  let out = '';
  const hex = (b: number) => {
    const h = b.toString(16).padStart(2, '0');
    return '%' + (rng.chance(0.3) ? h : h.toUpperCase());
  };
  for (const ch of decoded) {
    if (ch.length === 1 && NON_ASCII_SAFE.test(ch) && !rng.chance(0.05)) out += ch;
    else if (ch.charCodeAt(0) > 127 && rng.chance(0.1)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += hex(b);
  }
  return out;
}

function mutate(rng: Rng, raw: string): string {
  switch (rng.int(0, 13)) {
    case 0:
      return raw.endsWith('/') ? raw.replace(/\/+$/, '') : raw + '/';
    case 1:
      return raw + '//';
    case 2:
      return Array.from(raw).slice(0, -1).join('');
    case 3:
      return raw + '%0A';
    case 4:
      return raw + '%0a%0A';
    case 5:
      return raw + '%0D';
    case 6:
      return raw + '/.';
    case 7:
      return raw + '/../x';
    case 8:
      return raw.toUpperCase();
    case 9:
      return raw + rng.pick(['%zz', '%C3%28', '%FF', '%E2%82', '%', '%EF%BB%BFx', '%F0%9F%98%80', '%2F', '%25', '%3F', '%23']);
    case 10:
      return '/' + raw;
    case 11:
      return raw.replace(/[0-9]/, '١');
    case 12:
      return raw + '%E2%80%A8';
    default:
      return raw;
  }
}

export function genRequests(rng: Rng, table: GeneratedTable, count: number): MatchRequest[] {
  const out: MatchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const target = table.targets.length && !rng.chance(0.08) ? rng.pick(table.targets) : null;
    let decoded = target ? fill(rng, target.spec) : rng.pick(['/', '', '/nothing', '//', '/docs/', '/openapi.json']);
    if (decoded === '' && rng.chance(0.7)) decoded = '/';
    let raw = encodePath(rng, decoded);
    if (rng.chance(0.5)) raw = mutate(rng, raw);
    const websocket = target ? (target.websocket ? !rng.chance(0.15) : rng.chance(0.05)) : rng.chance(0.1);
    const req: MatchRequest = { type: websocket ? 'websocket' : 'http', method: websocket ? 'GET' : rng.pick(METHODS), rawPath: raw };
    const hostChoice = rng.next();
    if (target?.host && hostChoice < 0.8) req.host = fill(rng, target.host, (c) => (c === 'int' ? rng.pick(['1', '007', '80']) : rng.pick(['a', 'ab-c', 'x.y', 'A']))) + (rng.chance(0.3) ? ':8080' : '');
    else if (hostChoice < 0.6) req.host = rng.pick(['example.com', 'EXAMPLE.com:8000', 'a.example.com', 'api.example.com', 'bad host', 'ü.example', '[::1]:80', 'x:y:z', '']);
    if (rng.chance(0.2)) req.query = rng.pick(['a=1', 'a=1&b=%20x', 'q=é', 'x', 'a b']);
    if (rng.chance(0.2)) req.scheme = websocket ? 'wss' : 'https';
    if (rng.chance(0.15)) req.rootPath = rng.pick(['/root', '/r/', 'x']);
    if (rng.chance(0.3)) req.server = rng.pick([{ host: 'srv', port: 8000 }, { host: 'srv', port: 80 }, { host: '127.0.0.1', port: 443 }]);
    out.push(req);
  }
  return out;
}
