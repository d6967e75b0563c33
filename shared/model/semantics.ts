// What FastAPI's and Starlette's constructors and router methods do, applied to the evaluator's
// values. Each method mirrors the framework's own (fastapi/routing.py, starlette/routing.py,
// fastapi/applications.py); where it differs across versions the version is checked here.
import type { SyntaxNode } from '../python/parser';
import { docstringOf } from '../python/strings';
import { memoByNode } from './syntaxMemo';
import type { ApiRouteInfo, DeclarationStep, EndpointRef, OpaqueApp, StringWithMap } from '../routing/types';
import { atLeast } from '../versions';
import type { Args, Evaluator } from './evaluator';
import type { FrameworkClass } from './frameworkClasses';
import { RouterObject, type Entry, type RouteDeclaration } from './routerObject';
import type { Span } from './span';
import type { AppKind, AppSettings } from './types';
import { describe, truncate, unknown, type ClassValue, type Value } from './values';

const HTTP_METHOD_DECORATORS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

type RouterFlavor = 'fastapi-app' | 'starlette-app' | 'apirouter' | 'router';

function flavorOf(r: RouterObject): RouterFlavor {
  switch (r.kind) {
    case 'fastapi':
      return 'fastapi-app';
    case 'starlette':
      return 'starlette-app';
    case 'apirouter':
      return 'apirouter';
    default:
      return 'router';
  }
}

/** Methods available on each kind of router object. */
const METHODS: Record<RouterFlavor, Set<string>> = {
  router: new Set(['add_route', 'add_websocket_route', 'route', 'websocket_route', 'mount', 'host']),
  'starlette-app': new Set(['add_route', 'add_websocket_route', 'route', 'websocket_route', 'mount', 'host']),
  apirouter: new Set([
    'add_route', 'add_websocket_route', 'route', 'websocket_route', 'mount', 'host',
    ...HTTP_METHOD_DECORATORS, 'api_route', 'websocket', 'add_api_route', 'add_api_websocket_route', 'include_router',
  ]),
  'fastapi-app': new Set([
    'add_route', 'add_websocket_route', 'route', 'websocket_route', 'mount', 'host',
    ...HTTP_METHOD_DECORATORS, 'api_route', 'websocket', 'add_api_route', 'add_api_websocket_route', 'include_router',
  ]),
};

export class FrameworkSemantics {
  constructor(private readonly ev: Evaluator) {}

  private get lazyInclude(): boolean {
    return atLeast(this.ev.versions.fastapi, '0.137');
  }

  // ---- small value helpers ----

  private str(v: Value | undefined): string | undefined {
    return v?.t === 'str' ? v.s.value : undefined;
  }

  private strings(v: Value | undefined): string[] | undefined {
    if (!v || v.t === 'none') return undefined;
    if (v.t !== 'list') return undefined;
    const out: string[] = [];
    for (const item of v.items) {
      if (item.t !== 'str') return undefined;
      out.push(item.s.value);
    }
    return out;
  }

  private bool(v: Value | undefined, dflt: boolean): boolean | undefined {
    if (!v) return dflt;
    if (v.t === 'none') return dflt;
    const t = this.ev.truthiness(v);
    return t;
  }

  private arg(args: Args, position: number, keyword: string): Value | undefined {
    return args.keywords.get(keyword) ?? args.positional[position];
  }

  private argNode(args: Args, position: number, keyword: string): SyntaxNode | undefined {
    return args.keywordNodes.get(keyword) ?? args.positionalNodes[position];
  }

  private step(what: string, node: SyntaxNode): DeclarationStep {
    return { what, span: this.ev.span(node) };
  }

  // ---- constructors ----

  construct(cls: FrameworkClass, args: Args, node: SyntaxNode, subclass: ClassValue | undefined): Value {
    const span = this.ev.span(node);
    const className = subclass?.name ?? cls.kind;
    switch (cls.kind) {
      case 'FastAPI':
        return this.newFastAPI(args, node, className);
      case 'Starlette':
        return this.newRouter('starlette', args, node, className);
      case 'Router':
        return this.newRouter('router', args, node, className);
      case 'APIRouter':
        return this.newAPIRouter(args, node, className);
      case 'Route':
      case 'APIRoute':
        return this.newRoute(cls.kind === 'Route' ? 'starlette' : 'api', args, node);
      case 'WebSocketRoute':
      case 'APIWebSocketRoute':
        return this.newWebSocketRoute(cls.kind === 'WebSocketRoute' ? 'starlette' : 'api', args, node, null);
      case 'Mount':
        return this.newMount(args, node);
      case 'Host':
        return this.newHost(args, node);
      case 'register_url_convertor':
        this.registerConvertor(args, node);
        return { t: 'none' };
      default:
        return { t: 'instance', cls: subclass ?? cls, span, label: className };
    }
  }

  private track(router: RouterObject): RouterObject {
    this.ev.routers.push(router);
    return router;
  }

