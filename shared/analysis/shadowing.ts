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
//
// The analysis runs inside the language server, so its automata work is bounded (ShadowingBudget):
// a decision that would exceed the budget leaves the route undecided, i.e. not reported.
import { DFA, FAIterators, isDisjointWith, NFA, TooManyNodesError, type Char, type CharSet, type NodeFactory, type TransitionIterable, type Word } from 'refa';
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

/**
 * Bounds on the automaton states the analysis may create (states of DFAs, NFAs and of the
 * products explored by disjointness checks). Past either bound the decision at hand is abandoned
 * and its route left undecided.
 */
export interface ShadowingBudget {
  /** For one decision (one route, one method). */
  maxNodesPerDecision: number;
  /** For one whole analysis (one call). */
  maxNodesPerAnalysis: number;
}

export const DEFAULT_SHADOWING_BUDGET: Readonly<ShadowingBudget> = { maxNodesPerDecision: 20_000, maxNodesPerAnalysis: 1_000_000 };

export interface ShadowingResult {
  findings: ShadowFinding[];
  /** Routes (or some of their methods) left undecided because deciding them exceeded the budget. */
  undecided: number;
}

/** Finds every route, websocket route and mount of `tree` (and of routers mounted in it) that is shadowed. */
export function findShadowedRoutes(tree: RouterTree, budget: Readonly<ShadowingBudget> = DEFAULT_SHADOWING_BUDGET): ShadowFinding[] {
  return analyseShadowing(tree, budget).findings;
}

