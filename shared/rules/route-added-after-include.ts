/**
 * RL006 route-added-after-include
 *
 * ## What it does
 * Reports a route added to an `APIRouter` after that router was passed to
 * `include_router(...)`. Before FastAPI 0.137, `include_router` COPIES the routes the router
 * has at that moment into the including router; routes added later are never copied, so
 * they are never served (404) and are missing from the OpenAPI schema. From FastAPI 0.137
 * the include is resolved lazily and such routes are served: the rule follows the project's
 * FastAPI version.
 *
 * ## Why is this bad?
 * The code looks as if the route exists, and it does in the router object, but the app
 * answers 404.
 *
 * ## Example
 * ```python
 * app.include_router(router)
 *
 * @router.get("/readyz")      # RL006: added after app.include_router(router)
 * def ready(): ...
 * ```
 *
 * ## How to fix
 * Include the router after all its routes are declared (usually: include in the module that
 * builds the app, after importing the router modules).
 */
import type { Span } from '../model/span';
import type { Rule } from './context';
import type { Diagnostic } from './types';

export const CODE = 'RL006';
export const NAME = 'route-added-after-include';

export const routeAddedAfterInclude: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const router of ctx.project.routers) {
      for (const include of router.includedInto) {
        if (!include.copied) continue;
        const line = ctx.lineOf(include.span);
        const includeText = ctx.file(include.span.file)?.text.slice(include.span.start, include.span.end).replace(/\s+/g, ' ') ?? 'include_router(...)';
        for (const entry of router.entries.slice(include.entriesAtInclude)) {
          if (entry.kind !== 'route' && entry.kind !== 'websocket') continue;
          // A copy of a route included into this router later: point at that include.
          const viaInclude = entry.chain.length > 1 ? entry.chain[entry.chain.length - 1] : undefined;
          const span: Span = viaInclude?.span ?? entry.pathString?.span ?? entry.span;
          const key = `${span.file}:${span.start}:${include.span.file}:${include.span.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const what = entry.kind === 'websocket' ? `WebSocket ${entry.path}` : `${(entry.methods ?? ['*']).join(', ')} ${entry.path}`;
          const where = `${includeText.length > 60 ? includeText.slice(0, 59) + '…' : includeText}${line !== undefined ? ` (line ${line})` : ''}`;
          out.push({
            code: CODE,
            rule: NAME,
            severity: 'warning',
            message:
              `${what} is added after ${where} already copied this router's routes (FastAPI < 0.137 copies them at the include): ` +
              'it is never served (404) and is missing from the OpenAPI schema. Declare the route before the include_router call.',
            span,
            related: [{ span: include.span, message: 'the router is included here, before the route exists' }],
            fixes: [],
          });
        }
      }
    }
    return out;
  },
};
