// Which nodes of one router could match a path, without trying them all. Each node gets a key: its
// template read from the start as literal text and "segment params", stopping at the first part
// that is neither. A segment param is a param whose convertor regex is known to match only a
// non-empty run of characters other than "/" and that is followed by "/" or ends the template: in
// any matching path it covers exactly the maximal run of non-"/" characters at that point (Python's
// `$` may also let a final "\n" in there, still a non-"/"). So a path can only match a node if
// walking the node's key over the path succeeds, literal text comparing as plain string prefixes;
// when the key covers the whole template, the walk must also end at the end of the path or
// before its final "\n" (Python's `$`). Keys live in a radix tree with a wildcard child per tree
// node. Nodes without a usable key (hosts, skipped declarations) get the empty partial key:
// candidates for every path. Candidates come back in table order, keeping first-match semantics.
import type { CompiledPath } from './types';

interface IndexNode {
  /** Table indices of the nodes whose partial key ends exactly here, ascending. */
  ids: number[];
  /** Table indices of the nodes whose whole template ends here, ascending. */
  exact: number[];
  /** Literal children keyed by the first UTF-16 code unit of their edge label. */
  edges: Map<number, Edge> | null;
  /** Child reached by one segment param. */
  wild: IndexNode | null;
}

interface Edge {
  label: string;
  node: IndexNode;
}

export interface PrefixIndex {
  root: IndexNode;
}

export interface IndexKey {
  /** Literal parts; a segment param sits between two consecutive parts. */
  parts: readonly string[];
  /** The parts cover the whole template (else only a prefix of it). */
  complete: boolean;
}

export const MATCH_EVERY_PATH: IndexKey = { parts: [''], complete: false };

/** Convertor regexes (Python syntax) that only match a non-empty run without "/". */
const SEGMENT_REGEXES = new Set([
  '[^/]+',
  '[0-9]+',
  '[0-9]+(\\.[0-9]+)?',
  '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}',
]);

/** The key of a compiled path template (matched against the request path). */
export function pathIndexKey(compiled: CompiledPath): IndexKey {
  if (compiled.isHost) return MATCH_EVERY_PATH;
  const t = compiled.template;
  const parts: string[] = [];
  let at = 0;
  for (const p of compiled.params) {
    parts.push(t.slice(at, p.start));
    const capture = compiled.captures.find((c) => c.name === p.name);
    const segment = capture?.convertor != null && SEGMENT_REGEXES.has(capture.convertor.regex);
    if (!segment || (p.end < t.length && t.charCodeAt(p.end) !== 47)) return { parts, complete: false };
    at = p.end;
  }
  parts.push(t.slice(at));
  return { parts, complete: true };
}

/** `keys[i]` is the key of table node i. */
export function buildPrefixIndex(keys: readonly IndexKey[]): PrefixIndex {
  const root = newNode();
  keys.forEach((key, id) => {
    let node = root;
    key.parts.forEach((part, i) => {
      if (i > 0) node = node.wild ??= newNode();
      node = insertLiteral(node, part);
    });
    // Ids arrive in ascending order, so every list stays sorted.
    (key.complete ? node.exact : node.ids).push(id);
  });
  return { root };
}

function newNode(): IndexNode {
  return { ids: [], exact: [], edges: null, wild: null };
}

function insertLiteral(start: IndexNode, text: string): IndexNode {
  let node = start;
  let pos = 0;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    const edge = node.edges?.get(c);
    if (!edge) {
      const leaf = newNode();
      (node.edges ??= new Map()).set(c, { label: text.slice(pos), node: leaf });
      return leaf;
    }
    const common = commonLength(edge.label, text, pos);
    if (common < edge.label.length) {
      const mid = newNode();
      mid.edges = new Map([[edge.label.charCodeAt(common), { label: edge.label.slice(common), node: edge.node }]]);
      edge.label = edge.label.slice(0, common);
      edge.node = mid;
    }
    node = edge.node;
    pos += common;
  }
  return node;
}

function commonLength(label: string, s: string, from: number): number {
  let i = 0;
  while (i < label.length && from + i < s.length && label.charCodeAt(i) === s.charCodeAt(from + i)) i++;
  return i;
}

/** Table indices of the nodes whose key walks over `s` (see above), ascending. Do not mutate the result. */
export function candidates(index: PrefixIndex, s: string): readonly number[] {
  const found: number[][] = [];
  collect(index.root, s, 0, found);
  if (found.length === 0) return EMPTY;
  if (found.length === 1) return found[0]!;
  return mergeSorted(found);
}

function collect(start: IndexNode, s: string, from: number, found: number[][]): void {
  let node = start;
  let pos = from;
  for (;;) {
    if (node.ids.length > 0) found.push(node.ids);
    // After a segment param pos is at a "/" or the end, so the "\n" case only follows literals.
    if (node.exact.length > 0 && (pos === s.length || (pos === s.length - 1 && s.charCodeAt(pos) === 10))) found.push(node.exact);
    if (node.wild !== null) {
      let end = s.indexOf('/', pos);
      if (end < 0) end = s.length;
      if (end > pos) collect(node.wild, s, end, found);
    }
    if (node.edges === null || pos >= s.length) return;
    const edge = node.edges.get(s.charCodeAt(pos));
    if (edge === undefined || (edge.label.length > 1 && !s.startsWith(edge.label, pos))) return;
    pos += edge.label.length;
    node = edge.node;
  }
}

const EMPTY: readonly number[] = [];

function mergeSorted(lists: number[][]): number[] {
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Array<number>(total);
  const at = new Array<number>(lists.length).fill(0);
  for (let k = 0; k < total; k++) {
    let best = 0;
    let bestValue = Infinity;
    for (let j = 0; j < lists.length; j++) {
      const l = lists[j]!;
      const v = at[j]! < l.length ? l[at[j]!]! : Infinity;
      if (v < bestValue) {
        bestValue = v;
        best = j;
      }
    }
    out[k] = bestValue;
    at[best] = at[best]! + 1;
  }
  return out;
}
