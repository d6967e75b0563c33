// Translates a Python `re` pattern (str pattern, no flags) into a JavaScript RegExp (`u` flag)
// that matches exactly what Python's `re.match` would. Covers what Starlette builds
// (re.escape'd literals, convertor regexes) and the usual constructs of user convertor regexes;
// anything else is reported as unsupported instead of being approximated.
//
// Python differences handled: `$` also matches before one final "\n"; `.` excludes only "\n";
// \d \w \s \b are Unicode-aware with Python's own definitions; re.escape's escapes (`\-`, `\ `,
// `\#`, ...) are invalid in JS `u` mode; `{` is a literal unless it forms a valid quantifier.

export type PyRegexTranslation =
  | { ok: true; source: string; groupCount: number; groupIndex: ReadonlyMap<string, number> }
  | { ok: false; reason: string; position: number };

export type PyRegexCompiled =
  | { ok: true; regex: RegExp; groupCount: number; groupIndex: ReadonlyMap<string, number> }
  | { ok: false; reason: string; position: number };

// Python str.isalnum() or "_": letters (L*), decimals, digits and numerics (Nd, Nl, No).
const WORD_CLASS_BODY = '\\p{L}\\p{Nd}\\p{Nl}\\p{No}_';
// Py_UNICODE_ISSPACE: differs from JS \s (Python adds \x1c-\x1f and \x85, lacks \ufeff).
const SPACE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0d], [0x1c, 0x20], [0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
];
const cp = (n: number): string => `\\u{${n.toString(16)}}`;
const rangesBody = (ranges: ReadonlyArray<readonly [number, number]>): string =>
  ranges.map(([a, b]) => (a === b ? cp(a) : `${cp(a)}-${cp(b)}`)).join('');
const SPACE_BODY = rangesBody(SPACE_RANGES);
const NON_SPACE_BODY = rangesBody(complement(SPACE_RANGES));
const WORD = `[${WORD_CLASS_BODY}]`;
const NON_WORD = `[^${WORD_CLASS_BODY}]`;

function complement(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

class Unsupported extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(reason);
  }
}

interface Atom {
  js: string;
  /** Python: "nothing to repeat" for anchors; JS additionally rejects quantified lookarounds. */
  repeatable: 'yes' | 'anchor' | 'lookaround';
}

class Translator {
  private readonly chars: string[];
  private pos = 0;
  private groupCount = 0;
  private readonly groupIndex = new Map<string, number>();
  private readonly openGroups = new Set<number>();

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  run(): PyRegexTranslation {
    try {
      const source = this.alternation();
      if (this.pos < this.chars.length) this.fail('unbalanced parenthesis');
      return { ok: true, source, groupCount: this.groupCount, groupIndex: this.groupIndex };
    } catch (e) {
      if (e instanceof Unsupported) return { ok: false, reason: e.reason, position: e.position };
      throw e;
    }
  }

  private fail(reason: string, at = this.pos): never {
    throw new Unsupported(reason, at);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private alternation(): string {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.join('|');
  }

  private sequence(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      const start = this.pos;
      const atom = this.atom();
      const quant = this.quantifier();
      if (quant !== null) {
        if (atom.repeatable === 'anchor') this.fail('nothing to repeat', start);
        if (atom.repeatable === 'lookaround') this.fail('quantified lookaround is not supported', start);
        out += `(?:${atom.js})${quant}`;
      } else out += atom.js;
    }
  }

  /** Parses `{m,n}` at the current position when it is a valid Python repeat; else null (literal "{"). */
  private braceRepeat(): { min: number; max: number | null } | null {
    if (this.peek() !== '{' || this.peek(1) === '}') return null;
    let i = this.pos + 1;
    let lo = '';
    let hi = '';
    while (isDigit(this.chars[i])) lo += this.chars[i++];
    if (this.chars[i] === ',') {
      i++;
      while (isDigit(this.chars[i])) hi += this.chars[i++];
    } else hi = lo;
    if (this.chars[i] !== '}') return null;
    const min = lo ? Number(lo) : 0;
    const max = hi ? Number(hi) : null;
    if (max !== null && max < min) this.fail('min repeat greater than max repeat');
    this.pos = i + 1;
    return { min, max };
  }

