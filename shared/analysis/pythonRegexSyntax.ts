// Reads a Python `re` pattern (str pattern, no flags: what Starlette compiles) into a small
// regular-expression tree over Unicode code points, following Python 3.11's sre_parse.
//
// Python's `\d`, `\w`, `\s` are Unicode-aware and their exact sets depend on Python's Unicode
// tables, so every character set is kept as a pair of bounds: `lower` ⊆ the real set ⊆ `upper`
// (equal when exact). Constructs whose language is not regular in the plain sense (back-references,
// look-arounds, atomic groups, possessive quantifiers, inline flags) are refused.
import { CharSet, type Char } from 'refa';

export const MAX_CHAR = 0x10ffff;

export type PyRegex =
  | { t: 'chars'; lower: CharSet; upper: CharSet }
  | { t: 'seq'; items: PyRegex[] }
  | { t: 'alt'; alts: PyRegex[] }
  | { t: 'rep'; min: number; max: number; body: PyRegex }
  /** `^` (start of string: no MULTILINE flag) */
  | { t: 'bol' }
  /** `$`: end of string or before one final "\n" */
  | { t: 'eol' };

export type PyRegexParse = { ok: true; regex: PyRegex; exact: boolean } | { ok: false; reason: string };

class Unsupported extends Error {}

const range = (min: number, max: number): CharSet => CharSet.fromRange(MAX_CHAR, { min: min as Char, max: max as Char });
const singles = new Map<number, CharSet>();
function chars(...cps: number[]): CharSet {
  if (cps.length === 1) {
    let set = singles.get(cps[0]!);
    if (!set) singles.set(cps[0]!, (set = CharSet.fromCharacter(MAX_CHAR, cps[0]! as Char)));
    return set;
  }
  return CharSet.fromCharacters(MAX_CHAR, [...cps].sort((a, b) => a - b) as Char[]);
}
const NON_ASCII = range(0x80, MAX_CHAR);

const DIGIT_ASCII = range(0x30, 0x39);
const WORD_ASCII = DIGIT_ASCII.union(range(0x41, 0x5a), range(0x61, 0x7a), chars(0x5f));
// str.isspace() for ASCII: \t \n \v \f \r, \x1c-\x1f, space
const SPACE_ASCII = range(0x09, 0x0d).union(range(0x1c, 0x20));

interface Bounds {
  lower: CharSet;
  upper: CharSet;
}

