// The set of decoded paths a compiled Starlette pattern (`^...$`) accepts under Python's
// `re.match`, as refa automata over code points. `$` is made explicit: the language is
// L(body) ∪ L(body)·"\n". When Python's Unicode classes make a set uncertain, `lower` and
// `upper` automata bound the real language from below and above (identical when exact).
import { CharSet, NFA, type Char, type Concatenation, type Element, type NodeFactory, type NoParent, type Word } from 'refa';
import { MAX_CHAR, parsePythonRegex, type PyRegex } from './pythonRegexSyntax';

export interface RouteLanguage {
  /** The Python regex: equal keys mean equal languages, exact or not. */
  key: string;
  exact: boolean;
  /** Code points every accepted path starts with. */
  prefix: number[];
  /**
   * Automaton accepting a subset of the real language (built once; `factory` creates its states
   * then, so that a caller can bound the work and get a TooManyNodesError instead).
   */
  lower(factory?: NodeFactory<NFA.Node>): NFA;
  /** Automaton accepting a superset of the real language (built once, like `lower`). */
  upper(factory?: NodeFactory<NFA.Node>): NFA;
  /** Membership of one path in the lower or upper bound (a JavaScript RegExp built from the same tree). */
  test(path: string, bound: Bound): boolean;
  /** The whole language when the pattern is a plain literal: the literal, and it followed by "\n". */
  literalWords?: [string, string];
  /**
   * When no part of the pattern can produce "/": each "/"-separated segment of every accepted
   * path, literal text or null where a parameter is involved. The last literal is kept without
   * trailing "\n"s, which `$` lets through.
   */
  segments?: (string | null)[];
  /** Paths surely accepted, built from unusual characters so that other routes rarely accept them. */
  readonly witnesses: Word[];
  /** A readable path surely accepted (undefined when none could be built). */
  readonly readable: Word | undefined;
}

export type RouteLanguageResult = { ok: true; language: RouteLanguage } | { ok: false; reason: string };

/** Largest number of character positions a pattern may expand to (bounded repeats are unrolled). */
const MAX_EXPANDED_SIZE = 20_000;
const NEWLINE = 10;
const RARE_CHAR = 0xe000; // private use: no route literal or common class mentions it

export function routeLanguage(pythonRegex: string): RouteLanguageResult {
  const parsed = parsePythonRegex(pythonRegex);
  if (!parsed.ok) return parsed;
  const top = parsed.regex;
  const items = top.t === 'seq' ? top.items : [top];
  if (items.length < 2 || items[0]!.t !== 'bol' || items[items.length - 1]!.t !== 'eol') {
    return { ok: false, reason: 'not of the form ^...$' };
  }
  const body = items.slice(1, -1);
  if (body.some(hasAnchor)) return { ok: false, reason: 'anchor inside the pattern' };
  if (body.reduce((n, r) => n + expandedSize(r), 0) > MAX_EXPANDED_SIZE) return { ok: false, reason: 'pattern too large' };

  const bodyRe: PyRegex = { t: 'seq', items: body };
  let lowerNfa: NFA | undefined;
  let upperNfa: NFA | undefined;
  const lower = (factory?: NodeFactory<NFA.Node>): NFA => (lowerNfa ??= buildNfa(body, 'lower', factory));
  const upper = (factory?: NodeFactory<NFA.Node>): NFA => (parsed.exact ? lower(factory) : (upperNfa ??= buildNfa(body, 'upper', factory)));
  const matchers: Partial<Record<Bound, RegExp>> = {};
  const test = (path: string, bound: Bound): boolean => {
    const b = parsed.exact ? 'lower' : bound;
    return (matchers[b] ??= new RegExp(`^(?:${body.map((r) => toJsSource(r, b)).join('')})\\n?$`, 'u')).test(path);
  };
  const prefix = literalPrefix(body);
  const literal = prefix.length === body.length ? String.fromCodePoint(...prefix) : undefined;
  let witnesses: Word[] | undefined;
  let readable: Word | null | undefined;
  return {
    ok: true,
    language: {
      key: pythonRegex,
      exact: parsed.exact,
      prefix,
      lower,
      upper,
      test,
      ...(literal !== undefined ? { literalWords: [literal, literal + '\n'] as [string, string] } : {}),
      ...segmentsOf(body),
      get witnesses(): Word[] {
        if (!witnesses) {
          witnesses = [];
          for (const style of [RARE_SHORT, RARE_LONG]) {
            const w = generate(bodyRe, style);
            if (w && !witnesses.some((x) => sameWord(x, w))) witnesses.push(w);
          }
        }
        return witnesses;
      },
      get readable(): Word | undefined {
        if (readable === undefined) readable = generate(bodyRe, READABLE) ?? null;
        return readable ?? undefined;
      },
    },
  };
}

