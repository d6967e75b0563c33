/**
 * RL007 path-param-not-in-signature
 *
 * ## What it does
 * Reports a path parameter of a FastAPI route (`{order_id}` in
 * `/users/{user_id}/orders/{order_id}`) that the endpoint function does not take. FastAPI
 * only passes the parameters the signature names: the value in the URL is silently ignored,
 * every order id gives the same answer, and the OpenAPI schema does not document it.
 *
 * No false positives: the rule stays silent when the endpoint may read the value another way:
 * a `**kwargs` parameter, a `Depends`/`Security` dependency (on the parameter, the route or
 * its router), a parameter with an `alias=`, or a body that mentions `path_params`.
 *
 * ## Example
 * ```python
 * @router.get("/users/{user_id}/orders/{order_id}")
 * def read_user_order(user_id: int):       # RL007: order_id is never read
 *     ...
 * ```
 *
 * ## How to fix
 * Add the parameter to the signature (`order_id: int`) or remove it from the path.
 */
import { compilePath } from '../routing/compilePath';
import type { SyntaxNode } from '../python/parser';
import { isApiRoute, type Rule, type RuleContext } from './context';
import { templateRange } from './pathParams';
import type { Diagnostic } from './types';
import type { Span } from '../model/span';

export const CODE = 'RL007';
export const NAME = 'path-param-not-in-signature';

export const pathParamNotInSignature: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const placed = [...ctx.declarations()].sort((a, b) => a.decl.chain.length - b.decl.chain.length);
    for (const { decl } of placed) {
      if (!isApiRoute(decl) || !decl.api?.endpointParams || decl.api.endpointAcceptsAnyParam || !decl.endpoint?.span) continue;
      const compiled = compilePath(decl.path, ctx.project.convertors);
      if (!compiled.ok) continue;
      const missing = compiled.compiled.params.filter((p) => !decl.api!.endpointParams!.includes(p.name));
      if (missing.length === 0 || readsOtherwise(ctx, decl.endpoint.span)) continue;
      for (const p of missing) {
        const span = templateRange(ctx, decl.path, decl.pathString, p.start, p.end) ?? decl.pathString?.span ?? decl.span;
        const key = `${span.file}:${span.start}:${decl.endpoint.span.start}:${p.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const related: Diagnostic['related'] = [{ span: decl.endpoint.nameSpan ?? decl.endpoint.span, message: `${decl.endpoint.name} has no parameter ${p.name}` }];
        out.push({
          code: CODE,
          rule: NAME,
          severity: 'warning',
          message:
            `Path parameter {${p.name}} is not a parameter of ${decl.endpoint.name}(): FastAPI ignores the value in the URL ` +
            `(every ${p.name} gets the same answer) and leaves it out of the OpenAPI schema. Add \`${p.name}\` to the signature or remove it from the path.`,
          span,
          related,
          fixes: [],
        });
      }
    }
    return out;
  },
};

/** Does the endpoint read path values through an alias or request.path_params? */
function readsOtherwise(ctx: RuleContext, endpoint: Span): boolean {
  const node = ctx.nodeAt(endpoint);
  const fn = node && enclosingFunction(node, endpoint);
  if (!fn) return true; // cannot see the function: stay silent
  const params = fn.childForFieldName('parameters');
  for (const kw of params?.descendantsOfType('keyword_argument') ?? []) {
    if (kw?.childForFieldName('name')?.text === 'alias') return true;
  }
  const body = fn.childForFieldName('body');
  for (const id of body?.descendantsOfType('identifier') ?? []) {
    if (id?.text === 'path_params') return true;
  }
  return false;
}

function enclosingFunction(node: SyntaxNode, span: Span): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.type === 'function_definition' && n.startIndex <= span.start && n.endIndex >= span.end - 1) return n;
    if (n.type === 'decorated_definition') {
      const def = n.childForFieldName('definition');
      if (def?.type === 'function_definition') return def;
    }
  }
  return undefined;
}
