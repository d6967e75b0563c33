// Shadowed routes: routes (or some of their methods) that no request can ever reach because
// earlier entries of the same router take every request they would match. Starlette's router
// hands a request to the FIRST entry that matches FULL (path regex matches AND method allowed;
// PARTIAL matches do not stop the scan), so a route R is unreachable for a method m exactly when
// L(R) ⊆ ∪ L(E) over the earlier entries E that take (m, path): http routes listing m (or every
// method) and mounts. Languages are compared exactly, as automata (see routeLanguage.ts).
//
// Only what is proven is reported: Host entries and unresolved declarations are treated as
// taking nothing, and where Python's Unicode classes make a language uncertain, the route under
// test is over-approximated and the earlier routes under-approximated.
import { DFA, isDisjointWith, type Char, type CharSet, type NFA, type Word } from 'refa';
import { compilePath } from '../routing/compilePath';
import type { ConvertorTable, MountNode, RouteNode, RouterTree, TableNode, WebSocketRouteNode } from '../routing/types';
import { PrefixTrie } from './prefixTrie';
import { routeLanguage, type Bound, type RouteLanguage } from './routeLanguage';
import { pathSegments, SegmentIndex } from './segmentIndex';

export type AnalysedNode = RouteNode | WebSocketRouteNode | MountNode;

export interface ShadowFinding {
  node: AnalysedNode;
  /** The router whose list holds `node` (paths and examples are relative to it). */
  router: RouterTree;
  /** Templates of the enclosing mounts, outermost first, joined ("" at the top level). */
  mountPrefix: string;
  /**
   * The shadowed methods (upper-case, sorted) of a route listing its methods, or "all": a route
   * accepting every method, a websocket route or a mount, none of whose requests is ever reached.
   */
  methods: string[] | 'all';
  /** Earlier entries of the same router that take some of the node's requests, in match order. */
  shadowedBy: TableNode[];
  /** The first entry that takes `example`. */
  takenBy: TableNode;
  /** A decoded path (relative to `router`) the node matches but `takenBy` gets. */
  example: string;
  /** The method of the example request; undefined for websocket routes and "all". */
  exampleMethod?: string;
}

/** Finds every route, websocket route and mount of `tree` (and of routers mounted in it) that is shadowed. */
export function findShadowedRoutes(tree: RouterTree): ShadowFinding[] {
  const findings: ShadowFinding[] = [];
  analyseRouter(tree, '', findings);
  return findings;
}

/**
 * A decoded path (relative to `router`) that `node` really handles for a request of this method
 * and scope type. `method` is ignored for websocket requests; for an http request undefined means
 * a method no route lists. `node` must be directly in `router.routes`. Undefined when no such path
 * exists or it cannot be proven (Python Unicode classes).
 */
export function reachableExample(
  router: RouterTree,
  node: AnalysedNode,
  method?: string,
  scope: 'http' | 'websocket' = node.kind === 'websocket' ? 'websocket' : 'http',
): string | undefined {
  if (scope === 'websocket' ? node.kind === 'route' : node.kind === 'websocket') return undefined;
  if (node.kind === 'route' && method !== undefined && !acceptsMethod(node, method)) return undefined;
  const entries = routerEntries(router);
  const target = entries.find((e) => e.node === node);
  if (!target) return undefined;
  const earlier = new EarlierEntries();
  for (const e of entries) if (e.position < target.position) earlier.add(e);
  const request: RequestKind = scope === 'websocket' ? { type: 'websocket' } : { type: 'http', method: method ?? null };
  const outcome = decide(target, request, earlier, 'prove-reachable');
  return outcome.reached && outcome.example ? wordToString(outcome.example) : undefined;
}

// ---- per router ----

interface Entry {
  node: AnalysedNode;
  position: number;
  language: RouteLanguage;
}

type RequestKind = { type: 'websocket' } | { type: 'http'; /** null = a method no route lists */ method: string | null };

/** The entries registered so far, indexed so that only those that can overlap a route are compared. */
class EarlierEntries {
  private readonly unsegmented = new PrefixTrie<Entry>();
  private readonly segmented = new SegmentIndex<Entry>();
  // Every entry by prefix, only needed (and so only built) when a path-like route needs comparing.
  private all: PrefixTrie<Entry> | undefined;
  private readonly entries: Entry[] = [];
  private indexedInAll = 0;

  add(e: Entry): void {
    this.entries.push(e);
    if (e.language.segments) this.segmented.insert(e.language.segments, e);
    else this.unsegmented.insert(e.language.prefix, e);
  }

  /** Entries that may accept this path. */
  accepting(path: string): Entry[] {
    return [...this.unsegmented.prefixesOf(Array.from(path, (c) => c.codePointAt(0)!)), ...this.segmented.accepting(pathSegments(path))];
  }

