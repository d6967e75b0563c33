/**
 * RL002 unknown-convertor
 *
 * ## What it does
 * Reports a path parameter whose convertor Starlette does not know, e.g. `{id:integer}`.
 * The known convertors are Starlette's own (`str`, `path`, `int`, `float`, `uuid`) plus every
 * convertor registered in the workspace with `register_url_convertor`.
 *
 * ## Why is this bad?
 * `compile_path` asserts the name: `AssertionError: Unknown path convertor 'integer'` is raised
 * when the route (or Mount/Host) is created, so the app does not start.
 *
 * ## Example
 * ```python
 * @app.get("/items/{item_id:integer}")   # RL002: did you mean 'int'?
 * async def read_item(item_id: int): ...
 * ```
 *
 * ## How to fix
 * Use a known convertor (the quick fix replaces the name with the nearest one), or register
 * yours with `starlette.convertors.register_url_convertor(name, MyConvertor())` in a module
 * imported before the route is declared.
 */
import type { Rule } from './context';
import { compiledTemplate } from './duplicate-path-param';
import { nearestName } from './nearestName';
import { placeholders, templateRange } from './pathParams';
import type { Diagnostic, Fix } from './types';

export const CODE = 'RL002';
export const NAME = 'unknown-convertor';

export const unknownConvertor: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const known = [...ctx.project.convertors.keys()];
    const placed = [...ctx.declarations()].filter((p) => !(p.decl.kind === 'route' && p.decl.flavor === 'docs'));
    placed.sort((a, b) => a.decl.chain.length - b.decl.chain.length);
    for (const { decl } of placed) {
      const template = compiledTemplate(decl);
      for (const p of placeholders(template)) {
        if (ctx.project.convertors.has(p.convertor)) continue;
        const nameStart = p.start + 1 + p.name.length + 1;
        const range = templateRange(ctx, template, decl.pathString, nameStart, p.end - 1);
        const placeholderRange = templateRange(ctx, template, decl.pathString, p.start, p.end);
        const span = placeholderRange ?? decl.pathString?.span ?? decl.span;
        const key = `${span.file}:${span.start}:${span.end}:${p.convertor}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const suggestion = nearestName(p.convertor, known);
        const fixes: Fix[] =
          suggestion && range ? [{ title: `Replace '${p.convertor}' with '${suggestion}'`, edits: [{ span: range, newText: suggestion }], isPreferred: true }] : [];
        out.push({
          code: CODE,
          rule: NAME,
          severity: 'error',
          message:
            `Unknown path convertor '${p.convertor}': Starlette raises AssertionError when the route is created, so the app does not start. ` +
            `Known convertors: ${known.join(', ')}${suggestion ? `. Did you mean '${suggestion}'?` : '.'}`,
          span,
          related: [],
          fixes,
        });
      }
    }
    return out;
  },
};