function hasAnchor(r: PyRegex): boolean {
  switch (r.t) {
    case 'bol':
    case 'eol':
      return true;
    case 'chars':
      return false;
    case 'seq':
      return r.items.some(hasAnchor);
    case 'alt':
      return r.alts.some(hasAnchor);
    case 'rep':
      return hasAnchor(r.body);
  }
}

function expandedSize(r: PyRegex): number {
  switch (r.t) {
    case 'bol':
    case 'eol':
      return 0;
    case 'chars':
      return 1;
    case 'seq':
      return r.items.reduce((n, x) => n + expandedSize(x), 0);
    case 'alt':
      return r.alts.reduce((n, x) => n + expandedSize(x), 0);
    case 'rep':
      return expandedSize(r.body) * Math.max(1, r.max === Infinity ? r.min + 1 : r.max);
  }
}

function literalPrefix(body: PyRegex[]): number[] {
  const prefix: number[] = [];
  for (const r of body) {
    if (r.t !== 'chars' || r.lower.size !== 1 || !r.lower.equals(r.upper)) break;
    prefix.push(r.lower.ranges[0]!.min);
  }
  return prefix;
}

export type Bound = 'lower' | 'upper';
const SLASH = 0x2f;

function canProduceSlash(r: PyRegex): boolean {
  switch (r.t) {
    case 'bol':
    case 'eol':
      return false;
    case 'chars':
      return r.upper.has(SLASH as Char);
    case 'seq':
      return r.items.some(canProduceSlash);
    case 'alt':
      return r.alts.some(canProduceSlash);
    case 'rep':
      return r.max > 0 && canProduceSlash(r.body);
  }
}

function segmentsOf(body: PyRegex[]): { segments?: (string | null)[] } {
  const segments: (string | null)[] = [];
  let literal = '';
  let wild = false;
  for (const r of body) {
    if (r.t === 'chars' && r.lower.size === 1 && r.lower.equals(r.upper)) {
      const c = r.lower.ranges[0]!.min;
      if (c === SLASH) {
        segments.push(wild ? null : literal);
        literal = '';
        wild = false;
      } else literal += String.fromCodePoint(c);
    } else if (canProduceSlash(r)) return {};
    else wild = true;
  }
  segments.push(wild ? null : literal.replace(/\n+$/, ''));
  return { segments };
}

function jsClass(set: CharSet): string {
  const hex = (c: number): string => `\\u{${c.toString(16)}}`;
  return `[${set.ranges.map((r) => (r.min === r.max ? hex(r.min) : `${hex(r.min)}-${hex(r.max)}`)).join('')}]`;
}

function toJsSource(r: PyRegex, bound: Bound): string {
  switch (r.t) {
    case 'chars':
      return jsClass(r[bound]);
    case 'seq':
      return `(?:${r.items.map((x) => toJsSource(x, bound)).join('')})`;
    case 'alt':
      return `(?:${r.alts.map((x) => toJsSource(x, bound)).join('|')})`;
    case 'rep':
      return `(?:${toJsSource(r.body, bound)}){${r.min},${r.max === Infinity ? '' : r.max}}`;
    case 'bol':
    case 'eol':
      throw new Error('anchors are rejected before building matchers');
  }
}

