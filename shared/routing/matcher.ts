// Which route answers a request: Starlette 0.26.1's Router.__call__ loop, Route/Mount/Host/
// WebSocketRoute.matches and the slash redirect, reproduced on a RouterTree.
import { compileRouter, type CompiledNode, type CompiledRouter, type PathMatcher } from './compiledTree';
import { candidates } from './prefixIndex';
import { INT_MAX_STR_DIGITS, pyFloatStr, pyIntStr, pyUuidStr } from './pythonValues';
import type {
  HostNode,
  MatchOutcome,
  MatchRequest,
  MountNode,
  OpaqueApp,
  ParamValue,
  RouteNode,
  RouterTree,
  TraceStep,
  WebSocketRouteNode,
} from './types';
import { latin1View, pyUnquote, redirectLocation, urlFromScope } from './urls';

export interface MatchOptions {
  /** Record every node tried (slower; for explanations). */
  trace?: boolean;
}

const NONE = 0;
const PARTIAL = 1;
const FULL = 2;

/** Raised by a convertor while matching, as Python would (becomes a 500). */
class ConversionError {
  constructor(readonly reason: string) {}
}

interface Scope {
  type: 'http' | 'websocket';
  method: string;
  path: string;
  rootPath: string;
  /** Host header as Starlette reads it, without the port ("" when absent). */
  hostName: string;
  params: Record<string, ParamValue>;
  /** Mount prefixes passed so far, for fullPath. */
  prefix: string;
}

interface Context {
  req: MatchRequest;
  hostHeader: string | undefined;
  trace: TraceStep[] | null;
  uncertain: string[];
}

/** The path an ASGI server puts in scope["path"]: uvicorn's unquote() of the request target. */
export function scopePath(rawPath: string): string {
  return pyUnquote(rawPath);
}

