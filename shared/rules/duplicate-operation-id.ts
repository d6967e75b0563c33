/**
 * RL008 duplicate-operation-id
 *
 * ## What it does
 * Reports two operations of one app's OpenAPI schema with the same `operationId`, e.g. two
 * routes given `operation_id="get_user"`, or a generated id (`name + path + "_" + method`)
 * that an explicit one repeats. FastAPI warns
 * `UserWarning: Duplicate Operation ID get_user for function read_user_by_email at FILE`
 * each time it builds the schema.
 *
 * Only ids that certainly collide between different routes are reported. A route with several
 * methods (`api_route(methods=["GET", "HEAD"])`) gives all its methods one generated id; that
 * is FastAPI's own doing and is not reported. Routes left out of the schema
 * (`include_in_schema=False`) and apps without an OpenAPI URL are skipped.
 *
 * ## Why is this bad?
 * Operation ids must be unique in OpenAPI: client generators create one method for both
 * operations (one of them unreachable from the client) or refuse the schema.
 *
 * ## Example
 * ```python
 * @router.get("/{user_id}", operation_id="get_user")
 * def read_user(user_id: int): ...
 *
 * @router.get("/by-email/{email}", operation_id="get_user")   # RL008
 * def read_user_by_email(email: str): ...
 * ```
 *
 * ## How to fix
 * Give each operation its own `operation_id`.
 */
import { compilePath } from '../routing/compilePath';
import { operationIdFor } from '../openapi/fields';
import type { RouteNode } from '../routing/types';
import type { Span } from '../model/span';
import type { Rule, RuleContext } from './context';
import type { Diagnostic } from './types';

export const CODE = 'RL008';
export const NAME = 'duplicate-operation-id';

export const duplicateOperationId: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const app of ctx.project.apps) {
      if (app.kind !== 'fastapi' || app.settings.openapiUrl === null) continue;
      // get_openapi walks app.routes (top level only) in order, each method of each APIRoute.
      const first = new Map<string, RouteNode>();
      for (const node of app.tree.routes) {
        if (node.kind !== 'route' || node.flavor !== 'api' || !node.api?.includeInSchema || !node.methods?.length) continue;
        const compiled = compilePath(node.path, app.tree.convertors);
        if (!compiled.ok) continue;
        const id = operationIdFor(node.name, compiled.compiled.format, node.methods, node.api.operationId).operationId;
        if (id === undefined) continue; // several possible generated ids: not certain
        const earlier = first.get(id);
        if (!earlier) {
          first.set(id, node);
          continue;
        }
        const span = operationIdSpan(ctx, node) ?? node.span;
        if (!span) continue;
        const key = `${span.file}:${span.start}:${id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const earlierSpan = (earlier.span && operationIdSpan(ctx, earlier)) ?? earlier.span;
        const line = earlierSpan ? ctx.lineOf(earlierSpan) : undefined;
        out.push({
          code: CODE,
          rule: NAME,
          severity: 'warning',
          message:
            `Duplicate Operation ID ${id}: ${earlier.endpoint?.name ?? earlier.name}${line !== undefined ? ` (line ${line})` : ''} already uses it. ` +
            `FastAPI warns "Duplicate Operation ID ${id} for function ${node.endpoint?.name ?? node.name}" when it builds the schema of ${app.id}, ` +
            'and client generators merge the two operations. Give each operation its own operation_id.',
          span,
          related: earlierSpan ? [{ span: earlierSpan, message: `${id} is first used here` }] : [],
          fixes: [],
        });
      }
    }
    return out;
  },
};

/** The `operation_id=` argument of the route's declaring call, when written there. */
function operationIdSpan(ctx: RuleContext, node: RouteNode): Span | undefined {
  if (!node.span || node.api?.operationId === undefined) return undefined;
  const call = ctx.nodeAt(node.span);
  const args = call?.type === 'call' ? call.childForFieldName('arguments') : undefined;
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'operation_id') {
      const value = arg.childForFieldName('value');
      if (value) return { file: node.span.file, start: value.startIndex, end: value.endIndex };
    }
  }
  return undefined;
}
