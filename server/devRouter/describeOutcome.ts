// The HTTP answer for one routed request: the status mirrors what the framework would answer
// (200 for a handled request, 405 + Allow, 307 + Location, 404, 500), the body says which
// route would have run. No workspace code ever runs.
import type { MatchOutcome, MatchRequest, ParamValue, RouteNode, TableNode, WebSocketRouteNode } from '../../shared/routing/types';
import { positionOf, type Location, type SnapshotView } from './snapshotView';

export interface DevResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RouteDescription {
  kind: 'route' | 'websocket';
  name: string;
  /** Methods the route accepts; null = every method. */
  methods: string[] | null;
  /** The template relative to its router (mount prefixes are in `fullPath` when known). */
  path: string;
  handler: { name: string; location?: Location } | null;
  declared?: Location;
  /** Index in the app's table, with enclosing mount indexes: "19/3". */
  position?: string;
}

export function describeRoute(view: SnapshotView, node: RouteNode | WebSocketRouteNode): RouteDescription {
  return {
    kind: node.kind,
    name: node.name,
    methods: node.kind === 'route' ? node.methods : null,
    path: node.path,
    handler: node.endpoint ? { name: node.endpoint.name, location: view.locate(node.endpoint.nameSpan ?? node.endpoint.span) } : null,
    declared: view.locate(node.span),
    position: positionOf(view, node),
  };
}

function params(p: Record<string, ParamValue>): Record<string, { value: string; raw: string; type: ParamValue['type']; convertor: string }> {
  const out: Record<string, { value: string; raw: string; type: ParamValue['type']; convertor: string }> = {};
  for (const [k, v] of Object.entries(p)) out[k] = { value: v.value, raw: v.raw, type: v.type, convertor: v.convertor };
  return out;
}

/** Header values must be Latin-1; names and templates may not be. */
export function headerSafe(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : encodeURIComponent(s);
}

export function routeHeader(node: TableNode, fullPath?: string): string {
  const name = 'name' in node && node.name !== null ? node.name : node.kind;
  const p = fullPath ?? ('path' in node ? node.path : 'host' in node ? node.host : '');
  return headerSafe(`${name} ${p}`);
}

export function describeOutcome(
  view: SnapshotView,
  req: MatchRequest,
  outcome: MatchOutcome,
  query: [string, string][],
): DevResponse {
  const app = view.choice.ok ? view.choice.app.id : null;
  const base = {
    outcome: outcome.kind,
    app,
    generation: view.generation,
    request: { type: req.type, method: req.method, rawPath: req.rawPath, query },
    uncertain: outcome.uncertainBecause,
  };
  const headers: Record<string, string> = { 'x-route-lens-outcome': outcome.kind };
  if (outcome.uncertainBecause.length) headers['x-route-lens-uncertain'] = String(outcome.uncertainBecause.length);
  switch (outcome.kind) {
    case 'route':
      headers['x-route-lens-route'] = routeHeader(outcome.route, outcome.fullPath);
      return {
        status: 200,
        headers,
        body: { ...base, status: 200, route: { ...describeRoute(view, outcome.route), fullPath: outcome.fullPath }, pathParams: params(outcome.params) },
      };
    case 'method-not-allowed':
      headers['x-route-lens-route'] = routeHeader(outcome.route);
      // Starlette joins a Python set (its order varies between runs); clients compare as a set.
      headers['allow'] = outcome.allow.join(', ');
      return { status: 405, headers, body: { ...base, status: 405, route: describeRoute(view, outcome.route), allow: outcome.allow } };
    case 'redirect':
      headers['location'] = outcome.location;
      return { status: 307, headers, body: { ...base, status: 307, location: outcome.location } };
    case 'not-found':
      return { status: 404, headers, body: { ...base, status: 404, detail: 'Not Found' } };
    case 'server-error':
      return { status: 500, headers, body: { ...base, status: 500, reason: outcome.reason } };
    case 'websocket-close':
      // uvicorn answers a handshake the app closes before accepting with 403.
      return { status: 403, headers, body: { ...base, status: 403, detail: 'no websocket route matches: the socket would be closed before accept' } };
    case 'opaque-app':
      // A mounted app Route Lens cannot see into (StaticFiles, a third-party ASGI app) takes the
      // request; its own answer is unknown, so the status says "handled" and the body says by what.
      headers['x-route-lens-route'] = routeHeader(outcome.mount);
      return {
        status: 200,
        headers,
        body: {
          ...base,
          status: outcome.status,
          mount: {
            name: outcome.mount.name,
            path: outcome.mount.kind === 'mount' ? outcome.mount.path : outcome.mount.host,
            declared: view.locate(outcome.mount.span),
            position: positionOf(view, outcome.mount),
          },
          mountedApp: { label: outcome.app.label, reason: outcome.app.reason },
          pathParams: params(outcome.params),
        },
      };
  }
}
