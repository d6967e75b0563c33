// String values for the evaluator: literals decoded by shared/python/strings with f-string
// fields evaluated through the evaluator, and `+` concatenation keeping the offset maps.
import type { SyntaxNode } from '../python/parser';
import { decodeString } from '../python/strings';
import type { StringWithMap } from '../routing/types';
import { describe, type Value } from './values';

export function evalStringLiteral(node: SyntaxNode, file: string, evalExpr: (n: SyntaxNode) => Value): Value {
  const result = decodeString(
    node,
    (expr, format) => {
      if (format.conversion || format.spec) return { unresolved: `f-string field {${expr.text}} uses a conversion or format spec` };
      const v = evalExpr(expr);
      if (v.t === 'str') return v.s.value;
      if (v.t === 'int') return String(v.n);
      if (v.t === 'bool') return v.b ? 'True' : 'False';
      if (v.t === 'none') return 'None';
      return { unresolved: `f-string field {${expr.text}} is ${describe(v)}` };
    },
    file,
  );
  if (!result.ok) return { t: 'unknown', reason: result.reason, span: { file, start: node.startIndex, end: node.endIndex } };
  return { t: 'str', s: result.value };
}

/** `a + b` for str values. Offsets of a part from another file than `a`'s are dropped (-1). */
export function concatStrings(a: StringWithMap, b: StringWithMap): StringWithMap {
  const bOffsets = b.file === a.file ? b.offsets : b.offsets.map(() => -1);
  return {
    value: a.value + b.value,
    offsets: [...a.offsets, ...bOffsets],
    file: a.file,
    span: a.file === b.file ? { file: a.file, start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) } : a.span,
  };
}
