// The route tree the matcher, the analyses and the dev router work on. It is what the model
// (shared/model) produces for one served app, with every prefix already applied the way the
// framework applies it. Names follow Starlette's own (Route, Mount, Host, Router).
import type { Span } from '../model/span';

/** A path convertor as Starlette knows it. `regex` is Python `re` syntax. */
export interface Convertor {
  name: string;
  regex: string;
  /** How a matched string becomes the value the endpoint receives. */
  convert: 'str' | 'path' | 'int' | 'float' | 'uuid' | 'custom';
  /** Where a custom convertor was registered / its class defined (absent for built-ins). */
  origin?: Span;
}

/** Convertor names visible to a path compiled at a given point (built-ins + registered). */
export type ConvertorTable = ReadonlyMap<string, Convertor>;

export interface PathParam {
  name: string;
  convertor: string;
  /** Offsets of the whole `{name:conv}` placeholder inside the template string. */
  start: number;
  end: number;
}

export interface CompiledPath {
  template: string;
  /** True when the template does not start with "/": Starlette treats it as a host pattern. */
  isHost: boolean;
  /** The regex Starlette builds (`^...$`, Python syntax). */
  pythonRegex: string;
  /** An equivalent JavaScript regex honouring Python's `re.match` semantics. */
  regex: RegExp;
  /** Starlette's `path_format`, e.g. `/items/{id}`. */
  format: string;
  params: PathParam[];
  /**
   * Every named group of `regex` in Python's groupdict() order: the params, plus any named
   * group inside a custom convertor regex (convertor null: Starlette fails on it with KeyError).
   */
  captures: ReadonlyArray<{ name: string; group: number; convertor: Convertor | null }>;
}

export type TemplateError =
  | { kind: 'duplicate-params'; message: string; names: string[]; params: PathParam[] }
  | { kind: 'unknown-convertor'; message: string; convertor: string; param: PathParam }
  /** A (custom) convertor regex Python rejects or the engine cannot reproduce in JavaScript. */
  | { kind: 'unsupported-regex'; message: string; reason: string; convertors: string[] };

export type CompileResult = { ok: true; compiled: CompiledPath } | { ok: false; error: TemplateError };

/** Where a declaration came from, for navigation and messages (decorator → router → include → app). */
export interface DeclarationStep {
  what: string; // e.g. "@router.get", "include_router(prefix='/v1')", "app.mount"
  span: Span;
}

export interface EndpointRef {
  /** The endpoint's `__name__` (function or class name). */
  name: string;
  /** Definition of the function/class, when it is in the workspace. */
  span?: Span;
  /** Span of the name identifier, for go-to-definition. */
  nameSpan?: Span;
  /** Is the endpoint a function (or method)? Class/ASGI endpoints accept every method. */
  isFunction: boolean;
}

/** OpenAPI-relevant arguments of a FastAPI APIRoute, as given in the source (unresolved = undefined). */
export interface ApiRouteInfo {
  summary?: string;
  description?: StringWithMap;
  operationId?: string;
  tags: string[];
  deprecated: boolean;
  includeInSchema: boolean;
  /** The endpoint's docstring exactly as Python would store it in `__doc__`. */
  docstring?: StringWithMap;
  /** Python parameter names of the endpoint function (for the missing-path-param rule). */
  endpointParams?: string[];
  /** Whether endpointParams is complete (false when **kwargs or unknown signature). */
  endpointAcceptsAnyParam?: boolean;
}

/** A decoded Python string with the source offset of every UTF-16 unit of its value. */
export interface StringWithMap {
  value: string;
  /** offsets[i] = source offset of the code that produced value[i]; -1 when not from source. */
  offsets: number[];
  file: string;
  span: Span;
  /** e.g. the docstring/literal was a raw string */
  raw?: boolean;
}

interface NodeBase {
  /** Registration index in its router's list (0-based). */
  index: number;
  /** Where the route/mount was declared (the decorator, Route(...) call, ...). */
  span?: Span;
  /** The path (or host) string literal, when the path came from one literal. */
  pathString?: StringWithMap;
  chain: DeclarationStep[];
}

