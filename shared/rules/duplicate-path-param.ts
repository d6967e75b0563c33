/**
 * RL001 duplicate-path-param
 *
 * ## What it does
 * Reports a path parameter name used twice for one request:
 * - twice in one template, e.g. `/pairs/{a}/{a}`. Starlette's `compile_path` raises
 *   `ValueError: Duplicated param name a at path /pairs/{a}/{a}` when the route is created, so
 *   the app does not even import. This includes a router prefix or an `include_router(prefix=)`
 *   repeating a parameter of the route's path (FastAPI before 0.137 compiles the joined path
 *   when the router is included) and a `Mount("/files/{path}")`, because a Mount adds its own
 *   `{path:path}` parameter. Severity: error.
 * - in a `Mount`/`Host` and again in a route inside it, e.g. `Mount("/users/{username}")`
 *   holding `Route("/profile/{username}")`. Nothing raises: the inner value silently replaces
 *   the outer one in `request.path_params`, so `/users/alice/profile/bob` gives
 *   `username == "bob"` and the mount's value is lost. Severity: warning.
 *
 * ## Why is this bad?
 * The first case crashes the app at start-up; the second hands the endpoint the wrong value.
 *
 * ## Example
 * ```python
 * Route("/pairs/{a}/{a}", pair)                         # RL001 (error)
 * Mount("/users/{username}", routes=[
 *     Route("/profile/{username}", profile),            # RL001 (warning)
 * ])
 * ```
 *
 * ## How to fix
 * Give every parameter of a URL its own name: `/pairs/{a}/{b}`,
 * `Mount("/users/{owner}", routes=[Route("/profile/{username}", ...)])`.
 */
import { compilePath } from '../routing/compilePath';
import type { ConvertorTable, RouterTree, StringWithMap, TableNode } from '../routing/types';
import type { Span } from '../model/span';
import type { PathDeclaration, Rule, RuleContext } from './context';
import { placeholders, templateRange } from './pathParams';
import type { Diagnostic } from './types';

export const CODE = 'RL001';
export const NAME = 'duplicate-path-param';

export const duplicatePathParam: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    return [...withinTemplates(ctx), ...acrossComposition(ctx)];
  },
};

/** The template Starlette compiles for a declaration. */
export function compiledTemplate(decl: PathDeclaration): string {
  if (decl.kind === 'host') return decl.host;
  return decl.kind === 'mount' ? decl.path + '/{path:path}' : decl.path;
}

function withinTemplates(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // Original declarations before the copies include_router made of them.
  const placed = [...ctx.declarations()].filter((p) => !(p.decl.kind === 'route' && p.decl.flavor === 'docs'));
  placed.sort((a, b) => a.decl.chain.length - b.decl.chain.length);
  for (const { decl } of placed) {
    const template = compiledTemplate(decl);
    const params = placeholders(template);
    const byName = new Map<string, typeof params>();
    for (const p of params) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const duplicated = [...byName.entries()].filter(([, ps]) => ps.length > 1);
    if (duplicated.length === 0) continue;
    const names = duplicated.map(([n]) => n).sort();
    const key = `${decl.pathString?.span.start ?? decl.span.start}:${decl.span.file}:${names.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);

    // The repeat, or (Mount's own {path:path} is not in the source) the first occurrence.
    const repeats = [...duplicated.flatMap(([, ps]) => ps.slice(1)), ...duplicated.map(([, ps]) => ps[0]!)];
    const mapped = repeats.map((p) => templateRange(ctx, template, decl.pathString, p.start, p.end)).find((s): s is Span => s !== undefined);
    const span = mapped ?? decl.pathString?.span ?? decl.span;
    const related: Diagnostic['related'] = [];
    for (const [, ps] of duplicated) {
      const first = templateRange(ctx, template, decl.pathString, ps[0]!.start, ps[0]!.end);
      if (first && first.start !== span.start) related.push({ span: first, message: `first {${ps[0]!.name}}` });
    }
    const include = decl.chain.length > 1 ? decl.chain[decl.chain.length - 1] : undefined;
    if (include && /include_router/.test(include.what)) related.push({ span: include.span, message: 'the include that joins the prefix and the path' });
    const framework = `Duplicated param name${names.length > 1 ? 's' : ''} ${names.join(', ')} at path ${template}`;
    const mountNote = decl.kind === 'mount' && names.includes('path') ? ' (a Mount adds its own {path:path} parameter)' : '';
    const when = include ? 'when the router is included' : 'when the route is created';
    out.push({
      code: CODE,
      rule: NAME,
      severity: 'error',
      message: `Starlette raises ValueError: ${framework}${mountNote} ${when}, so the app does not start. Give each parameter its own name.`,
      span,
      related,
      fixes: [],
    });
  }
  return out;
}

interface OuterParam {
  name: string;
  span?: Span;
  label: string;
}

function acrossComposition(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  const visit = (tree: RouterTree, outer: OuterParam[], depth: number) => {
    const visitKey = `${tree.label}|${outer.map((o) => o.name + '@' + (o.span?.start ?? '')).join(',')}`;
    if (depth > 20 || visited.has(visitKey)) return;
    visited.add(visitKey);
    for (const node of tree.routes) {
      if (node.kind === 'route' || node.kind === 'websocket') {
        if (node.kind === 'route' && node.flavor === 'docs') continue;
        checkInner(node, node.path, tree.convertors, outer);
      } else if (node.kind === 'mount' || node.kind === 'host') {
        const template = node.kind === 'mount' ? node.path : node.host;
        // The Mount's own value goes first; its routes see the union.
        checkInner(node, template, tree.convertors, outer);
        if (node.target.kind !== 'router') continue;
        const own = paramsOf(template, tree.convertors).map((p) => ({
          name: p.name,
          span: templateRange(ctx, template, node.pathString, p.start, p.end),
          label: node.kind === 'mount' ? `Mount('${template}')` : `Host('${template}')`,
        }));
        visit(node.target, [...outer.filter((o) => !own.some((p) => p.name === o.name)), ...own], depth + 1);
      }
    }
  };
  const checkInner = (node: TableNode, template: string, convertors: ConvertorTable, outer: OuterParam[]) => {
    if (outer.length === 0) return;
    const pathString: StringWithMap | undefined = node.pathString;
    for (const p of paramsOf(template, convertors)) {
      const o = outer.find((x) => x.name === p.name);
      if (!o) continue;
      const span = templateRange(ctx, template, pathString, p.start, p.end) ?? pathString?.span ?? node.span;
      if (!span) continue;
      const key = `${span.file}:${span.start}:${p.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        code: CODE,
        rule: NAME,
        severity: 'warning',
        message:
          `{${p.name}} is already a parameter of the enclosing ${o.label}: the value here silently replaces the ` +
          `mount's in request.path_params, so the outer {${p.name}} is lost. Rename one of them.`,
        span,
        related: o.span ? [{ span: o.span, message: `{${p.name}} of ${o.label}` }] : [],
        fixes: [],
      });
    }
  };
  for (const app of ctx.project.apps) visit(app.tree, [], 0);
  return out;
}

/** Params of a template that compiles (faulty templates are reported by the within-template check). */
function paramsOf(template: string, convertors: ConvertorTable) {
  const compiled = compilePath(template, convertors);
  return compiled.ok ? compiled.compiled.params : [];
}

