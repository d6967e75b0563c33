// Python `str` operations whose JavaScript look-alikes differ (whitespace set, titlecase,
// tab expansion, the Unicode `\w` of `re`). Lengths and columns count code points, as Python does.
import { TITLE_EXCEPTIONS } from './titlecase';

/** str.isspace(): bidi class WS/B/S or category Zs. Not JS's set: adds \x1c-\x1f and \x85, lacks \ufeff. */
const PY_WHITESPACE = new Set(
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
    0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000].map((c) => String.fromCharCode(c)),
);

export function isPyWhitespace(ch: string): boolean {
  return PY_WHITESPACE.has(ch);
}

// Every whitespace character is in the BMP, so stripping can work on UTF-16 units.
function stripSet(chars: string | undefined): (ch: string) => boolean {
  return chars === undefined ? isPyWhitespace : (ch) => chars.includes(ch);
}

/** Index of the first unit `str.lstrip(chars)` keeps. */
export function pyLstripCount(s: string, chars?: string): number {
  const strip = stripSet(chars);
  let i = 0;
  while (i < s.length && strip(s[i]!)) i++;
  return i;
}

/** Index after the last unit `str.rstrip(chars)` keeps. */
export function pyRstripEnd(s: string, chars?: string): number {
  const strip = stripSet(chars);
  let j = s.length;
  while (j > 0 && strip(s[j - 1]!)) j--;
  return j;
}

/** str.lstrip(chars): `chars` must be BMP characters (as every use in the engine is). */
export function pyLstrip(s: string, chars?: string): string {
  return s.slice(pyLstripCount(s, chars));
}

export function pyRstrip(s: string, chars?: string): string {
  return s.slice(0, pyRstripEnd(s, chars));
}

export function pyStrip(s: string, chars?: string): string {
  const start = pyLstripCount(s, chars);
  return start === s.length ? '' : s.slice(start, pyRstripEnd(s, chars));
}

/**
 * str.expandtabs(tabsize) with, for every unit of the result, the index of the unit of `s` it
 * came from. The column counts code points and restarts after \n and \r.
 */
export function pyExpandTabsMapped(s: string, tabsize = 8): { value: string; from: number[] } {
  let value = '';
  const from: number[] = [];
  let column = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\t') {
      const n = tabsize > 0 ? tabsize - (column % tabsize) : 0;
      value += ' '.repeat(n);
      for (let k = 0; k < n; k++) from.push(i);
      column += n;
      continue;
    }
    value += ch;
    from.push(i);
    if (ch === '\n' || ch === '\r') column = 0;
    else if (!isLowSurrogateAfterHigh(s, i)) column++;
  }
  return { value, from };
}

function isLowSurrogateAfterHigh(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const prev = s.charCodeAt(i - 1);
  return prev >= 0xd800 && prev <= 0xdbff;
}

export function pyExpandTabs(s: string, tabsize = 8): string {
  return pyExpandTabsMapped(s, tabsize).value;
}

const WORD = /^[\p{L}\p{N}_]$/u;
const CASED = /^\p{Cased}$/u;
const CASE_IGNORABLE = /^\p{Case_Ignorable}$/u;

/**
 * `re`'s Unicode `\w` for str patterns (sre: Py_UNICODE_ISALNUM(ch) || ch == '_'). isalnum is
 * isalpha (L*) or isdecimal/isdigit/isnumeric, which for Python 3.11's Unicode 14 is exactly N*.
 * The JS tables follow the runtime's Unicode version: code points assigned after Unicode 14 may differ.
 */
export function isPyWordChar(ch: string): boolean {
  return WORD.test(ch);
}

/** re.sub(r"\W", repl, s): every non-word code point (astral ones included) becomes `repl`. */
export function pyReplaceNonWord(s: string, repl: string): string {
  return s.replace(/[^\p{L}\p{N}_]/gu, repl);
}

const isCased = (ch: string): boolean => CASED.test(ch);
const isCaseIgnorable = (ch: string): boolean => CASE_IGNORABLE.test(ch);

/** CPython's handle_capital_sigma: Σ lower-cases to ς at the end of a word. */
function lowerSigma(chars: string[], i: number): string {
  let j = i - 1;
  while (j >= 0 && isCaseIgnorable(chars[j]!)) j--;
  let final = j >= 0 && isCased(chars[j]!);
  if (final && i < chars.length - 1) {
    let k = i + 1;
    while (k < chars.length && isCaseIgnorable(chars[k]!)) k++;
    final = k === chars.length || !isCased(chars[k]!);
  }
  return final ? 'ς' : 'σ';
}

/**
 * str.title(): a character after a cased character is lower-cased, any other is title-cased
 * (full mappings: 'ß' -> 'Ss', 'ǆ' -> 'ǅ'); "cased" is Unicode's Cased property of the
 * ORIGINAL character, so `read_items2go` becomes `Read_Items2Go`.
 */
export function pyTitle(s: string): string {
  const chars = Array.from(s);
  let out = '';
  let previousIsCased = false;
  chars.forEach((ch, i) => {
    if (previousIsCased) out += ch === 'Σ' ? lowerSigma(chars, i) : ch.toLowerCase();
    else out += TITLE_EXCEPTIONS.get(ch.codePointAt(0)!) ?? ch.toUpperCase();
    previousIsCased = isCased(ch);
  });
  return out;
}