export function matchRequest(tree: RouterTree, req: MatchRequest, opts: MatchOptions = {}): MatchOutcome {
  const hostHeader = req.host === undefined ? undefined : latin1View(req.host);
  const ctx: Context = { req, hostHeader, trace: opts.trace ? [] : null, uncertain: [] };
  const scope: Scope = {
    type: req.type,
    method: req.method,
    path: scopePath(req.rawPath),
    rootPath: req.rootPath ?? '',
    hostName: hostHeader === undefined ? '' : beforeColon(hostHeader),
    params: {},
    prefix: '',
  };
  try {
    return runRouter(compileRouter(tree), scope, ctx);
  } catch (e) {
    if (e instanceof ConversionError) {
      return { kind: 'server-error', status: 500, reason: e.reason, trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
    }
    throw e;
  }
}

function beforeColon(s: string): string {
  const i = s.indexOf(':');
  return i < 0 ? s : s.slice(0, i);
}

/** The regex match behind matchNode's last non-NONE answer, reused by handle(). */
let lastMatch: RegExpExecArray | true = true;

/** Python's `re.match` of a compiled template against `s`; null when it does not match. */
function execPath(m: PathMatcher, s: string): RegExpExecArray | null | true {
  if (m.literal !== null) {
    // No params: Python's `$` accepts the literal or the literal plus one final "\n".
    if (s === m.literal) return true;
    return s.length === m.literal.length + 1 && s.endsWith('\n') && s.startsWith(m.literal) ? true : null;
  }
  if (m.prefix && !s.startsWith(m.prefix)) return null;
  const r = m.compiled.regex.exec(s);
  if (r) checkConversions(m, r);
  return r;
}

/** Convertors run inside matches() for every regex match, so their errors surface even on a PARTIAL. */
function checkConversions(m: PathMatcher, r: RegExpExecArray): void {
  for (const c of m.compiled.captures) {
    if (c.convertor === null) throw new ConversionError(`KeyError: '${c.name}'`);
    if (c.convertor.convert === 'int' && r[c.group]!.length > INT_MAX_STR_DIGITS) {
      const v = pyIntStr(r[c.group]!);
      if (!v.ok) throw new ConversionError(v.error);
    }
  }
}

function convertParams(m: PathMatcher, r: RegExpExecArray | true, into: Record<string, ParamValue>, skip?: string): void {
  if (r === true) return;
  for (const c of m.compiled.captures) {
    if (c.name === skip || c.convertor === null) continue;
    const raw = r[c.group]!;
    into[c.name] = paramValue(c.convertor.name, c.convertor.convert, raw);
  }
}

function paramValue(convertor: string, convert: string, raw: string): ParamValue {
  switch (convert) {
    case 'int': {
      const v = pyIntStr(raw);
      return { convertor, raw, value: v.ok ? v.value : raw, type: 'int' };
    }
    case 'float':
      return { convertor, raw, value: pyFloatStr(raw), type: 'float' };
    case 'uuid':
      return { convertor, raw, value: pyUuidStr(raw), type: 'uuid' };
    case 'custom':
      return { convertor, raw, value: raw, type: 'custom' };
    default:
      return { convertor, raw, value: raw, type: 'str' };
  }
}

/** Route.matches / WebSocketRoute.matches / Mount.matches / Host.matches: NONE, PARTIAL or FULL. */
function matchNode(n: CompiledNode, scope: Scope): number {
  switch (n.kind) {
    case 'route': {
      if (scope.type !== 'http') return NONE;
      const r = execPath(n.path, scope.path);
      if (r === null) return NONE;
      lastMatch = r;
      return n.methods !== null && !n.methods.has(scope.method) ? PARTIAL : FULL;
    }
    case 'websocket':
      return scope.type === 'websocket' ? found(execPath(n.path, scope.path)) : NONE;
    case 'mount':
      return found(execPath(n.path, scope.path));
    case 'host':
      return found(execPath(n.path, scope.hostName));
    default:
      return NONE;
  }
}

function found(r: RegExpExecArray | true | null): number {
  if (r === null) return NONE;
  lastMatch = r;
  return FULL;
}

function note(ctx: Context, router: CompiledRouter, n: CompiledNode, scope: Scope, pass: TraceStep['pass'], result: number): void {
  if (n.kind === 'unresolved' || n.kind === 'invalid') {
    ctx.uncertain.push(`${router.tree.label}: ${n.kind === 'unresolved' ? n.node.what : 'declaration'} skipped: ${n.reason}`);
  }
  if (ctx.trace) {
    const r = n.kind === 'unresolved' || n.kind === 'invalid' ? 'unresolved' : result === FULL ? 'full' : result === PARTIAL ? 'partial' : 'none';
    ctx.trace.push({ router: router.tree.label, pass, node: n.node, path: scope.path, result: r });
  }
}

function runRouter(router: CompiledRouter, scope: Scope, ctx: Context): MatchOutcome {
  const nodes = router.nodes;
  let partial: CompiledNode | null = null;
  // Only nodes whose literal prefix the path starts with can match; a trace lists every node tried.
  let ids = ctx.trace ? null : candidates(router.index, scope.path);
  let count = ids ? ids.length : nodes.length;
  for (let j = 0; j < count; j++) {
    const n = nodes[ids ? ids[j]! : j]!;
    const result = matchNode(n, scope);
    if (ctx.trace || n.kind === 'unresolved' || n.kind === 'invalid') note(ctx, router, n, scope, 'scan', result);
    if (result === FULL) return handle(n, scope, ctx);
    if (result === PARTIAL && partial === null) partial = n;
  }
  if (partial !== null && partial.kind === 'route') {
    return {
      kind: 'method-not-allowed',
      status: 405,
      route: partial.node,
      // Starlette joins a Python set: its order is not deterministic; compare as a set.
      allow: [...(partial.methods ?? [])],
      trace: ctx.trace ?? [],
      uncertainBecause: ctx.uncertain,
    };
  }
  if (scope.type === 'http' && router.tree.redirectSlashes && scope.path !== '/') {
    const toggled = scope.path.endsWith('/') ? rstripSlashes(scope.path) : scope.path + '/';
    const redirectScope = withPath(scope, toggled, scope.rootPath, scope.params, scope.prefix);
    ids = ctx.trace ? null : candidates(router.index, toggled);
    count = ids ? ids.length : nodes.length;
    for (let j = 0; j < count; j++) {
      const n = nodes[ids ? ids[j]! : j]!;
      const result = matchNode(n, redirectScope);
      if (ctx.trace || n.kind === 'unresolved' || n.kind === 'invalid') note(ctx, router, n, redirectScope, 'redirect-scan', result);
      if (result !== NONE) {
        const url = urlFromScope({
          scheme: ctx.req.scheme ?? 'http',
          hostHeader: ctx.hostHeader,
          server: ctx.req.server,
          rootPath: scope.rootPath,
          path: toggled,
          query: ctx.req.query ?? '',
        });
        return { kind: 'redirect', status: 307, location: redirectLocation(url), trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
      }
    }
  }
  if (scope.type === 'websocket') return { kind: 'websocket-close', status: null, trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
  return { kind: 'not-found', status: 404, trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
}

// Objects below are written out field by field: `{ ...x, more }` literals allocate dictionary-mode
// objects in V8, which dominated the cost of a match.
function withPath(scope: Scope, path: string, rootPath: string, params: Record<string, ParamValue>, prefix: string): Scope {
  return { type: scope.type, method: scope.method, path, rootPath, hostName: scope.hostName, params, prefix };
}

function handle(n: CompiledNode, scope: Scope, ctx: Context): MatchOutcome {
  switch (n.kind) {
    case 'route':
    case 'websocket': {
      const params = { ...scope.params };
      convertParams(n.path, lastMatch, params);
      const route: RouteNode | WebSocketRouteNode = n.node;
      return { kind: 'route', status: 200, route, fullPath: scope.prefix + route.path, params, trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
    }
    case 'mount': {
      const r = lastMatch;
      const params = { ...scope.params };
      convertParams(n.path, r, params, 'path');
      const group = n.path.compiled.captures.find((c) => c.name === 'path')!.group;
      const remaining = '/' + (r as RegExpExecArray)[group]!;
      const matchedPath = dropCodePointsFromEnd(scope.path, codePointLength(remaining));
      return enter(n.node, n.target, withPath(scope, remaining, scope.rootPath + matchedPath, params, scope.prefix + n.prefix), ctx);
    }
    case 'host': {
      const params = { ...scope.params };
      convertParams(n.path, lastMatch, params);
      return enter(n.node, n.target, withPath(scope, scope.path, scope.rootPath, params, scope.prefix), ctx);
    }
    default:
      throw new Error('unreachable: only routes, mounts and hosts match');
  }
}

function enter(node: MountNode | HostNode, target: CompiledRouter | OpaqueApp, scope: Scope, ctx: Context): MatchOutcome {
  if ('kind' in target && target.kind === 'opaque') {
    return { kind: 'opaque-app', status: null, app: target, mount: node, params: scope.params, trace: ctx.trace ?? [], uncertainBecause: ctx.uncertain };
  }
  return runRouter(target as CompiledRouter, scope, ctx);
}

function rstripSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

function codePointLength(s: string): number {
  return ASTRAL.test(s) ? Array.from(s).length : s.length;
}

/** Python's s[:-n] (n ≥ 1) on code points. */
function dropCodePointsFromEnd(s: string, n: number): string {
  if (!ASTRAL.test(s)) return s.slice(0, Math.max(0, s.length - n));
  const cps = Array.from(s);
  return cps.slice(0, Math.max(0, cps.length - n)).join('');
}