  private routesFromList(target: RouterObject, v: Value | undefined, node: SyntaxNode): void {
    if (!v || v.t === 'none') return;
    const items = v.t === 'list' ? v.items : v.t === 'routes-list' ? this.routesListItems(v.router) : undefined;
    if (!items) {
      this.unresolvedEntry(target, node, 'routes', `routes=${describe(v)}: not a literal list`);
      return;
    }
    for (const item of items) this.appendRouteValue(target, item, node);
  }

  private newRouter(kind: AppKind, args: Args, node: SyntaxNode, className: string): Value {
    const r = this.track(new RouterObject(kind, this.ev.span(node), className));
    const redirect = this.bool(args.keywords.get('redirect_slashes'), true);
    if (kind === 'router') r.redirectSlashes = redirect ?? true;
    if (redirect === undefined && kind === 'router') this.ev.reportUnresolved(args.keywordNodes.get('redirect_slashes')!, 'redirect_slashes', 'redirect_slashes is not a constant; assumed True');
    const routes = kind === 'router' ? this.arg(args, 0, 'routes') : this.arg(args, 1, 'routes');
    this.routesFromList(r, routes, node);
    if (kind === 'starlette') r.settings = defaultSettings({ docsUrl: null, openapiUrl: null, redocUrl: null, oauth2RedirectUrl: null });
    return { t: 'router', router: r };
  }

  private optionalUrl(args: Args, name: string, dflt: string | null, r: RouterObject): string | null | undefined {
    const v = args.keywords.get(name);
    if (!v) return dflt;
    if (v.t === 'none') return null;
    if (v.t === 'str') return v.s.value;
    this.unresolvedEntry(r, args.keywordNodes.get(name)!, name, `${name} is ${describe(v)}: the docs route it controls cannot be placed`);
    return undefined;
  }

  private newFastAPI(args: Args, node: SyntaxNode, className: string): Value {
    const r = this.track(new RouterObject('fastapi', this.ev.span(node), className));
    const openapiUrl = this.optionalUrl(args, 'openapi_url', '/openapi.json', r);
    const docsUrl = this.optionalUrl(args, 'docs_url', '/docs', r);
    const redocUrl = this.optionalUrl(args, 'redoc_url', '/redoc', r);
    const oauth2 = this.optionalUrl(args, 'swagger_ui_oauth2_redirect_url', '/docs/oauth2-redirect', r);
    const rootPath = this.str(args.keywords.get('root_path')) ?? '';
    let redirectSlashes = true;
    if (atLeast(this.ev.versions.fastapi, '0.98')) redirectSlashes = this.bool(args.keywords.get('redirect_slashes'), true) ?? true;
    r.redirectSlashes = redirectSlashes;
    r.deprecated = this.bool(args.keywords.get('deprecated'), false) ?? false;
    r.includeInSchema = this.bool(args.keywords.get('include_in_schema'), true) ?? true;
    r.hasDependencies = args.keywords.has('dependencies');
    r.settings = {
      docsUrl: docsUrl ?? null,
      openapiUrl: openapiUrl ?? null,
      redocUrl: redocUrl ?? null,
      oauth2RedirectUrl: oauth2 ?? null,
      redirectSlashes,
      rootPath,
    };
    this.routesFromList(r, args.keywords.get('routes'), node);
    // FastAPI.setup(), called by __init__: the docs routes come before every user route.
    const docs = (path: string, name: string) => this.appendDocsRoute(r, path, name, node);
    if (openapiUrl) {
      docs(openapiUrl, 'openapi');
      if (docsUrl) {
        docs(docsUrl, 'swagger_ui_html');
        if (oauth2) docs(oauth2, 'swagger_ui_redirect');
      }
      if (redocUrl) docs(redocUrl, 'redoc_html');
    }
    return { t: 'router', router: r };
  }

  private appendDocsRoute(r: RouterObject, path: string, name: string, node: SyntaxNode): void {
    r.entries.push({
      kind: 'route',
      flavor: 'docs',
      path,
      methods: ['GET', 'HEAD'],
      name,
      endpoint: { name, isFunction: true },
      include_in_schema: false,
      span: this.ev.span(node),
      chain: [this.step(`FastAPI() docs route ${name}`, node)],
    });
  }

