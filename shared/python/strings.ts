// Decodes Python string literal syntax nodes into the exact `str` Python builds, keeping for
// every UTF-16 unit of the value the source offset it came from (so a diagnostic can point
// inside a path string or a docstring). Semantics: CPython 3.11's tokenizer and string parser.
import type { StringWithMap } from '../routing/types';
import type { SyntaxNode } from './parser';
import { lookupUnicodeName } from './unicodeName';

export type DecodeResult = { ok: true; value: StringWithMap } | { ok: false; reason: string };

/** How an f-string replacement field asks for its value to be formatted. */
export interface FormatRequest {
  /** `!r`, `!s`, `!a` (a `=` debug field without conversion or spec implies 'r'). */
  conversion?: 'r' | 's' | 'a';
  /** The decoded format spec after `:`, nested fields already substituted. */
  spec?: string;
}

/**
 * Evaluates an f-string expression to the text Python would insert, honouring `format`
 * (or returns why it cannot: an unknown name, an unsupported conversion or spec, ...).
 */
export type ResolveExpr = (expression: SyntaxNode, format: FormatRequest) => string | { unresolved: string };

/** Builds a value and its offset map together. */
class MappedBuilder {
  value = '';
  offsets: number[] = [];
  push(text: string, offset: number): void {
    this.value += text;
    for (let i = 0; i < text.length; i++) this.offsets.push(offset);
  }
}

