import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser, parsePython, type SyntaxNode } from '../../shared/python/parser';
import { decodeString, docstringOf, type FormatRequest, type ResolveExpr } from '../../shared/python/strings';
import { requireOracle, runOracle } from '../oracle/oracle';
import { mulberry32, suiteSeed } from '../differential/gen/rng';

beforeAll(async () => {
  await initPythonParser();
});

/** The right-hand side of the first `x = ...` statement, parentheses removed. */
function valueNode(source: string): SyntaxNode {
  const statement = parsePython(source).rootNode.namedChildren[0];
  let node = statement?.namedChildren[0]?.childForFieldName('right');
  while (node?.type === 'parenthesized_expression') node = node.namedChildren.find((c) => c!.type !== 'comment');
  if (!node) throw new Error(`no assignment value in ${JSON.stringify(source)}`);
  return node;
}

/** Our decoding, or 'rejected' (tree-sitter could not even read an assignment counts as rejected). */
function decodeSource(source: string): ReturnType<typeof decodeString> {
  try {
    return decodeString(valueNode(source), resolver);
  } catch (e) {
    return { ok: false, reason: String(e) };
  }
}

function firstDefinition(source: string): SyntaxNode {
  return parsePython(source).rootNode.namedChildren.find((c) => c!.type.endsWith('definition'))!;
}

const units = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

// The f-string environment shared by the oracle (`env`) and the resolver below.
const ENV: Record<string, string | number> = { a: 'A', n: 42, w: 7, s: 'xy' };

function pyRepr(v: string | number): string {
  return typeof v === 'number' ? String(v) : `'${v}'`;
}

const resolver: ResolveExpr = (expression: SyntaxNode, format: FormatRequest) => {
  if (expression.type !== 'identifier' || !(expression.text in ENV)) return { unresolved: `unknown name ${expression.text}` };
  const v = ENV[expression.text]!;
  const text = format.conversion === 'r' || format.conversion === 'a' ? pyRepr(v) : String(v);
  if (format.spec === undefined || format.spec === '') return text;
  const m = /^([<>^])?(\d+)$/.exec(format.spec);
  if (!m) return { unresolved: `unsupported spec ${format.spec}` };
  const width = Number(m[2]);
  const align = m[1] ?? (typeof v === 'number' && !format.conversion ? '>' : '<');
  const pad = Math.max(0, width - text.length);
  if (align === '<') return text + ' '.repeat(pad);
  if (align === '>') return ' '.repeat(pad) + text;
  const left = Math.floor(pad / 2);
  return ' '.repeat(left) + text + ' '.repeat(pad - left);
};

const ESCAPES = [
  '\\\\', "\\'", '\\"', '\\a', '\\b', '\\f', '\\n', '\\r', '\\t', '\\v', '\\0', '\\12', '\\101', '\\777', '\\8',
  '\\x41', '\\xe9', '\\xFF', '\\u00e9', '\\u4E2D', '\\ud83d', '\\U0001F600', '\\U0010ffff', '\\N{BULLET}',
  '\\N{em dash}', '\\N{LATIN SMALL LETTER E WITH ACUTE}', '\\N{NO-BREAK SPACE}', '\\N{CJK UNIFIED IDEOGRAPH-4E2D}',
  '\\N{HANGUL SYLLABLE GAG}', '\\N{LINE FEED}', '\\d', '\\q', '\\ ', '\\é',
  // invalid in Python: must be rejected
  '\\x4', '\\u12', '\\U00110000', '\\N{NO SUCH NAME}', '\\N{}',
];
const CHARS = ['a', 'Z', '9', ' ', '\t', 'é', '中', '😀', '\u3000', '\u00a0', 'ﬀ', '/', '{', '}', '%', '\f', '\x0b', '#'];
const FIELDS = ['{a}', '{n}', '{n!r}', '{a!r}', '{a=}', '{ n = }', '{a!s:>5}', '{n:^{w}}', '{s:<4}', '{{', '}}', '{a!a}', '{zz}'];

interface Generated {
  source: string;
  isDoc: boolean;
}

