// Routes whose parameters cannot produce "/" (all but `path` and some custom convertors),
// indexed like a router trie: by segment count, then segment by segment, literal text or a
// wildcard. Two such routes can only share a path when they have as many segments and no
// position holds two different literals.

interface SegmentNode<T> {
  literal: Map<string, SegmentNode<T>>;
  wildcard?: SegmentNode<T>;
  items: T[];
}

const newNode = <T>(): SegmentNode<T> => ({ literal: new Map(), items: [] });

/** The segments of a concrete path, normalised as RouteLanguage.segments is (last one without trailing "\n"s). */
export function pathSegments(path: string): string[] {
  const segments = path.split('/');
  segments[segments.length - 1] = segments[segments.length - 1]!.replace(/\n+$/, '');
  return segments;
}

export class SegmentIndex<T> {
  private readonly byCount = new Map<number, SegmentNode<T>>();

  /** `segments`: literal text, or null for a segment involving a parameter. */
  insert(segments: readonly (string | null)[], item: T): void {
    let node = this.byCount.get(segments.length);
    if (!node) this.byCount.set(segments.length, (node = newNode()));
    for (const s of segments) {
      if (s === null) node = node.wildcard ??= newNode();
      else {
        let child = node.literal.get(s);
        if (!child) node.literal.set(s, (child = newNode()));
        node = child;
      }
    }
    node.items.push(item);
  }

  /** Items that may accept a path with these concrete segments. */
  accepting(segments: readonly string[]): T[] {
    const out: T[] = [];
    const walk = (node: SegmentNode<T>, depth: number): void => {
      if (depth === segments.length) {
        out.push(...node.items);
        return;
      }
      const child = node.literal.get(segments[depth]!);
      if (child) walk(child, depth + 1);
      if (node.wildcard) walk(node.wildcard, depth + 1);
    };
    const root = this.byCount.get(segments.length);
    if (root) walk(root, 0);
    return out;
  }

  /** Items that may share a path with a route of these segments (null = wildcard). */
  overlapping(segments: readonly (string | null)[]): T[] {
    const out: T[] = [];
    const walk = (node: SegmentNode<T>, depth: number): void => {
      if (depth === segments.length) {
        out.push(...node.items);
        return;
      }
      const s = segments[depth]!;
      if (s === null) for (const child of node.literal.values()) walk(child, depth + 1);
      else {
        const child = node.literal.get(s);
        if (child) walk(child, depth + 1);
      }
      if (node.wildcard) walk(node.wildcard, depth + 1);
    };
    const root = this.byCount.get(segments.length);
    if (root) walk(root, 0);
    return out;
  }
}
