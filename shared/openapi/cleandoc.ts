// inspect.cleandoc and, from Python 3.13, the compiler's own docstring dedent — reproduced
// exactly, keeping for every unit of the result the index of the input unit it came from.
import { atLeast, type Version } from '../versions';
import { isPyWhitespace, pyExpandTabsMapped } from './pystr';

/** A derived string: `from[i]` = index in the original input of `value[i]`. */
export interface MappedText {
  value: string;
  from: number[];
}

interface Line {
  text: string;
  from: number[];
}

function splitLines(t: MappedText): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= t.value.length; i++) {
    if (i === t.value.length || t.value[i] === '\n') {
      lines.push({ text: t.value.slice(start, i), from: t.from.slice(start, i) });
      start = i + 1;
    }
  }
  return lines;
}

function joinLines(lines: Line[], newlineFrom: (index: number) => number): MappedText {
  let value = '';
  const from: number[] = [];
  lines.forEach((line, k) => {
    if (k > 0) {
      value += '\n';
      from.push(newlineFrom(k));
    }
    value += line.text;
    from.push(...line.from);
  });
  return { value, from };
}

const dropStart = (line: Line, n: number): Line => ({ text: line.text.slice(n), from: line.from.slice(n) });

function leadingCount(text: string, isIndent: (ch: string) => boolean): number {
  let i = 0;
  while (i < text.length && isIndent(text[i]!)) i++;
  return i;
}

/**
 * inspect.cleandoc(doc) of the given Python: after expandtabs(), the first line loses its
 * leading whitespace, later lines lose the smallest indentation of the later non-blank lines,
 * then leading and trailing empty lines go. ≤ 3.12: "whitespace" is str.isspace() (so a \f
 * counts as indentation); ≥ 3.13: only ' '. Whitespace is all in the BMP, so the unit counts
 * below equal Python's code point counts.
 */
export function cleandocMapped(doc: string, python: Version): MappedText {
  const isIndent = atLeast(python, '3.13') ? (ch: string) => ch === ' ' : isPyWhitespace;
  const expanded = pyExpandTabsMapped(doc);
  let lines = splitLines(expanded);
  // Where each line's preceding '\n' was, to map the newlines join() puts back.
  const newlineAt: number[] = [];
  {
    let k = 0;
    for (let i = 0; i < expanded.value.length; i++) if (expanded.value[i] === '\n') newlineAt[++k] = expanded.from[i]!;
  }
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const indent = leadingCount(line.text, isIndent);
    if (indent < line.text.length) margin = Math.min(margin, indent);
  }
  lines[0] = dropStart(lines[0]!, leadingCount(lines[0]!.text, isIndent));
  if (margin !== Infinity) lines = lines.map((line, k) => (k === 0 ? line : dropStart(line, margin)));
  let first = 0;
  let last = lines.length;
  while (last > first && lines[last - 1]!.text === '') last--;
  while (first < last && lines[first]!.text === '') first++;
  return joinLines(lines.slice(first, last), (k) => newlineAt[first + k]!);
}

export function cleandoc(doc: string, python: Version): string {
  return cleandocMapped(doc, python).value;
}

/**
 * What Python ≥ 3.13 stores in `__doc__` for a docstring literal whose value is `raw`
 * (CPython's _PyCompile_CleanDoc, Python/compile.c): expandtabs(), strip leading spaces of
 * the first line, remove from each later line up to `margin` spaces, margin = the smallest
 * count of leading spaces of the later lines having something other than spaces before
 * their '\n'. Unlike inspect.cleandoc only ' ' is indentation and blank lines are kept.
 * Python ≤ 3.12 stores the value unchanged.
 */
export function compilerDocstringMapped(raw: string, python: Version): MappedText {
  if (!atLeast(python, '3.13')) return { value: raw, from: Array.from({ length: raw.length }, (_, i) => i) };
  const expanded = pyExpandTabsMapped(raw);
  const lines = splitLines(expanded);
  const isSpace = (ch: string) => ch === ' ';
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const indent = leadingCount(line.text, isSpace);
    if (indent < line.text.length) margin = Math.min(margin, indent);
  }
  if (margin === Infinity) margin = 0;
  const cleaned = lines.map((line, k) => dropStart(line, Math.min(k === 0 ? Infinity : margin, leadingCount(line.text, isSpace))));
  let newline = 0;
  const newlineAt: number[] = [];
  for (let i = 0; i < expanded.value.length; i++) if (expanded.value[i] === '\n') newlineAt[++newline] = expanded.from[i]!;
  return joinLines(cleaned, (k) => newlineAt[k]!);
}

export function compilerDocstring(raw: string, python: Version): string {
  return compilerDocstringMapped(raw, python).value;
}