  /** Entries that may share a path with `language`. */
  overlapping(language: RouteLanguage): Entry[] {
    if (!language.segments) {
      this.all ??= new PrefixTrie<Entry>();
      for (; this.indexedInAll < this.entries.length; this.indexedInAll++) {
        const e = this.entries[this.indexedInAll]!;
        this.all.insert(e.language.prefix, e);
      }
      return this.all.overlapping(language.prefix);
    }
    return [...this.segmented.overlapping(language.segments), ...this.unsegmented.overlapping(language.prefix)];
  }
}

function analyseRouter(router: RouterTree, mountPrefix: string, findings: ShadowFinding[]): void {
  const earlier = new EarlierEntries();
  for (const entry of routerEntries(router)) {
    const finding = analyseEntry(entry, earlier);
    if (finding) findings.push({ ...finding, router, mountPrefix });
    earlier.add(entry);
  }
  for (const node of router.routes) {
    if (node.kind === 'mount' && node.target.kind === 'router') {
      analyseRouter(node.target, mountPrefix + mountPath(node), findings);
    }
  }
}

function routerEntries(router: RouterTree): Entry[] {
  const entries: Entry[] = [];
  router.routes.forEach((node, position) => {
    if (node.kind !== 'route' && node.kind !== 'websocket' && node.kind !== 'mount') return;
    const template = node.kind === 'mount' ? mountPath(node) + '/{path:path}' : node.path;
    const language = languageOf(template, router.convertors);
    if (language) entries.push({ node, position, language });
  });
  return entries;
}

/** Mount strips every trailing "/" from its path. */
function mountPath(node: MountNode): string {
  return node.path.replace(/\/+$/, '');
}

type FindingCore = Omit<ShadowFinding, 'router' | 'mountPrefix'>;

function analyseEntry(entry: Entry, earlier: EarlierEntries): FindingCore | undefined {
  const { node } = entry;
  if (node.kind === 'route' && node.methods !== null && node.methods.length > 0) {
    const shadowed: { method: string; by: Entry[] }[] = [];
    for (const method of [...new Set(node.methods)].sort()) {
      const outcome = decide(entry, { type: 'http', method }, earlier, 'prove-shadowed');
      if (!outcome.reached) shadowed.push({ method, by: outcome.shadowedBy });
    }
    if (shadowed.length === 0) return undefined;
    const first = shadowed[0]!;
    return describe(entry, shadowed.map((s) => s.method), shadowed.flatMap((s) => s.by), first.by, first.method);
  }
  const requests: RequestKind[] =
    node.kind === 'websocket' ? [{ type: 'websocket' }] : node.kind === 'route' ? [{ type: 'http', method: null }] : [{ type: 'http', method: null }, { type: 'websocket' }];
  const by: Entry[] = [];
  for (const request of requests) {
    const outcome = decide(entry, request, earlier, 'prove-shadowed');
    if (outcome.reached) return undefined;
    by.push(...outcome.shadowedBy);
  }
  return describe(entry, 'all', by, by, undefined);
}

function describe(entry: Entry, methods: string[] | 'all', allBy: Entry[], exampleBy: Entry[], exampleMethod: string | undefined): FindingCore | undefined {
  const word = entry.language.readable ?? firstWord(entry.language.lower());
  if (!word) return undefined; // the route matches nothing at all
  const path = wordToString(word);
  const taker = exampleBy.find((e) => e.language.test(path, 'lower')) ?? exampleBy.find((e) => e.language.test(path, 'upper')) ?? exampleBy[0];
  if (!taker) return undefined;
  const shadowedBy = [...new Set(allBy)].sort((a, b) => a.position - b.position).map((e) => e.node);
  return { node: entry.node, methods, shadowedBy, takenBy: taker.node, example: path, ...(exampleMethod ? { exampleMethod } : {}) };
}

function acceptsMethod(node: RouteNode, method: string): boolean {
  return node.methods === null || node.methods.length === 0 || node.methods.includes(method);
}

/** Does `node` take a request of this kind whose path its regex matches? (Starlette's Match.FULL) */
function takes(node: AnalysedNode, request: RequestKind): boolean {
  if (node.kind === 'mount') return true;
  if (request.type === 'websocket') return node.kind === 'websocket';
  if (node.kind !== 'route') return false;
  if (node.methods === null || node.methods.length === 0) return true;
  return request.method !== null && node.methods.includes(request.method);
}

// ---- the decision ----

/**
 * prove-shadowed: the target's language is over-approximated, earlier ones under-approximated,
 * so `reached: false` is a proof. prove-reachable: the other way round, so an example is a proof.
 */
type Mode = 'prove-shadowed' | 'prove-reachable';
type Outcome = { reached: true; example?: Word } | { reached: false; shadowedBy: Entry[] };

