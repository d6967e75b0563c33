/**
 * RL005 invalid-prefix
 *
 * ## What it does
 * Reports the path and prefix mistakes the framework refuses with an exception while the app
 * is being built:
 * - `APIRouter(prefix=...)` or `include_router(..., prefix=...)` not starting with `/`:
 *   `AssertionError: A path prefix must start with '/'`;
 * - a prefix ending with `/`: `AssertionError: A path prefix must not end with '/', as the
 *   routes will start with '/'`;
 * - a Starlette `Route`/`WebSocketRoute`/`Mount` path not starting with `/`:
 *   `AssertionError: Routed paths must start with '/'`;
 * - a `Host` pattern starting with `/`: `AssertionError: Host must not start with '/'`;
 * - `include_router` without a prefix of a router holding a route with an empty path:
 *   `Exception: Prefix and path cannot be both empty (path operation: NAME)`.
 *
 * ## Why is this bad?
 * The exception is raised at import: the app does not start.
 *
 * ## Example
 * ```python
 * router = APIRouter(prefix="/items/")     # RL005: must not end with '/'
 * ```
 *
 * ## How to fix
 * Write prefixes as `/items` (leading slash, no trailing slash) and paths starting with `/`.
 * The quick fix rewrites the string literal.
 */
import type { FrameworkError } from '../model/routerObject';
import { decodeString } from '../python/strings';
import type { Rule, RuleContext } from './context';
import type { Diagnostic, Fix } from './types';

export const CODE = 'RL005';
export const NAME = 'invalid-prefix';

const TOPICS = new Set(['prefix', 'route-path', 'mount-path', 'empty-path', 'host']);

export const invalidPrefix: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const error of ctx.project.errors) {
      if (!TOPICS.has(error.topic)) continue;
      const key = `${error.span.file}:${error.span.start}:${error.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        code: CODE,
        rule: NAME,
        severity: 'error',
        message: `${error.exception}: ${error.message} — raised while the app is built, so it does not start.${advice(error)}`,
        span: error.span,
        related: [],
        fixes: fixFor(ctx, error),
      });
    }
    return out;
  },
};

function advice(error: FrameworkError): string {
  switch (error.topic) {
    case 'prefix':
      return ' Write the prefix with a leading "/" and no trailing "/", e.g. "/items".';
    case 'empty-path':
      return ' Give the route a path such as "/" or include the router with a prefix.';
    case 'host':
      return ' A Host takes a host name pattern such as "{sub}.example.com".';
    default:
      return ' Start the path with "/".';
  }
}

/** A quick fix when the faulty value is one string literal written without escapes. */
function fixFor(ctx: RuleContext, error: FrameworkError): Fix[] {
  if (error.topic === 'empty-path' || error.topic === 'host') return [];
  const node = ctx.nodeAt(error.span);
  if (node?.type !== 'string' || node.startIndex !== error.span.start || node.endIndex !== error.span.end) return [];
  const decoded = decodeString(node, undefined, error.span.file);
  if (!decoded.ok) return [];
  const { value, offsets } = decoded.value;
  // Each character must be written as itself, so the edit can replace the text in place.
  if (value.length === 0 || offsets.some((o, i) => o !== offsets[0]! + i)) return [];
  const fixed = error.topic === 'prefix' ? (value.startsWith('/') ? value : '/' + value).replace(/\/+$/, '') : '/' + value;
  if (fixed === value) return [];
  return [
    {
      title: `Change ${JSON.stringify(value)} to ${JSON.stringify(fixed)}`,
      edits: [{ span: { file: error.span.file, start: offsets[0]!, end: offsets[0]! + value.length }, newText: fixed }],
      isPreferred: true,
    },
  ];
}