class DecodeError extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const VALID_PREFIXES = new Set(['', 'r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);

interface Prefix {
  raw: boolean;
  bytes: boolean;
  f: boolean;
  quote: string;
}

function parseStart(startText: string): Prefix | string {
  const m = /^([A-Za-z]*)('''|"""|'|")$/.exec(startText);
  if (!m) return `unrecognised string start ${JSON.stringify(startText)}`;
  const prefix = m[1]!.toLowerCase();
  if (!VALID_PREFIXES.has(prefix)) return `invalid string prefix ${JSON.stringify(m[1])}`;
  return { raw: prefix.includes('r'), bytes: prefix.includes('b'), f: prefix.includes('f'), quote: m[2]! };
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';

/**
 * Decodes the literal text `text[from, to)` (absolute offset of text[0] is `base`) into `out`.
 * `fstring`: `{{`/`}}` stand for one brace and a lone brace is an error.
 */
function decodeLiteral(text: string, from: number, to: number, base: number, raw: boolean, fstring: boolean, out: MappedBuilder): void {
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '\r') {
      // The tokenizer turns \r\n and a lone \r into \n before the string is read.
      out.push('\n', base + i);
      i += text[i + 1] === '\n' && i + 1 < to ? 2 : 1;
      continue;
    }
    if (fstring && (c === '{' || c === '}')) {
      if (text[i + 1] === c && i + 1 < to) {
        out.push(c, base + i);
        i += 2;
        continue;
      }
      throw new DecodeError(`single '${c}' is not allowed in an f-string literal part`);
    }
    if (c !== '\\' || raw) {
      out.push(c, base + i);
      i++;
      continue;
    }
    i = decodeEscape(text, i, to, base, out);
  }
}

/** Decodes the escape starting at the backslash `text[at]`; returns the index after it. */
function decodeEscape(text: string, at: number, to: number, base: number, out: MappedBuilder): number {
  const offset = base + at;
  const next = at + 1 < to ? text[at + 1] : undefined;
  if (next === undefined) throw new DecodeError('string ends with a lone backslash');
  if (next === '\n') return at + 2;
  if (next === '\r') return text[at + 2] === '\n' && at + 2 < to ? at + 3 : at + 2;
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    out.push(simple, offset);
    return at + 2;
  }
  if (isOct(next)) {
    let end = at + 1;
    while (end < to && end < at + 4 && isOct(text[end])) end++;
    out.push(String.fromCharCode(parseInt(text.slice(at + 1, end), 8)), offset);
    return end;
  }
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength) {
    const digits = text.slice(at + 2, Math.min(at + 2 + hexLength, to));
    if (digits.length < hexLength || ![...digits].every(isHex)) {
      throw new DecodeError(`truncated \\${next}${'X'.repeat(hexLength)} escape`);
    }
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) throw new DecodeError(`illegal Unicode character \\${next}${digits}`);
    out.push(code <= 0xffff ? String.fromCharCode(code) : String.fromCodePoint(code), offset);
    return at + 2 + hexLength;
  }
  if (next === 'N') {
    const close = text.indexOf('}', at + 3);
    if (text[at + 2] !== '{' || close < 0 || close >= to || close === at + 3) {
      throw new DecodeError('malformed \\N character escape');
    }
    const name = text.slice(at + 3, close);
    const code = lookupUnicodeName(name);
    if (code === 'unknown') throw new DecodeError(`\\N{${name}}: unknown Unicode character name`);
    if (code === 'not-in-table') throw new DecodeError(`\\N{${name}}: name not in Route Lens's table of Unicode names`);
    out.push(String.fromCodePoint(code), offset);
    return close + 1;
  }
  // Unknown escape: Python keeps the backslash; the next character is read normally.
  out.push('\\', offset);
  return at + 1;
}

interface StringParts {
  prefix: Prefix;
  contentStart: number;
  contentEnd: number;
}

function stringParts(node: SyntaxNode): StringParts {
  if (node.hasError) throw new DecodeError('the string literal has a syntax error');
  const children = node.children.filter((c): c is SyntaxNode => c !== null);
  const start = children[0];
  const end = children[children.length - 1];
  if (!start || start.type !== 'string_start' || !end || end.type !== 'string_end' || end.isMissing) {
    throw new DecodeError('incomplete string literal');
  }
  const prefix = parseStart(start.text);
  if (typeof prefix === 'string') throw new DecodeError(prefix);
  // tree-sitter sometimes folds trailing content into string_end (raw `r'\<newline>'`), so the
  // content is taken to end where the closing quote starts.
  if (!end.text.endsWith(prefix.quote) || end.endIndex - prefix.quote.length < start.endIndex) {
    throw new DecodeError('unterminated string literal');
  }
  if (prefix.bytes) throw new DecodeError('a bytes literal is not a str (the framework needs str)');
  return { prefix, contentStart: start.endIndex, contentEnd: end.endIndex - prefix.quote.length };
}

function decodeOne(node: SyntaxNode, resolveExpr: ResolveExpr | undefined, out: MappedBuilder): { raw: boolean; f: boolean } {
  const { prefix, contentStart, contentEnd } = stringParts(node);
  const text = node.text;
  const base = node.startIndex;
  if (!prefix.f) {
    decodeLiteral(text, contentStart - base, contentEnd - base, base, prefix.raw, false, out);
    return prefix;
  }
  let cursor = contentStart;
  for (const child of node.children) {
    if (!child || child.type !== 'interpolation') continue;
    decodeLiteral(text, cursor - base, child.startIndex - base, base, prefix.raw, true, out);
    out.push(interpolate(child, text, base, prefix.raw, resolveExpr), child.startIndex);
    cursor = child.endIndex;
  }
  decodeLiteral(text, cursor - base, contentEnd - base, base, prefix.raw, true, out);
  return prefix;
}

/** The text one replacement field `{expr=!r:spec}` produces. */
function interpolate(field: SyntaxNode, text: string, base: number, raw: boolean, resolveExpr: ResolveExpr | undefined): string {
  const parts = field.children.filter((c): c is SyntaxNode => c !== null);
  const expression = parts[1];
  if (!expression || !expression.isNamed) throw new DecodeError('empty f-string replacement field');
  let debugText: string | undefined;
  let conversion: FormatRequest['conversion'];
  let spec: string | undefined;
  for (let k = 2; k < parts.length; k++) {
    const part = parts[k]!;
    if (part.type === '=') {
      // `{ x = }` inserts the source text up to and including the `=` and its trailing spaces.
      const after = parts[k + 1];
      debugText = text.slice(parts[0]!.endIndex - base, (after ? after.startIndex : part.endIndex) - base);
    } else if (part.type === 'type_conversion') {
      const letter = part.text.slice(1);
      if (letter !== 'r' && letter !== 's' && letter !== 'a') throw new DecodeError(`invalid conversion character ${JSON.stringify(letter)}`);
      conversion = letter;
    } else if (part.type === 'format_specifier') {
      spec = formatSpec(part, text, base, raw, resolveExpr);
    } else if (part.type !== '}' && part.type !== 'comment') {
      throw new DecodeError(`unsupported f-string field part ${part.type}`);
    }
  }
  if (debugText !== undefined && conversion === undefined && spec === undefined) conversion = 'r';
  if (!resolveExpr) throw new DecodeError(`f-string field {${expression.text}} needs a value`);
  const format: FormatRequest = {};
  if (conversion) format.conversion = conversion;
  if (spec !== undefined) format.spec = spec;
  const value = resolveExpr(expression, format);
  if (typeof value !== 'string') throw new DecodeError(value.unresolved);
  return (debugText ?? '') + value;
}

function formatSpec(spec: SyntaxNode, text: string, base: number, raw: boolean, resolveExpr: ResolveExpr | undefined): string {
  const out = new MappedBuilder();
  const children = spec.children.filter((c): c is SyntaxNode => c !== null);
  let cursor = children[0]?.type === ':' ? children[0].endIndex : spec.startIndex;
  for (const child of children) {
    if (child.type !== 'format_expression') continue;
    decodeLiteral(text, cursor - base, child.startIndex - base, base, raw, true, out);
    const inner = child.namedChildren.filter((c): c is SyntaxNode => c !== null);
    if (inner.length !== 1 || !resolveExpr) throw new DecodeError(`nested format field ${child.text} is not supported`);
    const value = resolveExpr(inner[0]!, {});
    if (typeof value !== 'string') throw new DecodeError(value.unresolved);
    out.value += value;
    cursor = child.endIndex;
  }
  decodeLiteral(text, cursor - base, spec.endIndex - base, base, raw, true, out);
  return out.value;
}

function stringPieces(node: SyntaxNode): SyntaxNode[] | string {
  if (node.type === 'string') return [node];
  if (node.type !== 'concatenated_string') return `not a string literal (${node.type})`;
  const pieces: SyntaxNode[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type !== 'string') return `unexpected ${child.type} in a concatenated string`;
    pieces.push(child);
  }
  return pieces;
}

/** The nearest sibling of `node` that is not a comment, in one direction. */
function adjacentSibling(node: SyntaxNode, forward: boolean): SyntaxNode | null {
  let sibling = forward ? node.nextSibling : node.previousSibling;
  while (sibling?.type === 'comment') sibling = forward ? sibling.nextSibling : sibling.previousSibling;
  return sibling;
}

/**
 * True when tree-sitter's error recovery left the literal clean but put what sits right beside
 * it (inside the same parentheses) in an ERROR node. That neighbour is often the next piece of
 * an implicit concatenation that tree-sitter could not read (e.g. an f-string with an empty
 * `{}` field), so Python reads a different literal or none at all.
 */
function besideSyntaxError(node: SyntaxNode): boolean {
  for (let current: SyntaxNode | null = node; current; ) {
    const parent: SyntaxNode | null = current.parent;
    if (!parent?.hasError) return false;
    for (const sibling of [adjacentSibling(current, false), adjacentSibling(current, true)]) {
      if (sibling && (sibling.isError || sibling.isMissing)) return true;
    }
    current = parent.type === 'parenthesized_expression' ? parent : null;
  }
  return false;
}

/**
 * The str value of a `string` or `concatenated_string` node. f-string fields are evaluated by
 * `resolveExpr`; without it (or when it cannot) the result is unresolved. Interpolated text is
 * mapped to the offset of its `{`.
 */
export function decodeString(node: SyntaxNode, resolveExpr?: ResolveExpr, file = ''): DecodeResult {
  const pieces = stringPieces(node);
  if (typeof pieces === 'string') return { ok: false, reason: pieces };
  if (node.hasError) return { ok: false, reason: 'the string literal has a syntax error' };
  if (besideSyntaxError(node)) return { ok: false, reason: 'a syntax error right beside the string literal (the literal may continue into it)' };
  const out = new MappedBuilder();
  let allRaw = true;
  try {
    for (const piece of pieces) allRaw = decodeOne(piece, resolveExpr, out).raw && allRaw;
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, reason: e.message };
    throw e;
  }
  const value: StringWithMap = {
    value: out.value,
    offsets: out.offsets,
    file,
    span: { file, start: node.startIndex, end: node.endIndex },
  };
  if (allRaw) value.raw = true;
  return { ok: true, value };
}

/** True when the literal (or every piece of a concatenation) is a plain, non-f, non-bytes str. */
function isPlainStr(node: SyntaxNode): boolean {
  const pieces = stringPieces(node);
  if (typeof pieces === 'string') return false;
  return pieces.every((p) => {
    const start = p.children[0];
    if (!start || start.type !== 'string_start') return false;
    const prefix = parseStart(start.text);
    return typeof prefix !== 'string' && !prefix.f && !prefix.bytes;
  });
}

/**
 * The docstring of a function or class definition as Python ≤ 3.12 stores it in `__doc__`:
 * the body's first statement when it is a plain str literal (or implicit concatenation of
 * them, parentheses allowed). f-strings and bytes are not docstrings. From Python 3.13 the
 * compiler also dedents it: apply `compilerDocstring` (shared/openapi/cleandoc) to the result.
 */
export function docstringOf(definition: SyntaxNode, file = ''): StringWithMap | undefined {
  let def: SyntaxNode | null = definition;
  if (def.type === 'decorated_definition') def = def.childForFieldName('definition');
  if (!def || (def.type !== 'function_definition' && def.type !== 'class_definition')) return undefined;
  const body = def.childForFieldName('body');
  const first = body?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!first || first.type !== 'expression_statement') return undefined;
  const exprs = first.namedChildren.filter((c): c is SyntaxNode => c !== null);
  if (exprs.length !== 1) return undefined;
  let expr = exprs[0]!;
  while (expr.type === 'parenthesized_expression') {
    const inner = expr.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    if (inner.length !== 1) return undefined;
    expr = inner[0]!;
  }
  if (!isPlainStr(expr)) return undefined;
  const decoded = decodeString(expr, undefined, file);
  return decoded.ok ? decoded.value : undefined;
}