  private newAPIRouter(args: Args, node: SyntaxNode, className: string): Value {
    const r = this.track(new RouterObject('apirouter', this.ev.span(node), className));
    const prefixValue = args.keywords.get('prefix');
    if (prefixValue && prefixValue.t === 'str') {
      r.prefix = prefixValue.s.value;
      r.prefixString = prefixValue.s;
      this.checkPrefix(r.prefix, args.keywordNodes.get('prefix')!);
    } else if (prefixValue && prefixValue.t !== 'none') {
      r.prefix = '';
      this.unresolvedEntry(r, args.keywordNodes.get('prefix')!, 'prefix', `APIRouter prefix is ${describe(prefixValue)}: its routes cannot be placed`);
      r.prefixUnknown = describe(prefixValue);
    }
    r.tags = this.strings(args.keywords.get('tags')) ?? [];
    r.deprecated = this.bool(args.keywords.get('deprecated'), false) ?? false;
    r.includeInSchema = this.bool(args.keywords.get('include_in_schema'), true) ?? true;
    r.hasDependencies = args.keywords.has('dependencies');
    r.redirectSlashes = this.bool(args.keywords.get('redirect_slashes'), true) ?? true;
    this.routesFromList(r, args.keywords.get('routes') ?? args.positional[0], node);
    return { t: 'router', router: r };
  }

  private checkPrefix(prefix: string, node: SyntaxNode): boolean {
    if (!prefix) return true;
    if (!prefix.startsWith('/')) {
      this.ev.reportError(node, 'AssertionError', "A path prefix must start with '/'", 'prefix');
      return false;
    }
    if (prefix.endsWith('/')) {
      this.ev.reportError(node, 'AssertionError', "A path prefix must not end with '/', as the routes will start with '/'", 'prefix');
      return false;
    }
    return true;
  }

  // ---- route objects ----

  /** The path argument: a string value, or the reason it is not known. */
  private pathArg(args: Args, position = 0, keyword = 'path'): { path?: string; pathString?: StringWithMap; reason?: string; node?: SyntaxNode } {
    const v = this.arg(args, position, keyword);
    const node = this.argNode(args, position, keyword);
    if (!v) return { reason: 'no path given', node };
    if (v.t === 'str') return { path: v.s.value, pathString: v.s.offsets.some((o) => o >= 0) ? v.s : undefined, node };
    return { reason: `the path is ${describe(v)}`, node };
  }

  endpointRef(v: Value | undefined): EndpointRef | null {
    if (!v) return null;
    switch (v.t) {
      case 'function':
        return { name: v.name, span: v.span, nameSpan: v.nameSpan, isFunction: true };
      case 'lambda':
        return { name: '<lambda>', span: v.span, isFunction: true };
      case 'class':
        return { name: v.name, span: v.span, nameSpan: v.nameSpan, isFunction: false };
      case 'instance':
        return { name: v.label, span: v.span, isFunction: false };
      case 'router':
        return { name: v.router.className, span: v.router.span, isFunction: false };
      default:
        return null;
    }
  }

  private methodsArg(v: Value | undefined): string[] | null | undefined {
    if (!v || v.t === 'none') return null;
    const list = this.strings(v.t === 'list' ? v : undefined);
    if (!list) return undefined;
    return list.map((m) => m.toUpperCase());
  }

  /** Starlette Route(path, endpoint, methods=, name=, include_in_schema=) or FastAPI's APIRoute. */
  private newRoute(flavor: 'api' | 'starlette', args: Args, node: SyntaxNode): Value {
    return this.routeDeclaration(flavor, args, node, this.arg(args, 1, 'endpoint'), null, flavor === 'api' ? 'APIRoute' : 'Route');
  }

  /**
   * Builds a route declaration value (not yet placed in a router).
   * `prefix` is the router prefix APIRouter.add_api_route applies.
   */
  routeDeclaration(
    flavor: 'api' | 'starlette',
    args: Args,
    node: SyntaxNode,
    endpointValue: Value | undefined,
    router: RouterObject | null,
    what: string,
    prefix = '',
  ): Value {
    const { path, pathString, reason, node: pathNode } = this.pathArg(args);
    const span = this.ev.span(node);
    const chain = [this.step(what, node)];
    if (path === undefined) {
      return { t: 'unknown', reason: `${what}: ${reason}`, span: pathNode ? this.ev.span(pathNode) : span };
    }
    if (flavor === 'starlette' && !path.startsWith('/')) {
      this.ev.reportError(pathNode ?? node, 'AssertionError', "Routed paths must start with '/'", 'route-path');
    }
    const endpoint = this.endpointRef(endpointValue);
    const nameValue = args.keywords.get('name');
    const name = this.str(nameValue) ?? endpoint?.name ?? '<unknown>';
    let methods: string[] | null;
    const methodsValue = args.keywords.get('methods');
    const m = this.methodsArg(methodsValue);
    if (m === undefined) {
      return { t: 'unknown', reason: `${what}: methods=${describe(methodsValue!)} is not a literal list of strings`, span };
    }
    if (flavor === 'api') {
      methods = unique(m ?? ['GET']);
    } else {
      const isFunction = endpoint?.isFunction ?? true;
      let given = m;
      if (given === null && isFunction) given = ['GET'];
      if (given === null) methods = null;
      else {
        methods = unique(given);
        if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
      }
    }
    const includeInSchema = this.bool(args.keywords.get('include_in_schema'), true) ?? true;
    const decl: RouteDeclaration = {
      kind: 'route',
      flavor,
      path: prefix + path,
      pathString,
      methods,
      name,
      endpoint,
      include_in_schema: includeInSchema,
      span,
      chain,
    };
    if (flavor === 'api') decl.api = this.apiInfo(args, endpointValue, router, includeInSchema);
    return { t: 'route-decl', decl };
  }