function toConcat(items: PyRegex[], bound: Bound): NoParent<Concatenation> {
  return { type: 'Concatenation', elements: items.map((r) => toElement(r, bound)) };
}

function toElement(r: PyRegex, bound: Bound): NoParent<Element> {
  switch (r.t) {
    case 'chars':
      return { type: 'CharacterClass', characters: r[bound] };
    case 'seq':
      return { type: 'Alternation', alternatives: [toConcat(r.items, bound)] };
    case 'alt':
      return { type: 'Alternation', alternatives: r.alts.map((a) => toConcat([a], bound)) };
    case 'rep':
      return { type: 'Quantifier', lazy: false, min: r.min, max: r.max, alternatives: [toConcat([r.body], bound)] };
    case 'bol':
    case 'eol':
      throw new Error('anchors are rejected before building automata');
  }
}

function buildNfa(body: PyRegex[], bound: Bound, factory?: NodeFactory<NFA.Node>): NFA {
  const concat = toConcat(body, bound);
  const optionalNewline: NoParent<Element> = {
    type: 'Quantifier',
    lazy: false,
    min: 0,
    max: 1,
    alternatives: [{ type: 'Concatenation', elements: [{ type: 'CharacterClass', characters: CharSet.fromCharacter(MAX_CHAR, NEWLINE as Char) }] }],
  };
  concat.elements.push(optionalNewline);
  return NFA.fromRegex(concat, { maxCharacter: MAX_CHAR as Char }, {}, factory);
}

// ---- words surely in the language (built from the lower bound) ----

interface WordStyle {
  pick(set: CharSet): number | undefined;
  count(min: number, max: number): number;
  lastAlternativeFirst: boolean;
}

const RARE_SHORT: WordStyle = {
  pick: rareChar,
  count: (min, max) => Math.min(max, Math.max(min, 1)),
  lastAlternativeFirst: false,
};
const RARE_LONG: WordStyle = {
  pick: rareChar,
  count: (min, max) => Math.min(max, min + 2),
  lastAlternativeFirst: true,
};
const READABLE_PREFERENCE = Array.from('abcxyz0123456789ABCXYZ-_.~', (c) => c.codePointAt(0)!);
const READABLE: WordStyle = {
  pick: (set) => READABLE_PREFERENCE.find((c) => set.has(c as Char)) ?? rareChar(set),
  count: (min, max) => Math.min(max, Math.max(min, 1)),
  lastAlternativeFirst: false,
};

function rareChar(set: CharSet): number | undefined {
  if (set.isEmpty) return undefined;
  if (set.has(RARE_CHAR as Char)) return RARE_CHAR;
  // the largest character that is not a surrogate (a decoded path never holds one)
  for (let i = set.ranges.length - 1; i >= 0; i--) {
    const r = set.ranges[i]!;
    if (r.max < 0xd800 || r.max > 0xdfff) return r.max;
    if (r.min < 0xd800) return 0xd7ff;
  }
  return undefined;
}

function generate(r: PyRegex, style: WordStyle): Word | undefined {
  switch (r.t) {
    case 'bol':
    case 'eol':
      return [];
    case 'chars': {
      const c = style.pick(r.lower);
      return c === undefined ? undefined : [c as Char];
    }
    case 'seq': {
      const out: Word = [];
      for (const item of r.items) {
        const w = generate(item, style);
        if (!w) return undefined;
        out.push(...w);
      }
      return out;
    }
    case 'alt': {
      const alts = style.lastAlternativeFirst ? [...r.alts].reverse() : r.alts;
      for (const a of alts) {
        const w = generate(a, style);
        if (w) return w;
      }
      return undefined;
    }
    case 'rep': {
      const n = style.count(r.min, r.max);
      if (n === 0) return [];
      const once = generate(r.body, style);
      if (!once) return r.min === 0 ? [] : undefined;
      const out: Word = [];
      for (let i = 0; i < n; i++) out.push(...once);
      return out;
    }
  }
}

function sameWord(a: Word, b: Word): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
