/**
 * RL003 shadowed-route
 *
 * ## What it does
 * Reports a route (or some of its methods), websocket route or mount that no request can ever
 * reach, because routes registered before it in the same router already take every request it
 * would match. The check is exact: the path patterns are compared as regular languages, with
 * Starlette's own regexes and Python's `re.match` semantics, so a route is only reported when
 * it is proven unreachable, and each report comes with an example path.
 *
 * ## Why is this bad?
 * Starlette and FastAPI hand a request to the FIRST route whose path pattern matches and whose
 * methods include the request's method. A later route whose requests are all taken by earlier
 * ones is dead code: its endpoint never runs, and the earlier route answers instead (often with
 * a 422 because `me` is not an `int`, or with data the client did not ask for). The OpenAPI
 * schema still lists the dead route, so the documentation lies.
 *
 * ## Example
 * ```python
 * @app.get("/items/{name}")
 * async def read_item(name: str): ...
 *
 * @app.get("/items/me")          # RL003: never reached, /items/{name} takes /items/me
 * async def read_my_item(): ...
 * ```
 *
 * Not reported: `/items/{id:int}` before `/items/me` (`me` is not an int), `GET /a` before
 * `POST /a`, or any route some request still reaches.
 *
 * ## How to fix
 * Register the specific route before the general one (move `/items/me` above
 * `/items/{name}`), narrow the earlier route with a convertor (`{id:int}`), or delete the
 * duplicate.
 */
import type { Span } from '../model/span';
import type { ShadowFinding } from '../analysis/shadowing';
import type { TableNode } from '../routing/types';
import type { Diagnostic } from './types';

export const SHADOWED_ROUTE_CODE = 'RL003';
export const SHADOWED_ROUTE_RULE = 'shadowed-route';

/** 1-based line of a span's start, when the caller has the file's text. */
export type LineOf = (span: Span) => number | undefined;

export function shadowedRouteDiagnostics(findings: readonly ShadowFinding[], lineOf?: LineOf): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const span = finding.node.pathString?.span ?? finding.node.span;
    if (!span) continue;
    const takerSpan = spanOf(finding.takenBy);
    const line = takerSpan && lineOf ? lineOf(takerSpan) : undefined;
    const taker = describeTaker(finding) + (line !== undefined ? ` (line ${line})` : '');
    const example = finding.mountPrefix && !finding.mountPrefix.includes('{') ? finding.mountPrefix + finding.example : finding.example;
    const message =
      `${describeShadowed(finding)} is never reached: ${taker} matches every request it would get, ` +
      `e.g. ${JSON.stringify(example).slice(1, -1)}. Move this ${finding.node.kind === 'mount' ? 'mount' : 'route'} before it.`;
    const related = finding.shadowedBy.flatMap((node) => {
      const s = spanOf(node);
      return s ? [{ span: s, message: node === finding.takenBy ? `takes ${example} first` : 'also takes requests of the shadowed route' }] : [];
    });
    diagnostics.push({ code: SHADOWED_ROUTE_CODE, rule: SHADOWED_ROUTE_RULE, severity: 'warning', message, span, related, fixes: [] });
  }
  return diagnostics;
}

function spanOf(node: TableNode): Span | undefined {
  return node.pathString?.span ?? node.span;
}

function describeShadowed(finding: ShadowFinding): string {
  const { node, mountPrefix } = finding;
  if (node.kind === 'mount') return `Mount('${mountPrefix}${node.path}')`;
  if (node.kind === 'websocket') return `WebSocket ${mountPrefix}${node.path}`;
  const methods = finding.methods === 'all' ? 'Every method of' : finding.methods.join(', ');
  return `${methods} ${mountPrefix}${node.path}`;
}

function describeTaker(finding: ShadowFinding): string {
  const node = finding.takenBy;
  const prefix = finding.mountPrefix;
  switch (node.kind) {
    case 'mount':
      return `Mount('${prefix}${node.path}')`;
    case 'websocket':
      return `WebSocket ${prefix}${node.path}`;
    case 'route':
      if (node.methods === null || node.methods.length === 0) return `${prefix}${node.path} (every method)`;
      return `${finding.exampleMethod ?? node.methods.join(', ')} ${prefix}${node.path}`;
    case 'host':
      return `Host('${node.host}')`;
    case 'unresolved':
      return node.what;
  }
}