  private apiInfo(args: Args, endpointValue: Value | undefined, router: RouterObject | null, includeInSchema: boolean): ApiRouteInfo {
    const description = args.keywords.get('description');
    const info: ApiRouteInfo = {
      summary: this.str(args.keywords.get('summary')),
      description: description?.t === 'str' ? description.s : undefined,
      operationId: this.str(args.keywords.get('operation_id')),
      tags: [...(router?.tags ?? []), ...(this.strings(args.keywords.get('tags')) ?? [])],
      deprecated: (this.bool(args.keywords.get('deprecated'), false) ?? false) || (router?.deprecated ?? false),
      includeInSchema: includeInSchema && (router?.includeInSchema ?? true),
    };
    if (endpointValue?.t === 'function') {
      const file = endpointValue.span.file;
      const doc = 'doc' in endpointValue ? endpointValue.doc : memoByNode(`doc:${file}`, endpointValue.node, (n) => docstringOf(n, file));
      if (doc) info.docstring = doc;
      const sig = memoByNode('signature', endpointValue.node, signatureOf);
      info.endpointParams = sig.names;
      // dependencies=[...] on the route or its router can read path params too
      info.endpointAcceptsAnyParam = sig.open || args.keywords.has('dependencies') || (router?.hasDependencies ?? false);
    }
    return info;
  }

  private newWebSocketRoute(flavor: 'api' | 'starlette', args: Args, node: SyntaxNode, _router: RouterObject | null, prefix = '', endpointValue?: Value): Value {
    const { path, pathString, reason, node: pathNode } = this.pathArg(args);
    const span = this.ev.span(node);
    if (path === undefined) return { t: 'unknown', reason: `WebSocketRoute: ${reason}`, span: pathNode ? this.ev.span(pathNode) : span };
    if (flavor === 'starlette' && !path.startsWith('/')) this.ev.reportError(pathNode ?? node, 'AssertionError', "Routed paths must start with '/'", 'route-path');
    const endpoint = this.endpointRef(endpointValue ?? this.arg(args, 1, 'endpoint'));
    const name = this.str(args.keywords.get('name')) ?? endpoint?.name ?? '<unknown>';
    return {
      t: 'route-decl',
      decl: { kind: 'websocket', flavor, path: prefix + path, pathString, methods: null, name, endpoint, include_in_schema: true, span, chain: [this.step(flavor === 'api' ? 'websocket route' : 'WebSocketRoute', node)] },
    };
  }

  private mountTarget(v: Value | undefined, node: SyntaxNode): RouterObject | OpaqueApp {
    if (v?.t === 'router') return v.router;
    if (v?.t === 'instance') return { kind: 'opaque', label: v.label, reason: `${v.label} is an ASGI app whose routes the engine does not model` };
    if (v?.t === 'unknown') return { kind: 'opaque', label: truncate(node.text), reason: v.reason };
    return { kind: 'opaque', label: v ? describe(v) : '?', reason: 'not an app the engine can read' };
  }

  private newMount(args: Args, node: SyntaxNode): Value {
    const { path, pathString, reason, node: pathNode } = this.pathArg(args);
    const span = this.ev.span(node);
    if (path === undefined) return { t: 'unknown', reason: `Mount: ${reason}`, span };
    if (path !== '' && !path.startsWith('/')) this.ev.reportError(pathNode ?? node, 'AssertionError', "Routed paths must start with '/'", 'mount-path');
    const appValue = this.arg(args, 1, 'app');
    const routesValue = this.arg(args, 2, 'routes');
    let target: RouterObject | OpaqueApp;
    if (appValue && appValue.t !== 'none') {
      target = this.mountTarget(appValue, this.argNode(args, 1, 'app') ?? node);
    } else {
      const r = this.track(new RouterObject('router', span, 'Router'));
      this.routesFromList(r, routesValue, node);
      target = r;
    }
    const name = this.str(this.arg(args, 3, 'name')) ?? null;
    return { t: 'mount-decl', decl: { kind: 'mount', path: path.replace(/\/+$/, ''), pathString, name, target, span, chain: [this.step('Mount', node)] } };
  }

  private newHost(args: Args, node: SyntaxNode): Value {
    const { path: host, pathString, reason, node: hostNode } = this.pathArg(args, 0, 'host');
    const span = this.ev.span(node);
    if (host === undefined) return { t: 'unknown', reason: `Host: ${reason}`, span };
    if (host.startsWith('/')) this.ev.reportError(hostNode ?? node, 'AssertionError', "Host must not start with '/'", 'host');
    const target = this.mountTarget(this.arg(args, 1, 'app'), this.argNode(args, 1, 'app') ?? node);
    const name = this.str(this.arg(args, 2, 'name')) ?? null;
    return { t: 'host-decl', decl: { kind: 'host', host, pathString, name, target, span, chain: [this.step('Host', node)] } };
  }

