// `# route-lens: ignore[RL001, shadowed-route]` comments. A comment silences the listed codes
// (or rule names) for diagnostics starting or ending on its line; `# route-lens: ignore`
// without a list silences every rule there. Comments are found in the syntax tree, so the
// same text inside a string does nothing.
import type { SyntaxNode } from '../python/parser';
import type { RuleContext } from './context';
import type { Diagnostic } from './types';

const DIRECTIVE = /route-lens:\s*ignore(?:\[([^\]]*)\])?/gi;

/** Line (0-based) → codes/names silenced there ('*' = all). */
export type Suppressions = Map<number, Set<string>>;

export function suppressionsIn(ctx: RuleContext, file: string): Suppressions {
  const result: Suppressions = new Map();
  const source = ctx.file(file);
  if (!source?.tree) return result;
  if (!/route-lens/i.test(source.text)) return result; // no directive anywhere: skip the tree walk
  const visit = (node: SyntaxNode) => {
    if (node.type === 'comment') {
      for (const m of node.text.matchAll(DIRECTIVE)) {
        const line = node.startPosition.row;
        const set = result.get(line) ?? new Set<string>();
        const list = m[1];
        if (list === undefined) set.add('*');
        else for (const item of list.split(',')) if (item.trim()) set.add(item.trim().toLowerCase());
        result.set(line, set);
      }
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(source.tree.rootNode);
  return result;
}

export function isSuppressed(ctx: RuleContext, d: Diagnostic, cache: Map<string, Suppressions>): boolean {
  let s = cache.get(d.span.file);
  if (!s) {
    s = suppressionsIn(ctx, d.span.file);
    cache.set(d.span.file, s);
  }
  if (s.size === 0) return false;
  const lines = ctx.file(d.span.file)?.lines;
  if (!lines) return false;
  const startLine = lines.position(d.span.start).line;
  const endLine = lines.position(Math.max(d.span.start, d.span.end - 1)).line;
  for (const line of new Set([startLine, endLine])) {
    const set = s.get(line);
    if (set && (set.has('*') || set.has(d.code.toLowerCase()) || set.has(d.rule.toLowerCase()))) return true;
  }
  return false;
}
