// Syntax trees kept between analyses, keyed by file and checked against the text: an edit
// re-parses only the files whose text changed. Trees live in tree-sitter's WebAssembly heap,
// which the JavaScript GC does not see, so replaced trees are freed explicitly — but only once
// the analysis that used them has been replaced (`commit`), since its model still points at them.
import { parsePython, type SyntaxTree } from './parser';

interface Entry {
  text: string;
  tree: SyntaxTree;
}

export class SyntaxTreeCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys parsed (or reused) by the analysis in progress. */
  private readonly used = new Set<string>();
  /** Replaced trees an older model may still hold; freed at the next commit. */
  private retired: SyntaxTree[] = [];

  /** The tree of `text`, parsed unless the same file was parsed with the same text before. */
  parse(file: string, text: string): SyntaxTree {
    this.used.add(file);
    const entry = this.entries.get(file);
    if (entry && entry.text === text) return entry.tree;
    if (entry) this.retired.push(entry.tree);
    const tree = parsePython(text);
    this.entries.set(file, { text, tree });
    return tree;
  }

  /**
   * The analysis that called `parse` is now the current one and the previous model is dropped:
   * frees replaced trees and those of files it no longer read.
   */
  commit(): void {
    for (const [file, entry] of this.entries) {
      if (this.used.has(file)) continue;
      this.entries.delete(file);
      this.retired.push(entry.tree);
    }
    this.used.clear();
    for (const tree of this.retired) tree.delete();
    this.retired = [];
  }

  /** The analysis failed and the previous model stays: keep every tree it may hold. */
  abort(): void {
    this.used.clear();
  }

  /** Frees every tree (no model built from this cache may be used afterwards). */
  dispose(): void {
    for (const entry of this.entries.values()) entry.tree.delete();
    for (const tree of this.retired) tree.delete();
    this.entries.clear();
    this.used.clear();
    this.retired = [];
  }

  get size(): number {
    return this.entries.size;
  }
}