  private registerConvertor(args: Args, node: SyntaxNode): void {
    const key = this.str(this.arg(args, 0, 'key'));
    const conv = this.arg(args, 1, 'convertor');
    const cls = conv?.t === 'instance' && 'bases' in conv.cls ? conv.cls : undefined;
    const regex = cls ? this.ev.classAttribute(cls, 'regex') : undefined;
    if (key === undefined || regex?.t !== 'str') {
      this.ev.reportUnresolved(node, 'register_url_convertor', key === undefined ? 'the convertor name is not a constant' : "the convertor's class `regex` is not a constant string");
      return;
    }
    this.ev.convertors.set(key, { name: key, regex: regex.s.value, convert: 'custom', origin: cls?.span ?? this.ev.span(node) });
  }

  // ---- placing routes in routers ----

  private unresolvedEntry(r: RouterObject, node: SyntaxNode, what: string, reason: string): void {
    const span = this.ev.span(node);
    r.entries.push({ kind: 'unresolved', what, reason, span, chain: [this.step(what, node)] });
    this.ev.reportUnresolved(span, what, reason);
  }

  /** Appends a value from a routes list (Route(...), Mount(...), a nested list...). */
  appendRouteValue(r: RouterObject, v: Value, node: SyntaxNode, at?: number): void {
    const insert = (e: Entry) => (at === undefined ? r.entries.push(e) : r.entries.splice(at, 0, e));
    switch (v.t) {
      case 'route-decl':
      case 'mount-decl':
      case 'host-decl':
        if (v.t === 'mount-decl' && v.decl.target instanceof RouterObject) v.decl.target.mountedBy.push(r);
        if (v.t === 'host-decl' && v.decl.target instanceof RouterObject) v.decl.target.mountedBy.push(r);
        insert({ ...v.decl });
        return;
      case 'unknown': {
        const span = v.span ?? this.ev.span(node);
        insert({ kind: 'unresolved', what: 'route', reason: v.reason, span, chain: [] });
        this.ev.reportUnresolved(span, 'route', v.reason);
        return;
      }
      default: {
        const span = this.ev.span(node);
        insert({ kind: 'unresolved', what: 'route', reason: `${describe(v)} is not a route`, span, chain: [] });
        this.ev.reportUnresolved(span, 'route', `${describe(v)} is not a route`);
      }
    }
  }

  routesListItems(r: RouterObject): Value[] {
    const items: Value[] = [];
    for (const e of r.entries) {
      if (e.kind === 'route' || e.kind === 'websocket') items.push({ t: 'route-decl', decl: e });
      else if (e.kind === 'mount') items.push({ t: 'mount-decl', decl: e });
      else if (e.kind === 'host') items.push({ t: 'host-decl', decl: e });
      else items.push({ t: 'unknown', reason: e.kind === 'unresolved' ? e.reason : 'lazy include', span: e.span });
    }
    return items;
  }

  routesListCall(r: RouterObject, method: string, args: Value[], node: SyntaxNode): Value {
    switch (method) {
      case 'append':
        if (args[0]) this.appendRouteValue(r, args[0], node);
        return { t: 'none' };
      case 'insert': {
        const index = args[0];
        if (index?.t !== 'int' || !args[1]) {
          this.unresolvedEntry(r, node, 'routes.insert', 'the insert position is not a constant');
          return { t: 'none' };
        }
        const len = r.entries.length;
        const at = index.n < 0 ? Math.max(0, len + index.n) : Math.min(index.n, len);
        this.appendRouteValue(r, args[1], node, at);
        return { t: 'none' };
      }
      case 'extend': {
        const v = args[0];
        const items = v?.t === 'list' ? v.items : v?.t === 'routes-list' ? this.routesListItems(v.router) : undefined;
        if (!items) this.unresolvedEntry(r, node, 'routes.extend', `extended with ${v ? describe(v) : 'nothing'}`);
        else for (const item of items) this.appendRouteValue(r, item, node);
        return { t: 'none' };
      }
      default:
        if (['remove', 'pop', 'clear', 'sort', 'reverse', '__setitem__'].includes(method)) {
          this.unresolvedEntry(r, node, `routes.${method}`, `routes.${method}() changes the table in a way the engine does not follow`);
        }
        return unknown(`routes.${method}()`, this.ev.span(node));
    }
  }

  // ---- attributes ----

