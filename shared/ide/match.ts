// "Which route answers METHOD URL?" as the framework would decide it, as plain data for the
// editor (Match URL… command, custom request) and the CLI.
import type { Span } from '../model/span';
import type { AppInfo } from '../model/types';
import { matchRequest } from '../routing/matcher';
import type { MatchOutcome, MatchRequest, ParamValue, TraceStep } from '../routing/types';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { describeNode } from './describe';

export interface MatchQuery {
  /** HTTP method, or "WEBSOCKET"/"WS" for a websocket handshake. */
  method: string;
  /** A path ("/items/1?x=2") or an absolute URL ("http://host:8000/items/1"). */
  url: string;
  /** Host header; defaults to the URL's host. */
  host?: string;
  /** App id ("pkg.main:app"); defaults to the only served app, else the first. */
  app?: string;
}

export interface MatchedRoute {
  label: string;
  fullPath: string;
  name: string;
  handler?: string;
  /** Where to open: the handler, else the declaration. */
  span?: Span;
}

export interface MatchAnswer {
  appId: string;
  kind: MatchOutcome['kind'];
  status: number | null;
  /** One line, e.g. "200 GET /items/{item_id} → read_item(item_id=7)". */
  summary: string;
  route?: MatchedRoute;
  params?: Record<string, ParamValue>;
  allow?: string[];
  location?: string;
  reason?: string;
  /** Unresolved declarations passed before the decision: the answer may be wrong. */
  uncertainBecause: string[];
  trace: { router: string; pass: TraceStep['pass']; node: string; path: string; result: TraceStep['result'] }[];
}

export type MatchResult = { ok: true; answer: MatchAnswer } | { ok: false; error: string };

export function parseUrl(url: string): { scheme?: 'http' | 'https'; host?: string; rawPath: string; query: string } {
  let rest = url.trim();
  let scheme: 'http' | 'https' | undefined;
  let host: string | undefined;
  const abs = /^(https?|wss?):\/\/([^/?#]*)(.*)$/i.exec(rest);
  if (abs) {
    scheme = abs[1]!.toLowerCase().endsWith('s') ? 'https' : 'http';
    host = abs[2]!.replace(/^[^@]*@/, '');
    rest = abs[3]!;
  }
  rest = rest.replace(/#.*$/s, '');
  const q = rest.indexOf('?');
  const rawPath = (q < 0 ? rest : rest.slice(0, q)) || '/';
  return { ...(scheme ? { scheme } : {}), ...(host !== undefined ? { host } : {}), rawPath: rawPath.startsWith('/') ? rawPath : '/' + rawPath, query: q < 0 ? '' : rest.slice(q + 1) };
}

function chooseApp(model: WorkspaceModel, id: string | undefined): AppInfo | string {
  if (id) return model.apps.find((a) => a.id === id) ?? `no app ${id}; apps: ${model.apps.map((a) => a.id).join(', ') || 'none'}`;
  return model.served[0] ?? model.apps[0] ?? 'no FastAPI or Starlette app found in the workspace';
}

export function matchUrl(model: WorkspaceModel, query: MatchQuery): MatchResult {
  const app = chooseApp(model, query.app);
  if (typeof app === 'string') return { ok: false, error: app };
  const method = query.method.trim().toUpperCase();
  if (!/^[A-Z]+$/.test(method)) return { ok: false, error: `not an HTTP method: ${query.method}` };
  const websocket = method === 'WS' || method === 'WEBSOCKET';
  const url = parseUrl(query.url);
  const host = query.host ?? url.host;
  const req: MatchRequest = {
    type: websocket ? 'websocket' : 'http',
    method: websocket ? 'GET' : method,
    rawPath: url.rawPath,
    query: url.query,
    scheme: websocket ? (url.scheme === 'https' ? 'wss' : 'ws') : (url.scheme ?? 'http'),
    ...(host !== undefined ? { host } : {}),
    ...(app.settings.rootPath ? { rootPath: app.settings.rootPath } : {}),
  };
  const outcome = matchRequest(app.tree, req, { trace: true });
  return { ok: true, answer: toAnswer(app, websocket ? 'WEBSOCKET' : method, url.rawPath, outcome) };
}

function toAnswer(app: AppInfo, method: string, path: string, outcome: MatchOutcome): MatchAnswer {
  const answer: MatchAnswer = {
    appId: app.id,
    kind: outcome.kind,
    status: outcome.status,
    summary: '',
    uncertainBecause: outcome.uncertainBecause,
    trace: outcome.trace.map((t) => ({ router: t.router, pass: t.pass, node: describeNode(t.node), path: t.path, result: t.result })),
  };
  switch (outcome.kind) {
    case 'route': {
      const r = outcome.route;
      const handler = r.endpoint?.name;
      answer.route = {
        label: r.kind === 'websocket' ? `WS ${outcome.fullPath}` : `${method} ${outcome.fullPath}`,
        fullPath: outcome.fullPath,
        name: r.name,
        ...(handler ? { handler } : {}),
        ...spanOf(r.endpoint?.nameSpan ?? r.endpoint?.span ?? r.span),
      };
      answer.params = outcome.params;
      const args = Object.entries(outcome.params).map(([k, v]) => `${k}=${v.type === 'str' ? JSON.stringify(v.value) : v.value}`).join(', ');
      answer.summary = `${r.kind === 'websocket' ? 'websocket accepted by' : '200'} ${answer.route.label} → ${handler ?? r.name}(${args})`;
      break;
    }
    case 'method-not-allowed':
      answer.allow = outcome.allow;
      answer.route = { label: describeNode(outcome.route), fullPath: outcome.route.path, name: outcome.route.name, ...spanOf(outcome.route.endpoint?.nameSpan ?? outcome.route.span) };
      answer.summary = `405 Method Not Allowed: ${path} matches ${answer.route.label}, which does not allow ${method} (Allow: ${outcome.allow.join(', ')})`;
      break;
    case 'redirect':
      answer.location = outcome.location;
      answer.summary = `307 Temporary Redirect to ${outcome.location}: no route takes ${path}, but one takes it with the trailing slash ${path.endsWith('/') ? 'removed' : 'added'}`;
      break;
    case 'not-found':
      answer.summary = `404 Not Found: no route matches ${method} ${path}`;
      break;
    case 'opaque-app':
      answer.params = outcome.params;
      answer.reason = outcome.app.reason;
      answer.summary = `${outcome.status ?? '?'} handled by the mounted app ${outcome.app.label} (${describeNode(outcome.mount)}); its routes are not visible: ${outcome.app.reason}`;
      break;
    case 'server-error':
      answer.reason = outcome.reason;
      answer.summary = `500 Internal Server Error: ${outcome.reason}`;
      break;
    case 'websocket-close':
      answer.summary = `websocket closed (code 1000): no websocket route matches ${path}`;
      break;
  }
  if (outcome.uncertainBecause.length) answer.summary += ` (uncertain: ${outcome.uncertainBecause.join('; ')})`;
  return answer;
}

function spanOf(span: Span | undefined): { span?: Span } {
  return span ? { span } : {};
}