  private quantifier(): string | null {
    const c = this.peek();
    let q: string;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      q = c;
    } else {
      const r = this.braceRepeat();
      if (r === null) return null;
      q = r.max === null ? (r.min === 0 ? '*' : `{${r.min},}`) : `{${r.min},${r.max}}`;
    }
    if (this.peek() === '?') {
      this.pos++;
      q += '?';
    } else if (this.peek() === '+') this.fail('possessive quantifiers are not supported');
    const n = this.peek();
    if (n === '*' || n === '+' || n === '?' || (n === '{' && this.wouldBeRepeat())) this.fail('multiple repeat');
    return q;
  }

  private wouldBeRepeat(): boolean {
    const save = this.pos;
    const r = this.braceRepeat();
    this.pos = save;
    return r !== null;
  }

  private atom(): Atom {
    const start = this.pos;
    const c = this.chars[this.pos++]!;
    switch (c) {
      case '(':
        return this.group(start);
      case '[':
        return { js: this.charClass(), repeatable: 'yes' };
      case '.':
        return { js: '[^\\n]', repeatable: 'yes' };
      case '^':
        return { js: '^', repeatable: 'anchor' };
      case '$':
        return { js: '(?=\\n?$)', repeatable: 'anchor' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat', start);
      case '{': {
        this.pos = start;
        if (this.braceRepeat() !== null) this.fail('nothing to repeat', start);
        this.pos = start + 1;
        return { js: literal(c), repeatable: 'yes' };
      }
      default:
        return { js: literal(c), repeatable: 'yes' };
    }
  }

  private group(start: number): Atom {
    if (this.peek() !== '?') return this.capture(null, start);
    this.pos++;
    const k = this.chars[this.pos++];
    if (k === ':') return { js: `(?:${this.groupBody(start)})`, repeatable: 'yes' };
    if (k === '=' || k === '!') return { js: `(?${k}${this.groupBody(start)})`, repeatable: 'lookaround' };
    if (k === '<' && (this.peek() === '=' || this.peek() === '!')) {
      const kind = this.chars[this.pos++]!;
      return { js: `(?<${kind}${this.groupBody(start)})`, repeatable: 'lookaround' };
    }
    if (k === '#') {
      while (this.peek() !== undefined && this.peek() !== ')') this.pos++;
      if (this.peek() === undefined) this.fail('missing ), unterminated comment', start);
      this.pos++;
      return { js: '(?:)', repeatable: 'yes' };
    }
    if (k === 'P' && this.peek() === '<') {
      this.pos++;
      return this.capture(this.groupName('>'), start);
    }
    if (k === 'P' && this.peek() === '=') {
      this.pos++;
      const name = this.groupName(')');
      const index = this.groupIndex.get(name);
      if (index === undefined) this.fail(`unknown group name '${name}'`, start);
      if (this.openGroups.has(index)) this.fail('cannot refer to an open group', start);
      return { js: `(?:\\${index})`, repeatable: 'yes' };
    }
    if (k === '>') this.fail('atomic groups are not supported', start);
    if (k === '(') this.fail('conditional groups are not supported', start);
    return this.fail('inline flags and other (?...) extensions are not supported', start);
  }

  private groupName(terminator: string): string {
    let name = '';
    while (this.peek() !== undefined && this.peek() !== terminator) name += this.chars[this.pos++];
    if (this.peek() === undefined) this.fail(`missing ${terminator}, unterminated name`);
    this.pos++;
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) this.fail(`bad character in group name '${name}'`);
    return name;
  }

  private capture(name: string | null, start: number): Atom {
    const index = ++this.groupCount;
    if (name !== null) {
      if (this.groupIndex.has(name)) this.fail(`redefinition of group name '${name}'`, start);
      this.groupIndex.set(name, index);
    }
    this.openGroups.add(index);
    const body = this.groupBody(start);
    this.openGroups.delete(index);
    return { js: `(${body})`, repeatable: 'yes' };
  }

  private groupBody(start: number): string {
    const body = this.alternation();
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return body;
  }

  /** An escape outside a character class. */
  private escape(): Atom {
    const start = this.pos - 1;
    const c = this.chars[this.pos++];
    if (c === undefined) return this.fail('bad escape (end of pattern)', start);
    switch (c) {
      case 'd':
        return { js: '\\p{Nd}', repeatable: 'yes' };
      case 'D':
        return { js: '\\P{Nd}', repeatable: 'yes' };
      case 'w':
        return { js: WORD, repeatable: 'yes' };
      case 'W':
        return { js: NON_WORD, repeatable: 'yes' };
      case 's':
        return { js: `[${SPACE_BODY}]`, repeatable: 'yes' };
      case 'S':
        return { js: `[${NON_SPACE_BODY}]`, repeatable: 'yes' };
      case 'A':
        return { js: '^', repeatable: 'anchor' };
      case 'Z':
        return { js: '$', repeatable: 'anchor' };
      case 'b':
        return { js: `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`, repeatable: 'anchor' };
      case 'B':
        return { js: `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`, repeatable: 'anchor' };
    }
    if (isDigit(c)) {
      if (c === '0') return { js: literalCode(this.octal(0, 2)), repeatable: 'yes' };
      if (isDigit(this.peek()) && isOctal(c) && isOctal(this.peek()) && isOctal(this.peek(1))) {
        const code = parseInt(c + this.chars[this.pos]! + this.chars[this.pos + 1]!, 8);
        if (code > 0o377) this.fail('octal escape value outside of range 0-0o377', start);
        this.pos += 2;
        return { js: literalCode(code), repeatable: 'yes' };
      }
      let digits = c;
      if (isDigit(this.peek())) digits += this.chars[this.pos++];
      const index = Number(digits);
      if (index > this.groupCount) this.fail(`invalid group reference ${index}`, start);
      if (this.openGroups.has(index)) this.fail('cannot refer to an open group', start);
      return { js: `(?:\\${index})`, repeatable: 'yes' };
    }
    return { js: literalCode(this.charEscape(c, start)), repeatable: 'yes' };
  }

  /** Reads up to `max` more octal digits after an initial value. */
  private octal(value: number, max: number): number {
    for (let i = 0; i < max && isOctal(this.peek()); i++) value = value * 8 + Number(this.chars[this.pos++]);
    return value;
  }

  /** Escapes that denote one character (shared by classes and the outside). */
  private charEscape(c: string, start: number): number {
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined && c !== 'b') return simple;
    if (c === 'x' || c === 'u' || c === 'U') {
      const len = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = this.chars.slice(this.pos, this.pos + len).join('');
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) this.fail(`incomplete escape \\${c}${hex}`, start);
      this.pos += len;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail(`bad escape \\${c}${hex}`, start);
      return code;
    }
    if (c === 'N') this.fail('\\N{...} escapes are not supported', start);
    if (isAsciiAlnum(c)) this.fail(`bad escape \\${c}`, start);
    return c.codePointAt(0)!;
  }

  private charClass(): string {
    const start = this.pos - 1;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    let body = '';
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated character set', start);
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const itemStart = this.pos;
      const lo = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classAtom();
        if (typeof lo !== 'number' || typeof hi !== 'number') this.fail('bad character range', itemStart);
        if (hi < lo) this.fail('bad character range', itemStart);
        body += `${cp(lo)}-${cp(hi)}`;
      } else body += typeof lo === 'number' ? cp(lo) : lo.js;
    }
    if (body === '') return negated ? '[^]' : '[]';
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** One item of a class: a code point, or a class escape ({js}). */
  private classAtom(): number | { js: string } {
    const c = this.chars[this.pos++]!;
    if (c !== '\\') return c.codePointAt(0)!;
    const start = this.pos - 1;
    const e = this.chars[this.pos++];
    if (e === undefined) this.fail('bad escape (end of pattern)', start);
    switch (e) {
      case 'd':
        return { js: '\\p{Nd}' };
      case 'D':
        return { js: '\\P{Nd}' };
      case 'w':
        return { js: WORD_CLASS_BODY };
      case 's':
        return { js: SPACE_BODY };
      case 'S':
        return { js: NON_SPACE_BODY };
      case 'W':
        return this.fail('\\W inside a character class is not supported', start);
      case 'b':
        return 8;
    }
    if (isOctal(e)) return this.octal(Number(e), 2);
    if (isDigit(e)) this.fail(`bad escape \\${e}`, start);
    return this.charEscape(e, start);
  }
}

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function literal(c: string): string {
  return isAsciiAlnum(c) ? c : cp(c.codePointAt(0)!);
}

function literalCode(code: number): string {
  return literal(String.fromCodePoint(code));
}

export function translatePythonRegex(pattern: string): PyRegexTranslation {
  return new Translator(pattern).run();
}

/** A RegExp whose `exec` behaves like Python's `re.match(pattern, s)` (anchored at the start). */
export function compilePythonRegex(pattern: string): PyRegexCompiled {
  const t = translatePythonRegex(pattern);
  if (!t.ok) return t;
  try {
    return { ok: true, regex: new RegExp(`^(?:${t.source})`, 'u'), groupCount: t.groupCount, groupIndex: t.groupIndex };
  } catch (e) {
    return { ok: false, reason: `no JavaScript equivalent: ${(e as Error).message}`, position: 0 };
  }
}