function decide(target: Entry, request: RequestKind, earlier: EarlierEntries, mode: Mode): Outcome {
  const bound: Bound = mode === 'prove-shadowed' ? 'lower' : 'upper';
  const takers = (entries: Entry[]): Entry[] => [...new Set(entries)].filter((e) => takes(e.node, request)).sort((a, b) => a.position - b.position);
  const { literalWords, witnesses, readable } = target.language;
  if (literalWords) return decideWords(literalWords, takers(literalWords.flatMap((w) => earlier.accepting(w))), bound);

  // Fast path: a path the target surely matches that no earlier entry can take.
  for (const witness of mode === 'prove-reachable' && readable ? [readable, ...witnesses] : witnesses) {
    const path = wordToString(witness);
    if (!earlier.accepting(path).some((e) => takes(e.node, request) && e.language.test(path, 'upper'))) return { reached: true, example: witness };
  }

  let remaining: DFA | undefined;
  const shadowedBy: Entry[] = [];
  for (const e of takers(earlier.overlapping(target.language))) {
    if (e.language.key === target.language.key) {
      shadowedBy.push(e);
      return { reached: false, shadowedBy };
    }
    remaining ??= DFA.fromFA(mode === 'prove-shadowed' ? target.language.upper() : target.language.lower());
    if (isDisjointWith(remaining, bound === 'lower' ? e.language.lower() : e.language.upper())) continue;
    shadowedBy.push(e);
    remaining = DFA.fromIntersection(remaining, complementOf(e.language, bound));
    if (remaining.isEmpty) return { reached: false, shadowedBy };
  }
  remaining ??= DFA.fromFA(mode === 'prove-shadowed' ? target.language.upper() : target.language.lower());
  return { reached: true, example: readableWord(remaining) };
}

/** A literal route's whole language is two paths: test them one by one. */
function decideWords(words: readonly string[], candidates: Entry[], bound: Bound): Outcome {
  let remaining = [...words];
  const shadowedBy: Entry[] = [];
  for (const e of candidates) {
    const left = remaining.filter((w) => !e.language.test(w, bound));
    if (left.length === remaining.length) continue;
    shadowedBy.push(e);
    remaining = left;
    if (remaining.length === 0) return { reached: false, shadowedBy };
  }
  return { reached: true, example: Array.from(remaining[0]!, (c) => c.codePointAt(0)! as Char) };
}

function firstWord(fa: NFA | DFA): Word | undefined {
  for (const set of fa.wordSets()) return set.map(readableChar);
  return undefined;
}

function readableWord(fa: DFA): Word | undefined {
  return firstWord(fa);
}

const READABLE = Array.from('abcxyz0123456789ABCXYZ-_.~/', (c) => c.codePointAt(0)!);

function readableChar(set: CharSet): Char {
  const preferred = READABLE.find((c) => set.has(c as Char));
  if (preferred !== undefined) return preferred as Char;
  for (const r of set.ranges) {
    for (let c = Math.max(r.min, 0x20); c <= r.max && c < r.min + 0x100; c++) if (c < 0xd800 || c > 0xdfff) return c as Char;
  }
  return set.ranges[0]!.min;
}

function wordToString(word: Word): string {
  return String.fromCodePoint(...word);
}

// ---- caches: a language depends only on its Python regex ----

const MAX_CACHED = 50_000;
const languages = new Map<string, RouteLanguage | null>();
const complements = new Map<string, DFA>();
const compiled = new WeakMap<ConvertorTable, Map<string, string | null>>();

function languageOf(template: string, convertors: ConvertorTable): RouteLanguage | undefined {
  let byTemplate = compiled.get(convertors);
  if (!byTemplate) compiled.set(convertors, (byTemplate = new Map()));
  let regex = byTemplate.get(template);
  if (regex === undefined) {
    const result = compilePath(template, convertors);
    regex = result.ok ? result.compiled.pythonRegex : null;
    byTemplate.set(template, regex);
  }
  if (regex === null) return undefined;
  let language = languages.get(regex);
  if (language === undefined) {
    if (languages.size >= MAX_CACHED) languages.clear();
    const result = routeLanguage(regex);
    language = result.ok ? result.language : null;
    languages.set(regex, language);
  }
  return language ?? undefined;
}

function complementOf(language: RouteLanguage, bound: 'lower' | 'upper'): DFA {
  const key = `${bound}\u0000${language.key}`;
  let dfa = complements.get(key);
  if (!dfa) {
    if (complements.size >= MAX_CACHED) complements.clear();
    dfa = DFA.fromFA(bound === 'lower' ? language.lower() : language.upper());
    dfa.complement();
    dfa.minimize();
    complements.set(key, dfa);
  }
  return dfa;
}