  getAttribute(obj: Value, name: string, node: SyntaxNode): Value {
    if (obj.t === 'router') {
      const r = obj.router;
      if (name === 'routes') return { t: 'routes-list', router: r };
      if (name === 'router' && r.isApp && r.kind !== 'router') return obj; // app.router: the same table
      if (METHODS[flavorOf(r)].has(name)) return { t: 'method', self: obj, name };
      if (name === 'prefix' && r.kind === 'apirouter') return this.ev.strValue(r.prefix);
      const settingValue = r.settings ? settingAttribute(r.settings, name) : undefined;
      if (settingValue !== undefined) return settingValue === null ? { t: 'none' } : this.ev.strValue(settingValue);
      return unknown(`${r.className}.${name} is not modelled`, this.ev.span(node));
    }
    if (obj.t === 'routes-list' && ['append', 'insert', 'extend', 'remove', 'pop', 'clear', 'sort', 'reverse'].includes(name)) {
      return { t: 'method', self: obj, name };
    }
    if (obj.t === 'list' && ['append', 'insert', 'extend'].includes(name)) return { t: 'method', self: obj, name };
    if (obj.t === 'route-decl') {
      if (name === 'path') return this.ev.strValue(obj.decl.path);
      if (name === 'name') return this.ev.strValue(obj.decl.name);
    }
    return unknown(`attribute ${name} of ${describe(obj)}`, this.ev.span(node));
  }

  setAttribute(obj: Value, name: string, value: Value, node: SyntaxNode): void {
    if (obj.t === 'router' && obj.router.settings) {
      const s = obj.router.settings;
      // Changing these after construction does not move the docs routes FastAPI already added.
      const str = value.t === 'str' ? value.s.value : value.t === 'none' ? null : undefined;
      if (str === undefined) return;
      if (name === 'docs_url') s.docsUrl = str;
      else if (name === 'openapi_url') s.openapiUrl = str;
      else if (name === 'redoc_url') s.redocUrl = str;
      else if (name === 'root_path' && str !== null) s.rootPath = str;
    }
    if (obj.t === 'router' && name === 'routes') {
      this.unresolvedEntry(obj.router, node, 'routes', 'the routes list is replaced; the engine does not follow it');
    }
  }

  // ---- router methods ----

  callMethod(self: Value, name: string, args: Args, node: SyntaxNode): Value {
    if (self.t === 'routes-list') return this.routesListCall(self.router, name, args.positional, node);
    if (self.t === 'list') {
      if (name === 'append' && args.positional[0]) self.items.push(args.positional[0]);
      else if (name === 'extend' && args.positional[0]?.t === 'list') self.items.push(...args.positional[0].items);
      else if (name === 'insert' && args.positional[0]?.t === 'int' && args.positional[1]) self.items.splice(args.positional[0].n, 0, args.positional[1]);
      else self.items.push(unknown(`list.${name}(...) with values not known statically`, this.ev.span(node)));
      return { t: 'none' };
    }
    if (self.t !== 'router') return unknown(`${name}()`, this.ev.span(node));
    const r = self.router;
    const label = `${r.bindings[0]?.variable ?? r.className}.${name}`;
    if ((HTTP_METHOD_DECORATORS as readonly string[]).includes(name)) {
      return this.routeDecorator(r, args, node, [name.toUpperCase()], `@${label}`);
    }
    switch (name) {
      case 'api_route': {
        const methods = this.methodsArg(args.keywords.get('methods'));
        if (methods === undefined) return this.unknownDecorator(r, node, 'api_route methods are not a literal list');
        return this.routeDecorator(r, args, node, methods ?? ['GET'], `@${label}`);
      }
      case 'add_api_route': {
        const methods = this.methodsArg(args.keywords.get('methods'));
        if (methods === undefined) {
          this.unresolvedEntry(r, node, 'add_api_route', 'methods are not a literal list');
          return { t: 'none' };
        }
        this.addApiRoute(r, args, node, this.arg(args, 1, 'endpoint'), methods ?? ['GET'], label);
        return { t: 'none' };
      }
      case 'websocket':
        return this.decorator(`@${label}`, (fn, span) => this.addWebSocket(r, 'api', args, node, fn, span));
      case 'add_api_websocket_route':
        this.addWebSocket(r, 'api', args, node, this.arg(args, 1, 'endpoint'), this.ev.span(node));
        return { t: 'none' };
      case 'websocket_route':
        return this.decorator(`@${label}`, (fn, span) => this.addWebSocket(r, 'starlette', args, node, fn, span));
      case 'add_websocket_route':
        this.addWebSocket(r, 'starlette', args, node, this.arg(args, 1, 'route'), this.ev.span(node));
        return { t: 'none' };
      case 'route':
        return this.decorator(`@${label}`, (fn) => this.addStarletteRoute(r, args, node, fn, label));
      case 'add_route':
        this.addStarletteRoute(r, args, node, this.arg(args, 1, 'route') ?? this.arg(args, 1, 'endpoint'), label);
        return { t: 'none' };
      case 'mount': {
        const v = this.newMountFromMethod(args, node);
        this.appendRouteValue(r, v, node);
        return { t: 'none' };
      }
      case 'host': {
        const v = this.newHost(args, node);
        this.appendRouteValue(r, v, node);
        return { t: 'none' };
      }
      case 'include_router':
        this.includeRouter(r, args, node);
        return { t: 'none' };
      default:
        return unknown(`${label}()`, this.ev.span(node));
    }
  }