export interface RouteNode extends NodeBase {
  kind: 'route';
  /** 'api' = FastAPI APIRoute; 'starlette' = starlette Route; 'docs' = FastAPI's built-in docs routes. */
  flavor: 'api' | 'starlette' | 'docs';
  /** Template relative to the enclosing router (prefixes from include_router already applied). */
  path: string;
  /** Upper-case methods; null = every method (class/ASGI endpoint, or methods=[]) */
  methods: string[] | null;
  name: string;
  endpoint: EndpointRef | null;
  api?: ApiRouteInfo;
}

export interface WebSocketRouteNode extends NodeBase {
  kind: 'websocket';
  flavor: 'api' | 'starlette';
  path: string;
  name: string;
  endpoint: EndpointRef | null;
}

/** Something mounted whose routes the engine cannot see (StaticFiles, a third-party ASGI app). */
export interface OpaqueApp {
  kind: 'opaque';
  label: string;
  reason: string;
}

export interface MountNode extends NodeBase {
  kind: 'mount';
  path: string;
  name: string | null;
  target: RouterTree | OpaqueApp;
}

export interface HostNode extends NodeBase {
  kind: 'host';
  host: string;
  name: string | null;
  target: RouterTree | OpaqueApp;
}

/** A declaration whose effect on the table cannot be known statically. Kept in its place. */
export interface UnresolvedNode extends NodeBase {
  kind: 'unresolved';
  reason: string;
  /** What was being declared, e.g. "route", "include_router", "mount". */
  what: string;
}

export type TableNode = RouteNode | WebSocketRouteNode | MountNode | HostNode | UnresolvedNode;

/** A Starlette Router: an ordered list of routes, scanned first-match. */
export interface RouterTree {
  kind: 'router';
  /** e.g. "main:app" or "Mount('/static')" */
  label: string;
  redirectSlashes: boolean;
  routes: TableNode[];
  /** Custom convertors registered in the workspace (global in Starlette), plus built-ins. */
  convertors: ConvertorTable;
}

// ---- Matching (shared/routing/matcher.ts) ----

export interface MatchRequest {
  /** 'http' or 'websocket' scope */
  type: 'http' | 'websocket';
  /** Upper-case HTTP method (ignored for websocket). */
  method: string;
  /** The path as a client sends it (percent-encoded), without query string. */
  rawPath: string;
  query?: string;
  /** Host header value (may include a port). */
  host?: string;
  scheme?: 'http' | 'https' | 'ws' | 'wss';
  /** scope["root_path"] as the server (e.g. uvicorn --root-path) or FastAPI(root_path=) sets it. */
  rootPath?: string;
  /** scope["server"]; used for the redirect Location when the Host header is missing or invalid. */
  server?: { host: string; port: number };
}

/** A converted path parameter: `repr` is Python's str() of the converted value (int('007') -> "7"). */
export interface ParamValue {
  convertor: string;
  raw: string;
  value: string;
  type: 'str' | 'int' | 'float' | 'uuid' | 'custom';
}

export interface TraceStep {
  /** Label of the router that tried the node. */
  router: string;
  pass: 'scan' | 'redirect-scan';
  node: TableNode;
  /** The path the router matched against (after enclosing mounts stripped their prefix). */
  path: string;
  result: 'none' | 'partial' | 'full' | 'unresolved';
}

interface OutcomeBase {
  trace: TraceStep[];
  /** Non-empty when an unresolved declaration was passed before the decision: the answer may be wrong. */
  uncertainBecause: string[];
}

export type MatchOutcome =
  | (OutcomeBase & {
      kind: 'route';
      status: 200;
      route: RouteNode | WebSocketRouteNode;
      /** Full template including enclosing Mount/Host prefixes. */
      fullPath: string;
      params: Record<string, ParamValue>;
    })
  | (OutcomeBase & {
      kind: 'opaque-app';
      status: number | null;
      app: OpaqueApp;
      mount: MountNode | HostNode;
      params: Record<string, ParamValue>;
    })
  | (OutcomeBase & { kind: 'method-not-allowed'; status: 405; route: RouteNode; allow: string[] })
  | (OutcomeBase & { kind: 'redirect'; status: 307; location: string })
  | (OutcomeBase & { kind: 'not-found'; status: 404 })
  /** The framework raises while matching (e.g. int() of more than 4300 digits): a 500. */
  | (OutcomeBase & { kind: 'server-error'; status: 500; reason: string })
  /** websocket scope that matched no websocket route: the socket is closed (code 1000). */
  | (OutcomeBase & { kind: 'websocket-close'; status: null });
