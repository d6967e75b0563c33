/**
 * RL004 form-feed-truncation
 *
 * ## What it does
 * FastAPI publishes an endpoint's docstring as its OpenAPI description, cut at the first form
 * feed (`\f`): `inspect.cleandoc(__doc__).split("\f")[0].strip()`. This rule reports a `\f`
 * that does not cut, so the text meant to stay internal is published:
 * - a `\f` that `inspect.cleandoc` deletes (Python ≤ 3.12 counts `\f` as indentation): on the
 *   first line with only whitespace before it, or on a later line where fewer characters
 *   precede it than the docstring's margin (the `\f` line's own indentation, `\f` included,
 *   takes part in the margin). Python 3.13 dedents docstrings itself, only with spaces, so
 *   the same docstring works there: the rule follows the project's Python version.
 * - a raw docstring (`r"""...\f..."""`) or raw `description=` string: `\f` there is a
 *   backslash and an `f`, not a form feed, so nothing is cut and `\f` shows in the text.
 *
 * The check simulates cleandoc exactly; the message shows the description FastAPI will
 * publish. A real form feed in `description=` is cut as intended and is not reported.
 *
 * ## Example
 * ```python
 * @app.get("/items/{item_id}")
 * async def read_item(item_id: int):
 *     """Read one item.
 *     \fInternal: uses the legacy index."""     # RL004: published as "Read one item.\nInternal: ..."
 * ```
 *
 * ## How to fix
 * Put the `\f` right after the last visible character (`"""Read one item.\f`), which the quick
 * fix does, or use a non-raw string.
 */
import { descriptionFor, type Description } from '../openapi/fields';
import type { StringWithMap } from '../routing/types';
import { formatVersion } from '../versions';
import { isApiRoute, quote, type Rule, type RuleContext } from './context';
import type { Diagnostic, Fix, TextEdit } from './types';

export const CODE = 'RL004';
export const NAME = 'form-feed-truncation';

export const formFeedTruncation: Rule = {
  code: CODE,
  name: NAME,
  check(ctx) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const python = ctx.project.versions.python;
    for (const { decl } of ctx.declarations()) {
      if (!isApiRoute(decl) || !decl.api) continue;
      const { docstring, description } = decl.api;
      const explicit = description?.value;
      if (explicit) {
        if (description.raw && explicit.includes('\\f')) report(ctx, out, seen, description, 'description=', descriptionFor({ description: explicit }, python).published);
        continue; // the docstring is not used
      }
      if (!docstring) continue;
      const result = docstringDescription(docstring.value, python);
      if (docstring.raw && docstring.value.includes('\\f')) {
        report(ctx, out, seen, docstring, 'docstring', result.published);
        continue;
      }
      if (!result.formFeedLost || result.published === result.intended) continue;
      const at = result.formFeedIndex!;
      const span = ctx.rangeIn(docstring, at, at + 1) ?? docstring.span;
      const key = `${span.file}:${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        code: CODE,
        rule: NAME,
        severity: 'warning',
        message:
          `inspect.cleandoc (Python ${formatVersion(python)}) deletes this \\f as indentation, so the text after it is published. ` +
          `FastAPI's OpenAPI description will be ${quote(result.published)} instead of ${quote(result.intended)}. ` +
          'Put the \\f right after the last visible character.',
        span,
        related: [],
        fixes: moveFormFeedFix(ctx, docstring, at, result.intended, python),
      });
    }
    return out;
  },
};

const MAX_REMEMBERED = 20_000;
const descriptions = new Map<string, Description>();

/** descriptionFor a docstring, remembered: include_router copies share their endpoint's docstring. */
function docstringDescription(docstring: string, python: readonly number[]): Description {
  const key = `${python.join('.')}\u0000${docstring}`;
  let d = descriptions.get(key);
  if (!d) {
    if (descriptions.size >= MAX_REMEMBERED) descriptions.clear();
    descriptions.set(key, (d = descriptionFor({ docstring }, python)));
  }
  return d;
}

function report(ctx: RuleContext, out: Diagnostic[], seen: Set<string>, s: StringWithMap, what: string, published: string): void {
  const at = s.value.indexOf('\\f');
  const span = ctx.rangeIn(s, at, at + 2) ?? s.span;
  const key = `${span.file}:${span.start}`;
  if (seen.has(key)) return;
  seen.add(key);
  const fixes: Fix[] = [];
  // Dropping the r prefix is only the same string when \f is its only backslash sequence.
  const prefix = ctx.file(s.span.file)?.text.slice(s.span.start, s.span.start + 3) ?? '';
  const r = /^[bBuU]?[rR]/.exec(prefix);
  if (r && s.value.replaceAll('\\f', '').indexOf('\\') < 0) {
    const rAt = s.span.start + r[0].length - 1;
    fixes.push({ title: 'Make it a normal string so that \\f is a form feed', edits: [{ span: { file: s.span.file, start: rAt, end: rAt + 1 }, newText: '' }], isPreferred: true });
  }
  out.push({
    code: CODE,
    rule: NAME,
    severity: 'warning',
    message: `In this raw ${what}, \\f is a backslash and an "f", not a form feed: nothing is hidden. FastAPI's OpenAPI description will be ${quote(published)}.`,
    span,
    related: [],
    fixes,
  });
}

/**
 * Replaces the lost \f with a space (same indentation, so the margin does not change) and puts
 * a \f right after the last visible character before it, where cleandoc keeps it. Offered
 * only when the result publishes exactly the intended text.
 */
function moveFormFeedFix(ctx: RuleContext, doc: StringWithMap, at: number, intended: string, python: readonly number[]): Fix[] {
  if (doc.raw) return [];
  let last = at - 1;
  while (last >= 0 && /\s/.test(doc.value[last]!)) last--;
  if (last < 0) return [];
  const fixed = doc.value.slice(0, last + 1) + '\f' + doc.value.slice(last + 1, at) + ' ' + doc.value.slice(at + 1);
  const check = descriptionFor({ docstring: fixed }, python);
  if (check.formFeedLost || check.published !== intended) return [];
  const lost = ctx.rangeIn(doc, at, at + 1);
  const after = doc.offsets[last + 1];
  if (!lost || after === undefined || after < 0) return [];
  const edits: TextEdit[] = [
    { span: { file: doc.file, start: after, end: after }, newText: '\\f' },
    { span: lost, newText: ' ' },
  ];
  return [{ title: 'Move the \\f after the visible text', edits, isPreferred: true }];
}