  private newMountFromMethod(args: Args, node: SyntaxNode): Value {
    // app.mount(path, app=None, name=None)
    const normalized: Args = { ...args, keywords: new Map(args.keywords), keywordNodes: new Map(args.keywordNodes) };
    if (args.positional[1] && !args.keywords.has('app')) {
      normalized.keywords.set('app', args.positional[1]);
      normalized.keywordNodes.set('app', args.positionalNodes[1]!);
    }
    if (args.positional[2] && !args.keywords.has('name')) {
      normalized.keywords.set('name', args.positional[2]);
      normalized.keywordNodes.set('name', args.positionalNodes[2]!);
    }
    normalized.positional = args.positional.slice(0, 1);
    normalized.positionalNodes = args.positionalNodes.slice(0, 1);
    const v = this.newMount(normalized, node);
    if (v.t === 'mount-decl') v.decl.chain = [this.step('mount()', node)];
    return v;
  }

  private decorator(label: string, apply: (fn: Value, span: Span) => void): Value {
    return { t: 'decorator', label, apply };
  }

  private unknownDecorator(r: RouterObject, node: SyntaxNode, reason: string): Value {
    return this.decorator('unknown', () => this.unresolvedEntry(r, node, 'route', reason));
  }

  private routeDecorator(r: RouterObject, args: Args, node: SyntaxNode, methods: string[], label: string): Value {
    return this.decorator(label, (fn) => this.addApiRoute(r, args, node, fn, methods, label));
  }

  /** APIRouter.add_api_route: APIRoute(self.prefix + path, ...) with the router's tags etc. */
  private addApiRoute(r: RouterObject, args: Args, node: SyntaxNode, endpoint: Value | undefined, methods: string[], label: string): void {
    const withMethods: Args = { ...args, keywords: new Map(args.keywords) };
    withMethods.keywords.set('methods', { t: 'list', tuple: false, items: methods.map((m) => this.ev.strValue(m)) });
    const v = this.routeDeclaration('api', withMethods, node, endpoint, r, label.startsWith('@') ? label : `${label}()`, r.prefix);
    this.place(r, v, node);
  }

  private addWebSocket(r: RouterObject, flavor: 'api' | 'starlette', args: Args, node: SyntaxNode, endpoint: Value | undefined, _span: Span): void {
    const prefix = flavor === 'api' ? r.prefix : '';
    const v = this.newWebSocketRoute(flavor, args, node, r, prefix, endpoint);
    this.place(r, v, node);
  }

  private addStarletteRoute(r: RouterObject, args: Args, node: SyntaxNode, endpoint: Value | undefined, label: string): void {
    const v = this.routeDeclaration('starlette', args, node, endpoint, r, `${label}()`);
    this.place(r, v, node);
  }

  private place(r: RouterObject, v: Value, node: SyntaxNode): void {
    if (v.t === 'route-decl' && r.prefixUnknown !== undefined && v.decl.flavor === 'api') {
      this.unresolvedEntry(r, node, 'route', `the router prefix is ${r.prefixUnknown}`);
      return;
    }
    this.appendRouteValue(r, v, node);
  }

  /** APIRouter.include_router (fastapi/routing.py). */
  private includeRouter(parent: RouterObject, args: Args, node: SyntaxNode): void {
    const childValue = this.arg(args, 0, 'router');
    const label = `include_router(${args.positionalNodes[0]?.text ?? 'router'})`;
    if (childValue?.t !== 'router' || childValue.router.kind !== 'apirouter') {
      const reason = childValue?.t === 'unknown' ? childValue.reason : `${childValue ? describe(childValue) : 'nothing'} is not an APIRouter`;
      this.unresolvedEntry(parent, node, 'include_router', reason);
      return;
    }
    const child = childValue.router;
    const prefixValue = args.keywords.get('prefix');
    let prefix = '';
    if (prefixValue?.t === 'str') prefix = prefixValue.s.value;
    else if (prefixValue && prefixValue.t !== 'none') {
      this.unresolvedEntry(parent, node, 'include_router', `the include prefix is ${describe(prefixValue)}: the routes of ${child.bindings[0]?.variable ?? 'the router'} cannot be placed`);
      return;
    }
    if (prefix) {
      if (!this.checkPrefix(prefix, args.keywordNodes.get('prefix')!)) return;
    } else {
      for (const e of child.entries) {
        if ((e.kind === 'route' || e.kind === 'websocket' || e.kind === 'mount') && e.path === '') {
          this.ev.reportError(node, 'Exception', `Prefix and path cannot be both empty (path operation: ${e.kind === 'mount' ? (e.name ?? 'unknown') : e.name})`, 'empty-path');
          return;
        }
      }
    }
    const tags = this.strings(args.keywords.get('tags')) ?? [];
    const deprecated = this.bool(args.keywords.get('deprecated'), false) ?? false;
    const includeInSchema = this.bool(args.keywords.get('include_in_schema'), true) ?? true;
    const step = this.step(label, node);
    child.includedInto.push({ parent, span: this.ev.span(node), entriesAtInclude: child.entries.length, copied: !this.lazyInclude });
    if (this.lazyInclude) {
      parent.entries.push({ kind: 'include', child, parentPrefix: parent.prefix, parentTags: parent.tags, parentDeprecated: parent.deprecated, parentIncludeInSchema: parent.includeInSchema, prefix, tags, deprecated, includeInSchema, span: this.ev.span(node), chain: [step] });
      return;
    }
    for (const e of child.entries) {
      const copy = copyIncluded(e, parent, prefix, tags, deprecated, includeInSchema, step);
      if (copy) parent.entries.push(copy);
    }
  }
}