/** `findShadowedRoutes`, also counting the decisions abandoned for the budget. */
export function analyseShadowing(tree: RouterTree, budget: Readonly<ShadowingBudget> = DEFAULT_SHADOWING_BUDGET): ShadowingResult {
  const result: ShadowingResult = { findings: [], undecided: 0 };
  analyseRouter(tree, '', result, new Work(budget));
  return result;
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
  budget: Readonly<ShadowingBudget> = DEFAULT_SHADOWING_BUDGET,
): string | undefined {
  if (scope === 'websocket' ? node.kind === 'route' : node.kind === 'websocket') return undefined;
  if (node.kind === 'route' && method !== undefined && !acceptsMethod(node, method)) return undefined;
  const entries = routerEntries(router);
  const target = entries.find((e) => e.node === node);
  if (!target) return undefined;
  const earlier = new EarlierEntries();
  for (const e of entries) if (e.position < target.position) earlier.add(e);
  const request: RequestKind = scope === 'websocket' ? { type: 'websocket' } : { type: 'http', method: method ?? null };
  const outcome = decide(target, request, earlier, 'prove-reachable', new Work(budget));
  return outcome.kind === 'reached' && outcome.example ? wordToString(outcome.example) : undefined;
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

function analyseRouter(router: RouterTree, mountPrefix: string, result: ShadowingResult, work: Work): void {
  const earlier = new EarlierEntries();
  for (const entry of routerEntries(router)) {
    const { finding, undecided } = analyseEntry(entry, earlier, work);
    if (finding) result.findings.push({ ...finding, router, mountPrefix });
    if (undecided) result.undecided++;
    earlier.add(entry);
  }
  for (const node of router.routes) {
    if (node.kind === 'mount' && node.target.kind === 'router') {
      analyseRouter(node.target, mountPrefix + mountPath(node), result, work);
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

/** The finding for `entry` if it is proven shadowed (for some methods); `undecided` when some decision was abandoned. */
function analyseEntry(entry: Entry, earlier: EarlierEntries, work: Work): { finding?: FindingCore; undecided: boolean } {
  const { node } = entry;
  if (node.kind === 'route' && node.methods !== null && node.methods.length > 0) {
    const shadowed: { method: string; by: Entry[] }[] = [];
    let undecided = false;
    for (const method of [...new Set(node.methods)].sort()) {
      const outcome = decide(entry, { type: 'http', method }, earlier, 'prove-shadowed', work);
      if (outcome.kind === 'shadowed') shadowed.push({ method, by: outcome.shadowedBy });
      else if (outcome.kind === 'undecided') undecided = true;
    }
    if (shadowed.length === 0) return { undecided };
    const first = shadowed[0]!;
    return { finding: describe(entry, shadowed.map((s) => s.method), shadowed.flatMap((s) => s.by), first.by, first.method, work), undecided };
  }
  const requests: RequestKind[] =
    node.kind === 'websocket' ? [{ type: 'websocket' }] : node.kind === 'route' ? [{ type: 'http', method: null }] : [{ type: 'http', method: null }, { type: 'websocket' }];
  const by: Entry[] = [];
  for (const request of requests) {
    const outcome = decide(entry, request, earlier, 'prove-shadowed', work);
    if (outcome.kind !== 'shadowed') return { undecided: outcome.kind === 'undecided' };
    by.push(...outcome.shadowedBy);
  }
  return { finding: describe(entry, 'all', by, by, undefined, work), undecided: false };
}

function describe(entry: Entry, methods: string[] | 'all', allBy: Entry[], exampleBy: Entry[], exampleMethod: string | undefined, work: Work): FindingCore | undefined {
  const word = entry.language.readable ?? work.attempt(() => shortestWord(entry.language.lower(work.nfaNodes)));
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
type Outcome = { kind: 'reached'; example?: Word } | { kind: 'shadowed'; shadowedBy: Entry[] } | { kind: 'undecided' };

function decide(target: Entry, request: RequestKind, earlier: EarlierEntries, mode: Mode, work: Work): Outcome {
  const bound: Bound = mode === 'prove-shadowed' ? 'lower' : 'upper';
  const takers = (entries: Entry[]): Entry[] => [...new Set(entries)].filter((e) => takes(e.node, request)).sort((a, b) => a.position - b.position);
  const { literalWords, witnesses, readable } = target.language;
  if (literalWords) return decideWords(literalWords, takers(literalWords.flatMap((w) => earlier.accepting(w))), bound);

  // Fast path: a path the target surely matches that no earlier entry can take.
  for (const witness of mode === 'prove-reachable' && readable ? [readable, ...witnesses] : witnesses) {
    const path = wordToString(witness);
    if (!earlier.accepting(path).some((e) => takes(e.node, request) && e.language.test(path, 'upper'))) return { kind: 'reached', example: witness };
  }

  const candidates = takers(earlier.overlapping(target.language));
  const same = candidates.find((e) => e.language.key === target.language.key);
  // An identical earlier language shadows the target for certain, whatever came before it.
  if (same && candidates.every((e) => e === same || e.position > same.position)) return { kind: 'shadowed', shadowedBy: [same] };
  return decideByAutomataMemo(target, candidates, mode, work);
}

// ---- decisions remembered between analyses ----

/**
 * An automata decision depends only on the mode and the languages of the target and of its
 * candidates, in order: remembered by those keys, an edit re-decides only the routes whose
 * candidates changed. Each entry records the states the decision charged, charged again when it
 * is reused so that the budget runs out exactly where it did.
 */
interface RememberedDecision {
  charged: number;
  outcome: { kind: 'reached'; example?: Word } | { kind: 'shadowed'; shadowedBy: number[] };
}

const MAX_REMEMBERED = 50_000;
const decisions = new Map<string, RememberedDecision>();

function decideByAutomataMemo(target: Entry, candidates: Entry[], mode: Mode, work: Work): Outcome {
  if (!work.remembers) return work.attempt((): Outcome => decideByAutomata(target, candidates, mode, work)) ?? { kind: 'undecided' };
  let key = `${mode}\u0001${target.language.key}`;
  for (const c of candidates) key += `\u0001${c.language.key}`;
  const known = decisions.get(key);
  if (known) {
    const replay = work.attempt((): Outcome => {
      work.charge(known.charged);
      const o = known.outcome;
      return o.kind === 'reached' ? o : { kind: 'shadowed', shadowedBy: o.shadowedBy.map((i) => candidates[i]!) };
    });
    return replay ?? { kind: 'undecided' };
  }
  const outcome = work.attempt((): Outcome => decideByAutomata(target, candidates, mode, work));
  if (!outcome || outcome.kind === 'undecided') return { kind: 'undecided' };
  if (decisions.size >= MAX_REMEMBERED) decisions.clear();
  const index = new Map(candidates.map((c, i) => [c, i]));
  decisions.set(key, {
    charged: work.chargedByDecision,
    outcome: outcome.kind === 'reached' ? outcome : { kind: 'shadowed', shadowedBy: outcome.shadowedBy.map((e) => index.get(e)!) },
  });
  return outcome;
}

/**
 * Subtracts the earlier languages from the target's one by one (a DFA kept minimal), so that no
 * automaton for their union is ever built. Throws TooManyNodesError past the budget.
 */
function decideByAutomata(target: Entry, candidates: Entry[], mode: Mode, work: Work): Outcome {
  const bound: Bound = mode === 'prove-shadowed' ? 'lower' : 'upper';
  const targetNfa = (): NFA => (mode === 'prove-shadowed' ? target.language.upper(work.nfaNodes) : target.language.lower(work.nfaNodes));
  let remaining: DFA | undefined;
  const shadowedBy: Entry[] = [];
  for (const e of candidates) {
    if (e.language.key === target.language.key) {
      shadowedBy.push(e);
      return { kind: 'shadowed', shadowedBy };
    }
    remaining ??= work.minimalDfa(targetNfa());
    if (work.disjoint(remaining, e.language[bound](work.nfaNodes))) continue;
    shadowedBy.push(e);
    remaining = DFA.fromIntersection(remaining, complementOf(e.language, bound, work), work.dfaNodes);
    remaining.minimize();
    if (remaining.isEmpty) return { kind: 'shadowed', shadowedBy };
  }
  remaining ??= work.minimalDfa(targetNfa());
  return { kind: 'reached', example: shortestWord(remaining) };
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
    if (remaining.length === 0) return { kind: 'shadowed', shadowedBy };
  }
  return { kind: 'reached', example: Array.from(remaining[0]!, (c) => c.codePointAt(0)! as Char) };
}

/**
 * A shortest accepted word, by a breadth-first search over states (linear). Never enumerate
 * `wordSets()` for this: it walks every path by length, exponential in the length of the answer.
 */
function shortestWord<T>(fa: TransitionIterable<T>): Word | undefined {
  return FAIterators.shortestWordSet(fa.transitionIterator())?.map(readableChar);
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
// Complements are kept while their states add up to at most this many.
const MAX_CACHED_COMPLEMENT_NODES = 200_000;
let complementNodes = 0;
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

function complementOf(language: RouteLanguage, bound: 'lower' | 'upper', work: Work): DFA {
  const key = `${bound}\u0000${language.key}`;
  let dfa = complements.get(key);
  if (!dfa) {
    dfa = work.minimalDfa(language[bound](work.nfaNodes));
    dfa.complement();
    dfa.minimize();
    const size = dfa.countNodes();
    if (complements.size >= MAX_CACHED || complementNodes + size > MAX_CACHED_COMPLEMENT_NODES) {
      complements.clear();
      complementNodes = 0;
    }
    complements.set(key, dfa);
    complementNodes += size;
  }
  return dfa;
}

// ---- the work budget ----

/** Counts the automaton states one analysis creates; throws TooManyNodesError past the budget. */
class Work {
  private total = 0;
  private decision = 0;
  private exhausted = false;

  /** Decisions are remembered between analyses only under the default budget (tests vary it). */
  readonly remembers: boolean;

  constructor(private readonly budget: Readonly<ShadowingBudget>) {
    this.remembers = budget === DEFAULT_SHADOWING_BUDGET;
  }

  /** States charged by the decision in progress (or the last one). */
  get chargedByDecision(): number {
    return this.decision;
  }

  readonly dfaNodes: NodeFactory<DFA.Node> = {
    createNode: () => {
      this.charge();
      return DFA.nodeFactory.createNode();
    },
  };

  readonly nfaNodes: NodeFactory<NFA.Node> = {
    createNode: () => {
      this.charge();
      return NFA.nodeFactory.createNode();
    },
  };

  /** Runs one decision within the budget; undefined when it would exceed it (or the budget is spent). */
  attempt<T>(decision: () => T): T | undefined {
    if (this.exhausted) return undefined;
    this.decision = 0;
    try {
      return decision();
    } catch (error) {
      if (error instanceof TooManyNodesError) return undefined;
      throw error;
    }
  }

  charge(states = 1): void {
    this.total += states;
    this.decision += states;
    if (this.total > this.budget.maxNodesPerAnalysis) this.exhausted = true;
    TooManyNodesError.assert(this.decision, this.budget.maxNodesPerDecision, 'shadowing decision');
    TooManyNodesError.assert(this.total, this.budget.maxNodesPerAnalysis, 'shadowing analysis');
  }

  private get left(): number {
    return Math.max(0, Math.min(this.budget.maxNodesPerDecision - this.decision, this.budget.maxNodesPerAnalysis - this.total));
  }

  minimalDfa(fa: NFA): DFA {
    const dfa = DFA.fromFA(fa, this.dfaNodes);
    dfa.minimize();
    return dfa;
  }

  /** Whether the two languages are disjoint, exploring their product lazily; each product state is charged. */
  disjoint(left: DFA, right: NFA): boolean {
    const charged: TransitionIterable<DFA.ReadonlyNode> = {
      maxCharacter: left.maxCharacter,
      transitionIterator: () => {
        const it = left.transitionIterator();
        return {
          ...it,
          getOut: (state) => {
            this.charge();
            return it.getOut(state);
          },
        };
      },
    };
    return isDisjointWith(charged, right, this.left);
  }
}
