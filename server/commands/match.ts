// route-lens match [DIR] METHOD URL [--host H] [--app A] [--websocket] [--json]:
// the outcome as Starlette would produce it, and the trace of the router loop that explains it.
import { matchRequest } from '../../shared/routing/matcher';
import type { MatchOutcome, MatchRequest, TraceStep } from '../../shared/routing/types';
import { COMMON_VALUED, EXIT, UsageError, loadWorkspace, location, parseArgs, singleApp, textOf, type IO } from './common';

/** Splits what the user typed ("/a?b=1", "http://host:8000/a") into the parts of a request. */
export function requestFromUrl(method: string, url: string, host: string | undefined, websocket: boolean): MatchRequest {
  let rawPath = url;
  let scheme: MatchRequest['scheme'] = websocket ? 'ws' : 'http';
  const absolute = /^(https?|wss?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (absolute) {
    scheme = absolute[1]!.toLowerCase() as MatchRequest['scheme'];
    host ??= absolute[2]!;
    rawPath = absolute[3] || '/';
  }
  const hash = rawPath.indexOf('#');
  if (hash >= 0) rawPath = rawPath.slice(0, hash);
  const q = rawPath.indexOf('?');
  const query = q >= 0 ? rawPath.slice(q + 1) : '';
  if (q >= 0) rawPath = rawPath.slice(0, q);
  if (!rawPath.startsWith('/')) throw new UsageError(`the URL must be a path starting with "/" or an absolute http(s) URL, got ${url}`);
  return { type: websocket ? 'websocket' : 'http', method: method.toUpperCase(), rawPath, query, host: host ?? 'localhost', scheme };
}

function describeNode(step: TraceStep): string {
  const n = step.node;
  switch (n.kind) {
    case 'route':
      return `${n.methods === null ? '*' : n.methods.join(',')} ${n.path} (${n.name})`;
    case 'websocket':
      return `WS ${n.path} (${n.name})`;
    case 'mount':
      return `Mount ${n.path}`;
    case 'host':
      return `Host ${n.host}`;
    case 'unresolved':
      return `unresolved ${n.what}: ${n.reason}`;
    default:
      return '?';
  }
}

export function describeOutcome(o: MatchOutcome): string {
  switch (o.kind) {
    case 'route':
      return `200 → ${o.route.kind === 'websocket' ? 'WS' : ''}${o.fullPath} (${o.route.name})`;
    case 'opaque-app':
      return `handled by the mounted app ${o.app.label} (${o.app.reason})`;
    case 'method-not-allowed':
      return `405 Method Not Allowed; Allow: ${o.allow.join(', ')} (route ${o.route.path})`;
    case 'redirect':
      return `307 Temporary Redirect → ${o.location}`;
    case 'not-found':
      return '404 Not Found';
    case 'server-error':
      return `500 Internal Server Error: ${o.reason}`;
    case 'websocket-close':
      return 'websocket closed: no websocket route matches';
  }
}

export async function run(argv: string[], io: IO): Promise<number> {
  const args = parseArgs(argv, [...COMMON_VALUED, 'host'], ['json', 'websocket']);
  const [dir, method, url]: (string | undefined)[] = args.positional.length === 2 ? [undefined, ...args.positional] : args.positional;
  if (!method || !url) throw new UsageError('usage: route-lens match [DIR] METHOD URL [--host H] [--app A] [--websocket] [--json]');
  const { dir: root, model } = await loadWorkspace(dir, args);
  const { app } = singleApp(model);
  const req = requestFromUrl(method, url, typeof args.flags.get('host') === 'string' ? (args.flags.get('host') as string) : undefined, args.flags.has('websocket'));
  const outcome = matchRequest(app.tree, req, { trace: true });
  const texts = textOf(model);
  if (args.flags.has('json')) {
    const params = 'params' in outcome ? outcome.params : undefined;
    io.out(
      JSON.stringify(
        {
          app: app.id,
          request: req,
          outcome: outcome.kind,
          status: outcome.status,
          route: 'route' in outcome ? { name: outcome.route.name, path: outcome.route.path, handler: outcome.route.endpoint ? location(outcome.route.endpoint.nameSpan ?? outcome.route.endpoint.span, root, texts) : undefined } : undefined,
          fullPath: outcome.kind === 'route' ? outcome.fullPath : undefined,
          params,
          allow: outcome.kind === 'method-not-allowed' ? outcome.allow : undefined,
          location: outcome.kind === 'redirect' ? outcome.location : undefined,
          uncertainBecause: outcome.uncertainBecause,
          trace: outcome.trace.map((s) => ({ router: s.router, pass: s.pass, path: s.path, node: describeNode(s), result: s.result })),
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT.ok;
  }
  io.out(`${req.method} ${req.rawPath}${req.query ? '?' + req.query : ''} on ${app.id}\n`);
  io.out(`  ${describeOutcome(outcome)}\n`);
  if (outcome.kind === 'route' && outcome.route.endpoint) io.out(`  handler: ${outcome.route.endpoint.name}  ${location(outcome.route.endpoint.nameSpan ?? outcome.route.endpoint.span, root, texts)}\n`);
  if ('params' in outcome) for (const [k, v] of Object.entries(outcome.params)) io.out(`  param ${k} = ${v.value} (${v.type}, from "${v.raw}")\n`);
  for (const reason of outcome.uncertainBecause) io.out(`  uncertain: ${reason}\n`);
  io.out('  trace:\n');
  for (const s of outcome.trace) io.out(`    ${s.pass === 'redirect-scan' ? '[slash redirect] ' : ''}${s.router} ${s.path}: ${describeNode(s)} → ${s.result}\n`);
  return EXIT.ok;
}
