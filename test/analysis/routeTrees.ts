// Small builders for route trees in analysis tests.
import { builtinConvertors, withCustomConvertors } from '../../shared/routing/convertors';
import type { Convertor, ConvertorTable, MountNode, RouteNode, RouterTree, TableNode, WebSocketRouteNode } from '../../shared/routing/types';
import { ORACLE_VERSIONS } from '../../shared/versions';

export function convertorTable(custom: Record<string, string> = {}): ConvertorTable {
  const list: Convertor[] = Object.entries(custom).map(([name, regex]) => ({ name, regex, convert: 'custom' }));
  return withCustomConvertors(builtinConvertors(ORACLE_VERSIONS.starlette), list);
}

/** A table node without its index (distributes over the union). */
export type NodeSpec = TableNode extends infer T ? (T extends TableNode ? Omit<T, 'index'> : never) : never;

export function router(routes: NodeSpec[], convertors: ConvertorTable = convertorTable(), label = 'app'): RouterTree {
  return { kind: 'router', label, redirectSlashes: true, convertors, routes: routes.map((r, index) => ({ ...r, index }) as TableNode) };
}

/** FastAPI APIRoute: "GET,POST /path" (no HEAD added). */
export function api(spec: string, name = spec): Omit<RouteNode, 'index'> {
  const [methods, path] = splitSpec(spec);
  return { kind: 'route', flavor: 'api', path, methods, name, endpoint: null, chain: [] };
}

/** Starlette Route with a function endpoint: HEAD is added to GET. */
export function route(spec: string, name = spec): Omit<RouteNode, 'index'> {
  const [methods, path] = splitSpec(spec);
  const withHead = methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
  return { kind: 'route', flavor: 'starlette', path, methods: withHead, name, endpoint: null, chain: [] };
}

/** Starlette Route with a class / ASGI endpoint: every method. */
export function anyMethod(path: string, name = path): Omit<RouteNode, 'index'> {
  return { kind: 'route', flavor: 'starlette', path, methods: null, name, endpoint: null, chain: [] };
}

export function ws(path: string, name = path): Omit<WebSocketRouteNode, 'index'> {
  return { kind: 'websocket', flavor: 'starlette', path, name, endpoint: null, chain: [] };
}

export function mount(path: string, target?: RouterTree, name: string | null = null): Omit<MountNode, 'index'> {
  return { kind: 'mount', path, name, target: target ?? { kind: 'opaque', label: 'StaticFiles', reason: 'test' }, chain: [] };
}

function splitSpec(spec: string): [string[], string] {
  const space = spec.indexOf(' ');
  return [spec.slice(0, space).split(','), spec.slice(space + 1)];
}