/** What FastAPI < 0.137's include_router makes of one route of the included router. */
export function copyIncluded(
  e: Entry,
  parent: RouterObject,
  prefix: string,
  tags: string[],
  deprecated: boolean,
  includeInSchema: boolean,
  step: DeclarationStep,
): Entry | undefined {
  const chain = [...e.chain, step];
  if (e.kind === 'route' && e.flavor === 'api' && e.api) {
    const api: ApiRouteInfo = {
      ...e.api,
      tags: [...parent.tags, ...tags, ...e.api.tags],
      deprecated: e.api.deprecated || deprecated || parent.deprecated,
      includeInSchema: e.api.includeInSchema && parent.includeInSchema && includeInSchema,
    };
    return { ...e, path: parent.prefix + prefix + e.path, api, chain };
  }
  if (e.kind === 'route') {
    // add_route(prefix + route.path, methods=list(route.methods or [])): `methods=[]` = every method
    return { ...e, path: prefix + e.path, chain };
  }
  if (e.kind === 'websocket') {
    return { ...e, path: (e.flavor === 'api' ? parent.prefix : '') + prefix + e.path, chain };
  }
  if (e.kind === 'unresolved') return { ...e, chain };
  // Mount and Host inside an included router are silently dropped before FastAPI 0.137.
  return undefined;
}

/**
 * FastAPI >= 0.137: an include is a node resolved when the table is read, so routes added to the
 * child later are served, the prefixes apply to every kind of route and mounts are kept.
 */
export function copyIncludedLazy(e: Exclude<Entry, { kind: 'include' }>, include: Extract<Entry, { kind: 'include' }>): Exclude<Entry, { kind: 'include' }> {
  const prefix = include.parentPrefix + include.prefix;
  const chain = [...e.chain, ...include.chain];
  if (e.kind === 'route' && e.api) {
    const api: ApiRouteInfo = {
      ...e.api,
      tags: [...include.parentTags, ...include.tags, ...e.api.tags],
      deprecated: e.api.deprecated || include.deprecated || include.parentDeprecated,
      includeInSchema: e.api.includeInSchema && include.includeInSchema && include.parentIncludeInSchema,
    };
    return { ...e, path: prefix + e.path, api, chain };
  }
  if (e.kind === 'route' || e.kind === 'websocket' || e.kind === 'mount') return { ...e, path: prefix + e.path, chain };
  return { ...e, chain };
}

function settingAttribute(s: AppSettings, name: string): string | null | undefined {
  switch (name) {
    case 'docs_url':
      return s.docsUrl;
    case 'openapi_url':
      return s.openapiUrl;
    case 'redoc_url':
      return s.redocUrl;
    case 'swagger_ui_oauth2_redirect_url':
      return s.oauth2RedirectUrl;
    case 'root_path':
      return s.rootPath;
    default:
      return undefined;
  }
}

function defaultSettings(over: Partial<AppSettings>): AppSettings {
  return {
    docsUrl: '/docs',
    openapiUrl: '/openapi.json',
    redocUrl: '/redoc',
    oauth2RedirectUrl: '/docs/oauth2-redirect',
    redirectSlashes: true,
    rootPath: '',
    ...over,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function isDependencyCall(call: SyntaxNode | null): boolean {
  const fn = call?.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  return name === 'Depends' || name === 'Security';
}

/** Parameter names of a function definition; `open` when **kwargs or dependencies may consume path params. */
function signatureOf(fn: SyntaxNode): { names: string[]; open: boolean } {
  const names: string[] = [];
  let open = false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'dictionary_splat_pattern') open = true;
    const name =
      p.type === 'identifier' ? p.text : p.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier')?.text : p.childForFieldName('name')?.text;
    if (name) names.push(name);
    if (p.descendantsOfType('call').some((c) => isDependencyCall(c))) open = true;
  }
  // A dependency in the decorator (dependencies=[...]) can also read path params.
  return { names, open };
}
