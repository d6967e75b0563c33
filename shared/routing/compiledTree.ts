// A RouterTree compiled once for matching: every template compiled, methods as sets, a
// literal prefix per path for a cheap pre-check, and an index of those prefixes so a path only
// visits the nodes that could match it. Cached per tree object.
import { compilePath } from './compilePath';
import { buildPrefixIndex, MATCH_EVERY_PATH, pathIndexKey, type IndexKey, type PrefixIndex } from './prefixIndex';
import type {
  CompiledPath,
  HostNode,
  MountNode,
  OpaqueApp,
  RouteNode,
  RouterTree,
  TableNode,
  TemplateError,
  UnresolvedNode,
  WebSocketRouteNode,
} from './types';

export interface PathMatcher {
  compiled: CompiledPath;
  /** Leading literal text every matching string starts with ("" for hosts or a leading param). */
  prefix: string;
  /** Template without params: matches exactly `literal` or `literal + "\n"` (Python's `$`). */
  literal: string | null;
}

export type CompiledNode =
  | { kind: 'route'; node: RouteNode; path: PathMatcher; methods: ReadonlySet<string> | null }
  | { kind: 'websocket'; node: WebSocketRouteNode; path: PathMatcher }
  | { kind: 'mount'; node: MountNode; path: PathMatcher; prefix: string; target: CompiledRouter | OpaqueApp }
  | { kind: 'host'; node: HostNode; path: PathMatcher; target: CompiledRouter | OpaqueApp }
  | { kind: 'unresolved'; node: UnresolvedNode; reason: string }
  /** The framework would refuse this declaration at startup; the engine skips it as uncertain. */
  | { kind: 'invalid'; node: TableNode; reason: string; error: TemplateError | null };

export interface CompiledRouter {
  tree: RouterTree;
  nodes: CompiledNode[];
  /** Candidate nodes (by position in `nodes`) for a path: see prefixIndex. */
  index: PrefixIndex;
}

const cache = new WeakMap<RouterTree, CompiledRouter>();

export function compileRouter(tree: RouterTree): CompiledRouter {
  let compiled = cache.get(tree);
  if (!compiled) {
    const nodes = tree.routes.map((n) => compileNode(n, tree));
    compiled = { tree, nodes, index: buildPrefixIndex(nodes.map(indexKey)) };
    cache.set(tree, compiled);
  }
  return compiled;
}

/**
 * What every path this node can match looks like (see prefixIndex). Hosts match the Host header,
 * not the path, and skipped declarations must still be passed (they make the answer uncertain):
 * both are candidates for every path.
 */
function indexKey(n: CompiledNode): IndexKey {
  switch (n.kind) {
    case 'route':
    case 'websocket':
    case 'mount':
      return pathIndexKey(n.path.compiled);
    default:
      return MATCH_EVERY_PATH;
  }
}

function pathMatcher(compiled: CompiledPath): PathMatcher {
  const t = compiled.template;
  if (compiled.isHost) return { compiled, prefix: '', literal: null };
  const first = compiled.params[0];
  if (!first) return { compiled, prefix: t, literal: t };
  return { compiled, prefix: t.slice(0, first.start), literal: null };
}

function compileNode(node: TableNode, tree: RouterTree): CompiledNode {
  switch (node.kind) {
    case 'unresolved':
      return { kind: 'unresolved', node, reason: node.reason };
    case 'route': {
      if (node.flavor !== 'api' && !node.path.startsWith('/')) {
        return { kind: 'invalid', node, reason: "Routed paths must start with '/'", error: null };
      }
      if (node.flavor === 'api' && node.methods?.length === 0 && !node.api?.operationId) {
        // fastapi.utils.generate_unique_id asserts route.methods: the app does not start.
        return { kind: 'invalid', node, reason: 'AssertionError: an APIRoute with methods=[] needs an operation_id', error: null };
      }
      const c = compilePath(node.path, tree.convertors);
      if (!c.ok) return { kind: 'invalid', node, reason: c.error.message, error: c.error };
      return { kind: 'route', node, path: pathMatcher(c.compiled), methods: effectiveMethods(node) };
    }
    case 'websocket': {
      if (node.flavor !== 'api' && !node.path.startsWith('/')) {
        return { kind: 'invalid', node, reason: "Routed paths must start with '/'", error: null };
      }
      const c = compilePath(node.path, tree.convertors);
      if (!c.ok) return { kind: 'invalid', node, reason: c.error.message, error: c.error };
      return { kind: 'websocket', node, path: pathMatcher(c.compiled) };
    }
    case 'mount': {
      if (node.path !== '' && !node.path.startsWith('/')) {
        return { kind: 'invalid', node, reason: "Routed paths must start with '/'", error: null };
      }
      const prefix = rstripSlashes(node.path);
      const c = compilePath(prefix + '/{path:path}', tree.convertors);
      if (!c.ok) return { kind: 'invalid', node, reason: c.error.message, error: c.error };
      return { kind: 'mount', node, path: pathMatcher(c.compiled), prefix, target: compileTarget(node.target) };
    }
    case 'host': {
      if (node.host.startsWith('/')) return { kind: 'invalid', node, reason: "Host must not start with '/'", error: null };
      const c = compilePath(node.host, tree.convertors);
      if (!c.ok) return { kind: 'invalid', node, reason: c.error.message, error: c.error };
      return { kind: 'host', node, path: pathMatcher(c.compiled), target: compileTarget(node.target) };
    }
  }
}

function compileTarget(target: RouterTree | OpaqueApp): CompiledRouter | OpaqueApp {
  return target.kind === 'router' ? compileRouter(target) : target;
}

/** Route.methods as Starlette stores it: upper-cased set, HEAD added to GET except for FastAPI's APIRoute. */
function effectiveMethods(node: RouteNode): ReadonlySet<string> | null {
  if (node.methods === null || node.methods.length === 0) return null;
  const set = new Set(node.methods.map((m) => m.toUpperCase()));
  if (node.flavor !== 'api' && set.has('GET')) set.add('HEAD');
  return set;
}

export function rstripSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}
