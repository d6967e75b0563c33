// Routes indexed by the literal text their paths must start with, so that only routes whose
// languages can overlap are ever compared.

interface TrieNode<T> {
  children: Map<number, TrieNode<T>>;
  items: T[];
}

const newNode = <T>(): TrieNode<T> => ({ children: new Map(), items: [] });

export class PrefixTrie<T> {
  private readonly root: TrieNode<T> = newNode();

  insert(prefix: readonly number[], item: T): void {
    let node = this.root;
    for (const c of prefix) {
      let child = node.children.get(c);
      if (!child) node.children.set(c, (child = newNode()));
      node = child;
    }
    node.items.push(item);
  }

  /** Items whose prefix is a prefix of `word`: the only ones that can accept it. */
  prefixesOf(word: readonly number[]): T[] {
    const out: T[] = [...this.root.items];
    let node: TrieNode<T> | undefined = this.root;
    for (const c of word) {
      node = node.children.get(c);
      if (!node) break;
      out.push(...node.items);
    }
    return out;
  }

  /** Items whose prefix is a prefix of `prefix` or extends it: the only ones that can share a word with it. */
  overlapping(prefix: readonly number[]): T[] {
    const out: T[] = [...this.root.items];
    let node: TrieNode<T> | undefined = this.root;
    for (const c of prefix) {
      node = node.children.get(c);
      if (!node) return out;
      out.push(...node.items);
    }
    const stack = [...node.children.values()];
    while (stack.length) {
      const n = stack.pop()!;
      out.push(...n.items);
      stack.push(...n.children.values());
    }
    return out;
  }
}