/** Bounds of Python's Unicode `\d`, `\w`, `\s` (exact on ASCII; non-ASCII unknown). */
function categoryBounds(letter: string): Bounds | undefined {
  const base = letter.toLowerCase() === 'd' ? DIGIT_ASCII : letter.toLowerCase() === 'w' ? WORD_ASCII : letter.toLowerCase() === 's' ? SPACE_ASCII : undefined;
  if (!base) return undefined;
  const pos = { lower: base, upper: base.union(NON_ASCII) };
  return letter === letter.toLowerCase() ? pos : { lower: pos.upper.negate(), upper: pos.lower.negate() };
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (s: string): boolean => /^[0-9a-fA-F]+$/.test(s);
const ASCII_LETTER = /^[a-zA-Z]$/;

const MAX_REPEAT = 4294967295;

class Parser {
  private pos = 0;
  exact = true;
  private readonly cps: string[];

  constructor(source: string) {
    this.cps = Array.from(source);
  }

  private peek(offset = 0): string | undefined {
    return this.cps[this.pos + offset];
  }
  private next(): string | undefined {
    return this.cps[this.pos++];
  }
  private eat(c: string): boolean {
    if (this.peek() === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  parseAll(): PyRegex {
    const regex = this.alternation();
    if (this.pos < this.cps.length) throw new Unsupported(`unbalanced parenthesis at ${this.pos}`);
    return regex;
  }

  private alternation(): PyRegex {
    const alts = [this.sequence()];
    while (this.eat('|')) alts.push(this.sequence());
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(): PyRegex {
    const items: PyRegex[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.atom();
      if (atom === null) continue;
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(atom: PyRegex): PyRegex {
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.t === 'bol' || atom.t === 'eol') throw new Unsupported('nothing to repeat');
    if (this.peek() === '+') throw new Unsupported('possessive quantifier');
    this.eat('?'); // lazy: same language
    if (bounds.max < bounds.min) throw new Unsupported('min repeat greater than max repeat');
    const save = this.pos;
    if (this.quantifier()) throw new Unsupported('multiple repeat');
    this.pos = save;
    return { t: 'rep', min: bounds.min, max: bounds.max, body: atom };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    if (c === '*') return this.pos++, { min: 0, max: Infinity };
    if (c === '+') return this.pos++, { min: 1, max: Infinity };
    if (c === '?') return this.pos++, { min: 0, max: 1 };
    if (c !== '{') return undefined;
    const start = this.pos;
    this.pos++;
    if (this.peek() === '}') {
      this.pos = start;
      return undefined;
    }
    let lo = '';
    let hi = '';
    while (isDigit(this.peek())) lo += this.next();
    if (this.eat(',')) {
      while (isDigit(this.peek())) hi += this.next();
    } else hi = lo;
    if (!this.eat('}')) {
      this.pos = start;
      return undefined;
    }
    const min = lo ? Number(lo) : 0;
    const max = hi ? Number(hi) : Infinity;
    if (min >= MAX_REPEAT || (max !== Infinity && max >= MAX_REPEAT)) throw new Unsupported('the repetition number is too large');
    return { min, max };
  }

  /** One atom; null for things that match nothing (comments). */
  private atom(): PyRegex | null {
    const c = this.next()!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        return exactChars(chars(10).negate());
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unsupported('nothing to repeat');
      case '{': {
        // a "{" that does not start a valid repeat is a literal; one that does has nothing to repeat
        this.pos--;
        if (this.quantifier()) throw new Unsupported('nothing to repeat');
        this.pos++;
        return exactChars(chars(0x7b));
      }
      default:
        return exactChars(chars(c.codePointAt(0)!));
    }
  }

  private group(): PyRegex | null {
    if (this.eat('?')) {
      const c = this.next();
      if (c === ':') return this.closeGroup(this.alternation());
      if (c === 'P') {
        if (this.eat('<')) {
          let name = '';
          while (this.peek() !== undefined && this.peek() !== '>') name += this.next();
          if (!this.eat('>') || name === '') throw new Unsupported(`bad group name ${name}`);
          return this.closeGroup(this.alternation());
        }
        throw new Unsupported('named back-reference');
      }
      if (c === '#') {
        while (this.peek() !== undefined && this.peek() !== ')') this.pos++;
        if (!this.eat(')')) throw new Unsupported('missing ), unterminated comment');
        return null;
      }
      throw new Unsupported(`group extension (?${c ?? ''}`);
    }
    return this.closeGroup(this.alternation());
  }

  private closeGroup(inner: PyRegex): PyRegex {
    if (!this.eat(')')) throw new Unsupported('missing ), unterminated subpattern');
    return inner;
  }

  private escape(): PyRegex {
    const c = this.next();
    if (c === undefined) throw new Unsupported('bad escape (end of pattern)');
    const category = categoryBounds(c);
    if (category) return this.bounded(category);
    if ('AZbB'.includes(c)) throw new Unsupported(`assertion \\${c}`);
    if (isDigit(c)) {
      // octal escape (\0, \0NN, \NNN) or back-reference
      if (c === '0') return exactChars(chars(this.octalTail('0', 2)));
      if (isOct(c) && isOct(this.peek()) && isOct(this.peek(1))) {
        const value = parseInt(c + this.next()! + this.next()!, 8);
        if (value > 0o377) throw new Unsupported('octal escape value outside of range');
        return exactChars(chars(value));
      }
      throw new Unsupported('back-reference');
    }
    return exactChars(chars(this.codeEscape(c)));
  }

  private octalTail(first: string, maxMore: number): number {
    let digits = first;
    for (let i = 0; i < maxMore && isOct(this.peek()); i++) digits += this.next();
    return parseInt(digits, 8);
  }

  /** Escapes denoting one character, shared by patterns and classes (`\b` handled by callers). */
  private codeEscape(c: string): number {
    if (c in SIMPLE_ESCAPES && c !== 'b') return SIMPLE_ESCAPES[c]!;
    const hexLen = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (hexLen) {
      const digits = this.cps.slice(this.pos, this.pos + hexLen).join('');
      if (digits.length !== hexLen || !isHex(digits)) throw new Unsupported(`incomplete escape \\${c}`);
      this.pos += hexLen;
      const value = parseInt(digits, 16);
      if (value > MAX_CHAR) throw new Unsupported('bad escape');
      return value;
    }
    if (ASCII_LETTER.test(c)) throw new Unsupported(`bad escape \\${c}`);
    return c.codePointAt(0)!;
  }

  private bounded(b: Bounds): PyRegex {
    if (!b.lower.equals(b.upper)) this.exact = false;
    return { t: 'chars', lower: b.lower, upper: b.upper };
  }

  private charClass(): PyRegex {
    const negate = this.eat('^');
    let lower = CharSet.empty(MAX_CHAR);
    let upper = CharSet.empty(MAX_CHAR);
    const add = (b: Bounds): void => {
      lower = lower.union(b.lower);
      upper = upper.union(b.upper);
    };
    let first = true;
    for (;;) {
      const c = this.next();
      if (c === undefined) throw new Unsupported('unterminated character set');
      if (c === ']' && !first) break;
      first = false;
      const item = this.classItem(c);
      if (this.peek() === '-') {
        this.pos++;
        const that = this.next();
        if (that === undefined) throw new Unsupported('unterminated character set');
        if (that === ']') {
          add(item.kind === 'char' ? single(item.code) : item.bounds);
          add(single(0x2d));
          break;
        }
        const end = this.classItem(that);
        if (item.kind !== 'char' || end.kind !== 'char') throw new Unsupported('bad character range');
        if (end.code < item.code) throw new Unsupported('bad character range');
        const r = range(item.code, end.code);
        add({ lower: r, upper: r });
        continue;
      }
      add(item.kind === 'char' ? single(item.code) : item.bounds);
    }
    if (!lower.equals(upper)) this.exact = false;
    return negate ? { t: 'chars', lower: upper.negate(), upper: lower.negate() } : { t: 'chars', lower, upper };
  }

  private classItem(c: string): { kind: 'char'; code: number } | { kind: 'set'; bounds: Bounds } {
    if (c !== '\\') return { kind: 'char', code: c.codePointAt(0)! };
    const e = this.next();
    if (e === undefined) throw new Unsupported('bad escape (end of pattern)');
    const category = categoryBounds(e);
    if (category) return { kind: 'set', bounds: category };
    if (e === 'b') return { kind: 'char', code: 8 };
    if (isDigit(e)) {
      if (isOct(e)) {
        const value = this.octalTail(e, 2);
        if (value > 0o377) throw new Unsupported('octal escape value outside of range');
        return { kind: 'char', code: value };
      }
      throw new Unsupported('bad escape');
    }
    return { kind: 'char', code: this.codeEscape(e) };
  }
}

function single(code: number): Bounds {
  const s = chars(code);
  return { lower: s, upper: s };
}

const singleNodes = new Map<CharSet, PyRegex>();
function exactChars(set: CharSet): PyRegex {
  // single characters (every literal) share one node: the tree is never mutated
  if (set.ranges.length === 1 && set.ranges[0]!.min === set.ranges[0]!.max) {
    let node = singleNodes.get(set);
    if (!node) singleNodes.set(set, (node = { t: 'chars', lower: set, upper: set }));
    return node;
  }
  return { t: 'chars', lower: set, upper: set };
}

export function parsePythonRegex(source: string): PyRegexParse {
  const parser = new Parser(source);
  try {
    const regex = parser.parseAll();
    return { ok: true, regex, exact: parser.exact };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
}