function generate(rand: () => number, isDoc: boolean): Generated {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // tree-sitter does not read a lone \r as a line break between statements (Python does), so
  // lone \r only appears inside string literals.
  const newline = pick(['\n', '\n', '\n', '\r\n', '\r\n']);
  const inner = () => (rand() < 0.2 ? '\r' : newline);
  const prefixes = isDoc ? ['', '', 'r', 'R', 'u', 'U', 'f', 'rb'] : ['', '', '', 'r', 'R', 'u', 'f', 'F', 'rf', 'Fr', 'b'];
  const count = 1 + Math.floor(rand() * (rand() < 0.3 ? 3 : 1));
  const pieces: string[] = [];
  for (let p = 0; p < count; p++) {
    const prefix = pick(prefixes);
    const raw = prefix.toLowerCase().includes('r');
    const isF = prefix.toLowerCase().includes('f');
    const quote = pick(["'", '"', "'''", '"""']);
    const triple = quote.length === 3;
    const q = quote[0]!;
    const other = q === "'" ? '"' : "'";
    let body = '';
    const n = Math.floor(rand() * 12);
    for (let k = 0; k < n; k++) {
      const r = rand();
      if (r < 0.35) body += pick(CHARS).replace(/[{}]/, (b) => (isF ? b + b : b));
      else if (r < 0.65) {
        const e = pick(ESCAPES);
        // In raw strings keep `\` followed by a letter so the literal stays well formed.
        body += raw && /^\\[\\'" ]$/.test(e) ? '\\z' : e;
      } else if (r < 0.72) body += other;
      else if (r < 0.76) body += triple ? q + 'x' : '';
      else if (r < 0.82) body += triple ? inner() : '';
      else if (r < 0.86) body += '\\' + inner();
      else if (r < 0.93 && isF) body += pick(FIELDS);
      else body += 'word';
    }
    if (body.endsWith('\\')) body += 'x';
    pieces.push(prefix + quote + body + quote);
  }
  const sep = rand() < 0.5 ? ' ' : newline + '    ';
  const expr = count > 1 && sep !== ' ' ? '(' + pieces.join(sep) + ')' : pieces.join(' ');
  const source = isDoc
    ? `def f():${newline}    ${expr}${newline}    return 1${newline}`
    : `x = ${expr}${newline}`;
  return { source, isDoc };
}

describe('decodeString matches CPython 3.11 on generated literals', () => {
  it('agrees on every generated case', () => {
    requireOracle();
    const seed = suiteSeed('string literals');
    const rand = mulberry32(seed);
    const cases = Array.from({ length: 3000 }, (_, i) => generate(rand, i % 6 === 5));
    const results = runOracle<number[] | null>(
      cases.map((c) => (c.isDoc ? { op: 'literal', src: c.source, doc: 'f', env: ENV } : { op: 'literal', src: c.source, env: ENV })),
    );
    const failures: string[] = [];
    let agreedOk = 0;
    let rejectedBoth = 0;
    cases.forEach((c, i) => {
      const expected = results[i]!;
      let mine: number[] | null | 'rejected';
      if (c.isDoc) {
        const def = firstDefinition(c.source) as SyntaxNode | undefined;
        const doc = def && docstringOf(def);
        mine = doc ? units(doc.value) : null;
        // A docstring that does not compile is `undefined` for us too.
        if ('error' in expected && doc === undefined) return;
      } else {
        const r = decodeSource(c.source);
        mine = r.ok ? units(r.value.value) : 'rejected';
        if (r.ok && r.value.offsets.length !== r.value.value.length) failures.push(`offset map length differs: ${JSON.stringify(c.source)}`);
      }
      if ('error' in expected) {
        if (mine !== 'rejected') failures.push(`${JSON.stringify(c.source)}: Python ${expected.error.type}: ${expected.error.message}; ours ${JSON.stringify(mine)}`);
        else rejectedBoth++;
        return;
      }
      if (JSON.stringify(mine) !== JSON.stringify(expected.ok)) {
        const why = c.isDoc ? '' : decodeSource(c.source);
        failures.push(`${JSON.stringify(c.source)}: Python ${JSON.stringify(expected.ok)}; ours ${JSON.stringify(mine)} ${JSON.stringify(why && !why.ok ? why.reason : '')}`);
      } else agreedOk++;
    });
    console.log(`strings differential: ${agreedOk} equal values, ${rejectedBoth} rejected by both, ${failures.length} failures`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(agreedOk).toBeGreaterThan(1000);
  });
});

describe('decodeString offset map', () => {
  const decode = (source: string) => {
    const r = decodeString(valueNode(source), resolver, 'm.py');
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };

  it('maps plain characters and escapes to their source offsets', () => {
    const src = 'x = "a\\nb\\x41😀c"\n';
    const v = decode(src);
    expect(v.value).toBe('a\nbA😀c');
    // a=5, \n=6..7, b=8, \x41=9..12, 😀=13..14, c=15
    expect(v.offsets).toEqual([5, 6, 8, 9, 13, 14, 15]);
    expect(v.span).toEqual({ file: 'm.py', start: 4, end: 17 });
    expect(v.file).toBe('m.py');
  });

  it('maps across implicit concatenation, raw pieces and CRLF newlines', () => {
    const src = "x = (r'\\d'\r\n     '''p\r\nq''')\r\n";
    const v = decode(src);
    expect(v.value).toBe('\\dp\nq');
    expect(v.offsets).toEqual([7, 8, 20, 21, 23]);
    expect(v.raw).toBeUndefined();
  });

  it('maps a line continuation to nothing and interpolations to their brace', () => {
    const src = 'x = f"a\\\nb{n!r}{{"\n';
    const v = decode(src);
    expect(v.value).toBe('ab42{');
    expect(v.offsets).toEqual([6, 9, 10, 10, 15]);
  });

  it('marks raw literals', () => {
    expect(decode("x = r'\\f'\n").raw).toBe(true);
    expect(decode("x = r'\\f'\n").value).toBe('\\f');
  });
});

describe('decodeString rejections', () => {
  const reason = (source: string, withResolver = false) => {
    const r = decodeString(valueNode(source), withResolver ? resolver : undefined);
    return r.ok ? undefined : r.reason;
  };
  it('rejects bytes', () => {
    expect(reason("x = b'abc'\n")).toMatch(/bytes/);
    expect(reason("x = 'a' b'abc'\n")).toMatch(/bytes/);
  });
  it('needs a resolver for f-string fields and says why', () => {
    expect(reason("x = f'{a}'\n")).toMatch(/\{a\}/);
    expect(reason("x = f'{zz}'\n", true)).toMatch(/unknown name zz/);
    expect(reason("x = f'ab{{}}'\n")).toBeUndefined();
  });
  it('reports names outside its Unicode name table as unresolved', () => {
    expect(reason("x = '\\N{GRINNING FACE}'\n")).toMatch(/not in Route Lens's table/);
  });
  it('rejects a literal whose neighbour tree-sitter could only read as an ERROR', () => {
    // Python concatenates both pieces and rejects the `{}` field; tree-sitter keeps the first
    // piece clean and puts the raw f-string in an ERROR node beside it.
    const src = "x = (R'''\\\r\nword'''\r\n    Fr''''x\\N{}'x\\\r\n\\N{HANGUL SYLLABLE GAG}\\0''')\r\n";
    expect(reason(src, true)).toMatch(/syntax error/);
  });
  it('rejects ur prefixes and non-string nodes', () => {
    expect(reason("x = ur'a'\n")).toBeDefined();
    expect(reason('x = 1\n')).toMatch(/not a string/);
  });
});

describe('docstringOf', () => {
  it('reads the first statement of functions, methods, classes and decorated definitions', () => {
    expect(docstringOf(firstDefinition('def f():\n    "doc"\n'))?.value).toBe('doc');
    expect(docstringOf(firstDefinition('@app.get("/")\nasync def f():\n    """a\n    b"""\n'))?.value).toBe('a\n    b');
    expect(docstringOf(firstDefinition('class C:\n    # note\n    ("x" \'y\')\n'))?.value).toBe('xy');
  });
  it('ignores f-strings, bytes, later strings and non-string first statements', () => {
    expect(docstringOf(firstDefinition('def f():\n    f"doc"\n'))).toBeUndefined();
    expect(docstringOf(firstDefinition('def f():\n    "a" f"b"\n'))).toBeUndefined();
    expect(docstringOf(firstDefinition('def f():\n    b"doc"\n'))).toBeUndefined();
    expect(docstringOf(firstDefinition('def f():\n    x = 1\n    "doc"\n'))).toBeUndefined();
    expect(docstringOf(firstDefinition('def f():\n    "a", "b"\n'))).toBeUndefined();
  });
  it('keeps the offset of a form feed escape', () => {
    const src = 'def f():\n    """A\n    \\fB"""\n';
    const doc = docstringOf(firstDefinition(src))!;
    const i = doc.value.indexOf('\f');
    expect(src.slice(doc.offsets[i]!, doc.offsets[i]! + 2)).toBe('\\f');
  });
});
