// Facts computed from a syntax node alone, remembered per syntax tree. The editor keeps the trees
// of unchanged files between analyses (SyntaxTreeCache), so a re-analysis after an edit reads
// these from here instead of walking the tree again through WebAssembly. Keyed by the tree
// object: a re-parsed file has a new tree, and a dropped tree takes its facts with it.
import type { SyntaxNode } from '../python/parser';

const byTree = new WeakMap<object, Map<string, unknown>>();

/** `compute(node)`, once per (tree, node range and type, kind). Results must not be mutated. */
export function memoByNode<T>(kind: string, node: SyntaxNode, compute: (node: SyntaxNode) => T): T {
  let memo = byTree.get(node.tree);
  if (!memo) byTree.set(node.tree, (memo = new Map()));
  const key = `${kind}:${node.startIndex}:${node.endIndex}:${node.type}`;
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute(node);
  memo.set(key, value);
  return value;
}
